// edn, read and written by edn-data (an independent edn implementation for JavaScript).
import { parseEDNString, toEDNString } from 'edn-data';
import { Skip, contains, doubleCj } from '../cj.mjs';

export const name = 'edn';
export const binary = false;
// edn-data gives every number without N as a JavaScript number (1.0 and 1 alike, 1.50M as 1.5) and every #inst as a
// Date (milliseconds).
export const loose = { numbers: true, instantMs: true };

export function decode(bytes) {
  const text = Buffer.from(bytes).toString('utf8');
  if (/##(NaN|Inf|-Inf)/.test(text)) {
    throw new Skip('edn-data 1.2.2 reads ##NaN and ##Inf as a tag on the next value');
  }
  return toCj(parseEDNString(text, { mapAs: 'doubleArray', setAs: 'set', keywordAs: 'tagged', listAs: 'array',
    charAs: 'tagged' }));
}

function toCj(v) {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') {
    return v;
  }
  if (typeof v === 'number') {
    return Number.isInteger(v) && !Object.is(v, -0) ? { int: String(v) } : doubleCj(v);
  }
  if (typeof v === 'bigint') {
    return { bigint: v.toString() };
  }
  if (v instanceof Date) {
    return { inst: String(v.getTime()) };
  }
  if (Array.isArray(v)) {
    return { list: v.map(toCj) };
  }
  if (v instanceof Set) {
    return { set: [...v].map(toCj) };
  }
  if (v.key !== undefined) {
    return { kw: v.key };
  }
  if (v.sym !== undefined) {
    return { sym: v.sym };
  }
  if (v.char !== undefined) {
    return { char: v.char };
  }
  if (v.map !== undefined) {
    return { map: v.map.map(([k, e]) => [toCj(k), toCj(e)]) };
  }
  if (v.tag !== undefined) {
    if (v.tag === 'uuid') {
      return { uuid: v.val.toLowerCase() };
    }
    if (v.tag === 'sente4j/bytes') {
      return { bytes: Buffer.from(v.val, 'base64').toString('hex') };
    }
    return { tagged: v.tag, value: toCj(v.val) };
  }
  throw new Error('edn-data gave an unexpected value: ' + JSON.stringify(v));
}

/** Encodes with edn-data; returns the bytes and what a reader must get from them. */
export function encode(cj) {
  if (contains(cj, (n) => n && typeof n === 'object' && ('double' in n || 'decimal' in n || 'sub' in n))) {
    throw new Skip('edn-data writes a JavaScript number, so 1.0 as 1 and no M decimals; #inst in milliseconds');
  }
  if (contains(cj, (n) => n && typeof n === 'object' && 'int' in n && !Number.isSafeInteger(Number(n.int)))) {
    throw new Skip('edn-data writes integers beyond 2^53 only as bigint, with N');
  }
  if (contains(cj, (n) => typeof n === 'string' && /[\u007f-\u009f]/.test(n))
      || contains(cj, (n) => n && typeof n === 'object' && 'char' in n && !/^[\p{L}\p{N}]$/u.test(n.char))) {
    throw new Skip('edn-data writes such a character or string with JSON escapes edn does not have');
  }
  return { bytes: Buffer.from(toEDNString(fromCj(cj)), 'utf8'), expect: cj };
}

function fromCj(v) {
  if (v === null || typeof v !== 'object') {
    return v;
  }
  const k = Object.keys(v)[0];
  switch (k) {
    case 'int': return Number(v.int);
    case 'bigint': return BigInt(v.bigint);
    case 'char': return { char: v.char };
    case 'kw': return { key: v.kw };
    case 'sym': return { sym: v.sym };
    case 'list': return v.list.map(fromCj);
    case 'set': return { set: v.set.map(fromCj) };
    case 'map': return { map: v.map.map(([a, b]) => [fromCj(a), fromCj(b)]) };
    case 'inst': return new Date(Number(v.inst));
    case 'uuid': return { tag: 'uuid', val: v.uuid };
    case 'bytes': return { tag: 'sente4j/bytes', val: Buffer.from(v.bytes, 'hex').toString('base64') };
    case 'tagged': return { tag: v.tagged, val: fromCj(v.value) };
    default: throw new Skip('edn-data cannot write ' + k);
  }
}
