import type { Packer, RichPackerOptions } from './sente4j';
export declare function transitPacker(options?: RichPackerOptions): Packer;
