// Sente's MessagePack (packer "msgpack"), read and written by @msgpack/msgpack with Sente's extension types:
// keyword 0, symbol 1, character 2, set 4 (a packed array inside), UUID 9 (its string), instant -1 (the MessagePack
// timestamp, through the library's own timestamp functions).
//
// Sente's map-key cache (ext 8: a repeated keyword or string map key written as its one-byte number) is implemented
// by no npm library, so a payload that uses it is skipped when decoding; the Java tests check it against bytes
// captured from Sente (KeyCacheTest, SenteWireBytesTest). The library writes every key out, which sente4j must read.
//
// Two small subclasses fill what the library's public options cannot express, using its own writers and readers:
// the Decoder marks every float it reads (so 1.0 stays a double: the library's number cannot tell 1.0 from 1), and
// the Encoder writes a JavaScript Map as a MessagePack map with keys of any type (the library writes maps only from
// plain objects, whose keys are strings) and a marked integral double as a float 64.
import { Decoder, Encoder, ExtData, ExtensionCodec, decodeTimestampToTimeSpec, encodeTimeSpecToTimestamp }
  from '@msgpack/msgpack';
import { Skip, contains, doubleCj } from '../cj.mjs';

export const name = 'msgpack';
export const binary = true;
// Strict: floats are marked when read, and integers come back as integers (uint 64 beyond 2^63-1 as a big integer).
export const loose = {};

/** A double, read as a float or to be written as one. */
class Float {
  constructor(value) {
    this.value = value;
  }
}

/** A value of one of Sente's extension types, already in cj form. */
class Ext {
  constructor(cj) {
    this.cj = cj;
  }
}

class FloatMarkingDecoder extends Decoder {
  readF32() {
    return new Float(super.readF32());
  }

  readF64() {
    return new Float(super.readF64());
  }
}

