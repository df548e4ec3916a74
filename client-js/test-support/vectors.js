// Reads the golden vectors of spec/vectors (the same files the Java conformance kit reads).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const VECTORS = process.env.SENTE4J_VECTORS || resolve(here, '..', '..', 'spec', 'vectors');

/** The text of a text packer's vector, or the bytes of a binary packer's (.hex) vector. */
export function vector(packer, group, name) {
  const text = join(VECTORS, packer, group, `${name}.txt`);
  if (existsSync(text)) return readFileSync(text, 'utf8');
  return fromHex(readFileSync(join(VECTORS, packer, group, `${name}.hex`), 'utf8'));
}

/** The case names of one group. */
export const cases = (packer, group) =>
  readdirSync(join(VECTORS, packer, group)).map((f) => f.replace(/\.(txt|hex)$/, '')).sort();

export const fromHex = (hex) => Uint8Array.from(hex.trim().match(/../g) ?? [], (h) => parseInt(h, 16));
export const toHex = (bytes) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
