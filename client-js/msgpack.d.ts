import type { Packer, RichPackerOptions } from './sente4j';
export declare function msgpackPacker(options?: RichPackerOptions & { maxCollection?: number }): Packer;
