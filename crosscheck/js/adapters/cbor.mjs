// sente4j's CBOR (packer "cbor", PROTOCOL.md §3.6), read and written by cbor-x with the IANA tags the packer uses,
// registered through cbor-x's addExtension (and its Tag class for a bignum that fits in 64 bits):
//   0 date/time text (RFC 3339) | 1 epoch date/time (cbor-x's own Date, read and written) | 2, 3 bignums |
//   4 decimal fraction [exponent mantissa] | 27 named object [name value]: a Tagged, or a character as
//   ["sente4j/char" "a"] | 37 binary UUID | 39 identifier (":kw", "sym") | 258 set (cbor-x's own Set).
// cbor-x itself parses and writes every CBOR head, string, array, map and float; the adapter only maps tag contents to
// and from the cj form. Its own readings of tags 0 (a Date, in milliseconds), 2 and 3 (a BigInt, as it gives a
// 64-bit integer too), 4 (a lossy JavaScript number) and 27 (an Error) are replaced for that reason.
import { Decoder, Encoder, Tag, addExtension } from 'cbor-x';
import { contains, doubleCj } from '../cj.mjs';

export const name = 'cbor';
export const binary = true;
// cbor-x gives a float with an integral value (1.0) and an integer alike as a JavaScript number; no option or hook
// tells them apart, so only a double of integral value may come back as that integer. Every other kind is strict.
export const loose = { integralDoubles: true };

class Keyword {
  constructor(name) {
    this.name = name;
  }
}

class Sym {
  constructor(name) {
    this.name = name;
  }
}

class Char {
  constructor(c) {
    this.c = c;
  }
}

class Uuid {
  constructor(text) {
    this.text = text;
  }
}

/** An instant to the nanosecond: epoch milliseconds (a BigInt) and nanoseconds within the millisecond. */
class Inst {
  constructor(ms, sub) {
    this.ms = ms;
    this.sub = sub;
  }
}

/** unscaled * 10^exponent; `asBigInt` says whether to write the integers as BigInts (see encode). */
class Decimal {
  constructor(unscaled, exponent, asBigInt) {
    this.unscaled = unscaled;
    this.exponent = exponent;
    this.asBigInt = asBigInt;
  }
}

/** A bignum (tag 2 or 3) as read, to tell it from a 64-bit integer, which cbor-x also gives as a BigInt. */
class BigNum {
  constructor(value) {
    this.value = value;
  }
}

class Tagged {
  constructor(tag, value) {
    this.tag = tag;
    this.value = value;
  }
}

const CHAR_NAME = 'sente4j/char';

function identifier(text) {
  return text.startsWith(':') ? new Keyword(text.substring(1)) : new Sym(text);
}

function namedObject(pair) {
  if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
    throw new Error('tag 27 around something other than [name value]: ' + String(pair));
  }
  return pair[0] === CHAR_NAME ? new Char(pair[1]) : new Tagged(pair[0], pair[1]);
}

function unsigned(bytes) {
  let n = 0n;
  for (const b of bytes) {
    n = (n << 8n) | BigInt(b);
  }
  return n;
}

function magnitude(n) {
  const hex = n === 0n ? '' : n.toString(16);
  return Buffer.from(hex.length % 2 ? '0' + hex : hex, 'hex');
}

/** RFC 3339 text read as an instant: the calendar by Date.parse, the digits below the millisecond from the text. */
function parseDateTime(text) {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    throw new Error('tag 0 around text that is not a date/time: ' + text);
  }
  const fraction = /T[0-9:]+\.([0-9]+)/.exec(text);
  return new Inst(BigInt(ms), fraction ? Number(fraction[1].padEnd(9, '0').substring(3, 9)) : 0);
}

function dateTimeText(t) {
  const iso = new Date(Number(t.ms)).toISOString(); // yyyy-mm-ddThh:mm:ss.sssZ
  return t.sub ? iso.replace('Z', String(t.sub).padStart(6, '0') + 'Z') : iso;
}

addExtension({ Class: Keyword, tag: 39, encode: (k, enc) => enc(':' + k.name), decode: identifier });
addExtension({ Class: Sym, tag: 39, encode: (s, enc) => enc(s.name), decode: identifier });
addExtension({ Class: Char, tag: 27, encode: (c, enc) => enc([CHAR_NAME, c.c]), decode: namedObject });
addExtension({ Class: Tagged, tag: 27, encode: (t, enc) => enc([t.tag, t.value]), decode: namedObject });
addExtension({ Class: Uuid, tag: 37, encode: (u, enc) => enc(Buffer.from(u.text.replace(/-/g, ''), 'hex')),
  decode: (b) => {
    const h = Buffer.from(b).toString('hex');
    if (h.length !== 32) {
      throw new Error('tag 37 around other than 16 bytes');
    }
    return new Uuid(`${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`);
  } });
addExtension({ Class: Inst, tag: 0, encode: (t, enc) => enc(dateTimeText(t)), decode: parseDateTime });
addExtension({ Class: Decimal, tag: 4,
  encode: (d, enc) => enc(d.asBigInt ? [BigInt(d.exponent), d.unscaled]
    : [d.exponent, Number.isSafeInteger(Number(d.unscaled)) ? Number(d.unscaled) : d.unscaled]),
  decode: (pair) => {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new Error('tag 4 around other than [exponent mantissa]');
    }
    const [e, m] = pair;
    return new Decimal(m instanceof BigNum ? m.value : BigInt(m), Number(e), false);
  } });
addExtension({ tag: 2, decode: (b) => new BigNum(unsigned(b)) });
addExtension({ tag: 3, decode: (b) => new BigNum(-1n - unsigned(b)) });