class MapWritingEncoder extends Encoder {
  encodeObject(object, depth) {
    if (object instanceof Float) {
      this.encodeNumberAsFloat(object.value);
    } else if (object instanceof Map) {
      // The header as the library's encodeMap writes it (fixmap, map 16, map 32), then each key and value.
      const size = object.size;
      if (size < 16) {
        this.writeU8(0x80 + size);
      } else if (size < 0x10000) {
        this.writeU8(0xde);
        this.writeU16(size);
      } else {
        this.writeU8(0xdf);
        this.writeU32(size);
      }
      for (const [k, v] of object) {
        this.doEncode(k, depth + 1);
        this.doEncode(v, depth + 1);
      }
    } else {
      super.encodeObject(object, depth);
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Sente's extension types for reading; `keys` collects the map keys of one message, in order. */
function codec(keys) {
  const c = new ExtensionCodec();
  const text = (type, kind) => c.register({ type, encode: () => null,
    decode: (d) => new Ext({ [kind]: utf8.decode(d) }) });
  text(0, 'kw');
  text(1, 'sym');
  text(2, 'char');
  text(9, 'uuid');
  c.register({ type: 4, encode: () => null, decode: (d) => {
    const items = read(d, keys);
    if (!Array.isArray(items)) {
      throw new Error('a set extension (4) that does not hold an array');
    }
    return new Ext({ set: items.map(toCj(keys)) });
  } });
  c.register({ type: 8, encode: () => null, decode: () => {
    throw new Skip('uses ext 8 (Sente\'s map-key cache), which no npm library implements; checked in Java');
  } });
  c.register({ type: -1, encode: () => null, decode: (d) => {
    const t = decodeTimestampToTimeSpec(d);
    const ns = BigInt(t.sec) * 1_000_000_000n + BigInt(t.nsec);
    const ms = ns / 1_000_000n - (ns % 1_000_000n < 0n ? 1n : 0n);
    const sub = Number(ns - ms * 1_000_000n);
    return new Ext(sub ? { inst: ms.toString(), sub } : { inst: ms.toString() });
  } });
  return c;
}

/** Decodes with the library; every map key is replaced by a property name that gives its place in `keys`. */
function read(bytes, keys) {
  return new FloatMarkingDecoder({ extensionCodec: codec(keys), useBigInt64: true,
    mapKeyConverter: (k) => '\u0000' + (keys.push(k) - 1) }).decode(bytes);
}

export function decode(bytes) {
  const keys = [];
  return toCj(keys)(read(bytes, keys));
}

const toCj = (keys) => function conv(v) {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') {
    return v;
  }
  if (typeof v === 'number') { // an integer: floats are marked
    return { int: String(v) };
  }
  if (typeof v === 'bigint') {
    return BigInt.asIntN(64, v) === v ? { int: v.toString() } : { bigint: v.toString() };
  }
  if (v instanceof Float) {
    return doubleCj(v.value);
  }
  if (v instanceof Ext) {
    return v.cj;
  }
  if (v instanceof Uint8Array) {
    return { bytes: Buffer.from(v).toString('hex') };
  }
  if (Array.isArray(v)) {
    return { list: v.map(conv) };
  }
  if (v instanceof ExtData) {
    throw new Error('extension type ' + v.type + ' is not one of Sente\'s');
  }
  return { map: Object.entries(v).map(([key, e]) => [conv(keys[Number(key.substring(1))]), conv(e)]) };
};

const U64 = 1n << 64n;
const I64_MAX = (1n << 63n) - 1n;

export function encode(cj) {
  if (contains(cj, (n) => n && typeof n === 'object' && ('decimal' in n || 'tagged' in n))) {
    throw new Skip('Sente\'s MessagePack has no BigDecimal and no tags');
  }
  if (contains(cj, (n) => n && typeof n === 'object' && 'bigint' in n
      && !(BigInt(n.bigint) > I64_MAX && BigInt(n.bigint) < U64))) {
    throw new Skip('Sente\'s MessagePack has big integers only from 2^63 to 2^64-1 (uint 64)');
  }
  return { bytes: write(fromCj(cj)), expect: cj };
}

function write(v) {
  return new MapWritingEncoder({ useBigInt64: true, extensionCodec: new ExtensionCodec() }).encode(v);
}

const enc = new TextEncoder();

function fromCj(v) {
  if (v === null || typeof v !== 'object') {
    return v;
  }
  const k = Object.keys(v)[0];
  switch (k) {
    case 'int': return Number.isSafeInteger(Number(v.int)) ? Number(v.int) : BigInt(v.int);
    case 'bigint': return BigInt(v.bigint); // uint 64
    case 'double': { // the library writes an integral number (and -0) as an integer
      const x = Number(v.double);
      return Number.isInteger(x) ? new Float(x) : x;
    }
    case 'kw': return new ExtData(0, enc.encode(v.kw));
    case 'sym': return new ExtData(1, enc.encode(v.sym));
    case 'char': return new ExtData(2, enc.encode(v.char));
    case 'uuid': return new ExtData(9, enc.encode(v.uuid));
    case 'set': return new ExtData(4, write(v.set.map(fromCj)));
    case 'list': return v.list.map(fromCj);
    case 'map': return new Map(v.map.map(([a, b]) => [fromCj(a), fromCj(b)]));
    case 'bytes': return Uint8Array.from(Buffer.from(v.bytes, 'hex'));
    case 'inst': {
      const ns = BigInt(v.inst) * 1_000_000n + BigInt(v.sub ?? 0);
      const sec = ns / 1_000_000_000n - (ns % 1_000_000_000n < 0n ? 1n : 0n);
      return new ExtData(-1, encodeTimeSpecToTimestamp({ sec: Number(sec), nsec: Number(ns - sec * 1_000_000_000n) }));
    }
    default: throw new Skip('Sente\'s MessagePack cannot write ' + k);
  }
}

/** The frames of sente-wire-facts.md §2.4, hand-written from Sente 1.21's output, decoded and re-encoded. */
export function selfTest() {
  const s = (t) => Buffer.from(t, 'utf8').toString('hex');
  const cases = [
    ['9292c70e00' + s('chsk/handshake') + '93a5' + s('alice') + 'c0c0c0',
      { list: [{ list: [{ kw: 'chsk/handshake' }, { list: ['alice', null, null] }] }, null] }],
    ['92c70c00' + s('chsk/ws-ping') + 'c0', { list: [{ kw: 'chsk/ws-ping' }, null] }],
    ['92a4' + s('pong') + 'a6' + s('3f9c2a'), { list: ['pong', '3f9c2a'] }],
    ['92a1' + s('x') + 'd600' + s('ajax'), { list: ['x', { kw: 'ajax' }] }],
  ];
  for (const [hex, expected] of cases) {
    const got = decode(Buffer.from(hex, 'hex'));
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      throw new Error('msgpack self-test: ' + hex + ' read as ' + JSON.stringify(got));
    }
    // Sente's bytes are the smallest encoding, and so are the library's for these values.
    const again = Buffer.from(encode(expected).bytes).toString('hex');
    if (again !== hex) {
      throw new Error('msgpack self-test: ' + JSON.stringify(expected) + ' wrote ' + again + ', not ' + hex);
    }
  }
  return cases.length;
}