const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });

export function decode(bytes) {
  return toCj(decoder.decode(bytes));
}

function toCj(v) {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') {
    return v;
  }
  if (typeof v === 'number') {
    // cbor-x gives an integer of up to 32 bits as a number (a longer one as a BigInt); anything else is a float
    const integer = Number.isInteger(v) && !Object.is(v, -0) && v >= -(2 ** 32) && v < 2 ** 32;
    return integer ? { int: String(v) } : doubleCj(v);
  }
  if (typeof v === 'bigint') { // major type 0 or 1 with a 64-bit argument
    return BigInt.asIntN(64, v) === v ? { int: v.toString() } : { bigint: v.toString() };
  }
  if (v instanceof BigNum) {
    return { bigint: v.value.toString() };
  }
  if (v instanceof Uint8Array) {
    return { bytes: Buffer.from(v).toString('hex') };
  }
  if (Array.isArray(v)) {
    return { list: v.map(toCj) };
  }
  if (v instanceof Set) {
    return { set: [...v].map(toCj) };
  }
  if (v instanceof Map) {
    return { map: [...v].map(([k, e]) => [toCj(k), toCj(e)]) };
  }
  if (v instanceof Keyword) {
    return { kw: v.name };
  }
  if (v instanceof Sym) {
    return { sym: v.name };
  }
  if (v instanceof Char) {
    return { char: v.c };
  }
  if (v instanceof Uuid) {
    return { uuid: v.text };
  }
  if (v instanceof Inst) {
    return v.sub ? { inst: v.ms.toString(), sub: v.sub } : { inst: v.ms.toString() };
  }
  if (v instanceof Date) {
    return { inst: String(v.getTime()) };
  }
  if (v instanceof Decimal) {
    return { decimal: decimalText(v.unscaled, -v.exponent) };
  }
  if (v instanceof Tagged) {
    return { tagged: v.tag, value: toCj(v.value) };
  }
  if (v instanceof Tag) {
    throw new Error('cbor-x read tag ' + v.tag + ', which sente4j does not write');
  }
  throw new Error('cbor-x gave an unexpected value: ' + String(v));
}

/** BigDecimal.toString's text of unscaled * 10^-scale (plain, or scientific when the scale is negative or small). */
function decimalText(unscaled, scale) {
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString();
  const adjusted = -scale + digits.length - 1;
  let text;
  if (scale >= 0 && adjusted >= -6) {
    text = scale === 0 ? digits : digits.length > scale
      ? digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale)
      : '0.' + '0'.repeat(scale - digits.length) + digits;
  } else {
    text = digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + 'E' + (adjusted >= 0 ? '+' : '')
      + adjusted;
  }
  return (unscaled < 0n ? '-' : '') + text;
}

/** The unscaled value and exponent of a BigDecimal.toString text. */
function parseDecimal(text) {
  const m = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:E([+-]?[0-9]+))?$/.exec(text);
  if (!m) {
    throw new Error('not a decimal: ' + text);
  }
  const fraction = m[3] ?? '';
  return { unscaled: BigInt(m[1] + m[2] + fraction), exponent: Number(m[4] ?? 0) - fraction.length };
}

export function encode(cj) {
  // cbor-x writes a number with an integral value (1.0, -0.0) as an integer unless alwaysUseFloat is set, which
  // makes every number a float 64; with it, every integer is passed as a BigInt (cbor-x writes those as integers).
  const floats = contains(cj, (n) => n && typeof n === 'object' && 'double' in n);
  // useTag259ForMaps: cbor-x would otherwise mark a Map with tag 259, which is not in sente4j's set of tags.
  const encoder = new Encoder({ useRecords: false, useTag259ForMaps: false, tagUint8Array: false,
    alwaysUseFloat: floats });
  return { bytes: encoder.encode(fromCj(cj, floats)), expect: cj };
}

const U64 = 1n << 64n;

function fromCj(v, floats) {
  if (v === null || typeof v !== 'object') {
    return v;
  }
  const k = Object.keys(v)[0];
  switch (k) {
    case 'int': return floats || !Number.isSafeInteger(Number(v.int)) ? BigInt(v.int) : Number(v.int);
    case 'bigint': { // beyond 64 bits cbor-x writes the bignum itself; within them it would write an integer
      const n = BigInt(v.bigint);
      return n >= U64 || n < -U64 ? n : new Tag(magnitude(n >= 0n ? n : -1n - n), n >= 0n ? 2 : 3);
    }
    case 'double': return Number(v.double);
    case 'decimal': {
      const d = parseDecimal(v.decimal);
      return new Decimal(d.unscaled, d.exponent, floats);
    }
    case 'char': return new Char(v.char);
    case 'kw': return new Keyword(v.kw);
    case 'sym': return new Sym(v.sym);
    case 'uuid': return new Uuid(v.uuid);
    case 'inst': { // cbor-x's own Date (tag 1) for whole seconds; tag 0 text when there is a fraction
      const ms = BigInt(v.inst);
      return ms % 1000n === 0n && !v.sub ? new Date(Number(ms)) : new Inst(ms, v.sub ?? 0);
    }
    case 'bytes': return Buffer.from(v.bytes, 'hex');
    case 'list': return v.list.map((e) => fromCj(e, floats));
    case 'set': return new Set(v.set.map((e) => fromCj(e, floats)));
    case 'map': return new Map(v.map.map(([a, b]) => [fromCj(a, floats), fromCj(b, floats)]));
    case 'tagged': return new Tagged(v.tagged, fromCj(v.value, floats));
    default: throw new Error('no cbor form for ' + k);
  }
}
