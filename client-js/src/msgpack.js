// The MessagePack packer (PROTOCOL.md §3.5): Sente 1.21's format, with its extension types (keyword 0, symbol 1,
// char 2, set 4, cached map key 8, UUID 9, timestamp -1) and its per-message map-key cache. Reading goes through
// @msgpack/msgpack's Decoder (every width, size limits, trailing bytes refused); writing is done here, because Sente
// writes forms that library does not choose (int 64 for every integer beyond 32 bits, the 12-byte timestamp always,
// maps with keys of any type, the key cache).
import { Decoder, ExtensionCodec, ExtData } from '@msgpack/msgpack';
import { Keyword, Sym, Char, Uuid, Decimal, Tagged, ProtocolError } from './sente4j.js';
import { setOf, mapOf } from './collections.js';

const NAME = 'msgpack';
const CACHE_SIZE = 256;
const fail = (message) => new ProtocolError('PACKER', `${NAME}: ${message}`);

class KeyRef {
  constructor(index) {
    this.index = index;
  }
}

/**
 * The MessagePack packer. Options: `maps` ('object', the default: a map whose keys are all strings or keywords is
 * read as a plain object keyed by their text, any other map as a Map; 'Map': every map is read as a Map, keys kept
 * as read), `objectKeys` ('keyword', the default: a plain object's keys are written as keywords, as a Clojure peer
 * expects; 'string': as strings), and the limits maxDepth (128), maxInputBytes (1 MiB), maxCollection (100,000).
 */
export function msgpackPacker({ maps = 'object', objectKeys = 'keyword', maxDepth = 128, maxInputBytes = 1048576,
  maxCollection = 100000 } = {}) {
  return {
    name: NAME,
    binary: true,
    pack: (value) => encode(value, { objectKeys, maxDepth }),
    unpack: (bytes) => decode(bytes, { maps, maxDepth, maxInputBytes, maxCollection }),
    keyword: (name) => new Keyword(name),
    keywordName: (v) => (v instanceof Keyword ? v.text : null),
  };
}

// ---- writing

function encode(value, options) {
  const out = new Writer();
  const state = { cache: new Map(), ...options };
  write(out, value, state, 1);
  return out.bytes();
}

const utf8 = new TextEncoder();

function write(out, v, state, depth) {
  if (v === null || v === undefined) return out.u8(0xc0);
  switch (typeof v) {
    case 'boolean': return out.u8(v ? 0xc3 : 0xc2);
    case 'number':
      if (Number.isSafeInteger(v) && !Object.is(v, -0)) return writeInt(out, BigInt(v));
      out.u8(0xcb);
      return out.view(8, (d) => d.setFloat64(0, v));
    case 'bigint': return writeInt(out, v);
    case 'string': return writeStr(out, v);
    default:
  }
  if (depth > state.maxDepth) throw fail(`nesting deeper than the limit of ${state.maxDepth}`);
  if (v instanceof Keyword) return writeExt(out, 0, text(v.text));
  if (v instanceof Sym) return writeExt(out, 1, text(v.text));
  if (v instanceof Char) return writeExt(out, 2, text(v.text));
  if (v instanceof Uuid) return writeExt(out, 9, utf8.encode(v.text));
  if (v instanceof Date) return writeExt(out, -1, timestamp(v));
  if (v instanceof Uint8Array) {
    header(out, v.length, [null, 0xc4, 0xc5, 0xc6]);
    return out.raw(v);
  }
  if (v instanceof Set) {
    const inner = new Writer();
    write(inner, [...v], state, depth);
    return writeExt(out, 4, inner.bytes());
  }
  if (Array.isArray(v)) {
    header(out, v.length, [0x90, null, 0xdc, 0xdd], 16);
    return v.forEach((x) => write(out, x, state, depth + 1));
  }
  if (v instanceof Decimal || v instanceof Tagged) throw fail(`cannot write a ${v.constructor.name}`);
  let entries;
  if (v instanceof Map) entries = [...v];
  else if (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null) {
    entries = Object.entries(v).map(([k, x]) => [state.objectKeys === 'keyword' ? new Keyword(k) : k, x]);
  } else throw fail(`cannot write a value of type ${v.constructor?.name ?? typeof v}`);
  header(out, entries.length, [0x80, null, 0xde, 0xdf], 16);
  for (const [k, x] of entries) {
    writeKey(out, k, state, depth + 1);
    write(out, x, state, depth + 1);
  }
  return undefined;
}

/** A keyword or string key already written in this message is written as its number (extension 8). */
function writeKey(out, k, state, depth) {
  const id = typeof k === 'string' ? `s${k}` : k instanceof Keyword ? `k${k.text}` : null;
  if (id !== null) {
    const index = state.cache.get(id);
    if (index !== undefined) return writeExt(out, 8, Uint8Array.of(index));
    if (state.cache.size < CACHE_SIZE) state.cache.set(id, state.cache.size);
  }
  return write(out, k, state, depth);
}

function writeInt(out, n) {
  if (n >= 0n) {
    if (n < 128n) return out.u8(Number(n));
    if (n < 0x100n) return out.u8(0xcc, Number(n));
    if (n < 0x10000n) return out.u8(0xcd).view(2, (d) => d.setUint16(0, Number(n)));
    if (n < 0x100000000n) return out.u8(0xce).view(4, (d) => d.setUint32(0, Number(n)));
    if (n < 2n ** 63n) return out.u8(0xd3).view(8, (d) => d.setBigInt64(0, n));
    if (n < 2n ** 64n) return out.u8(0xcf).view(8, (d) => d.setBigUint64(0, n));
  } else {
    if (n >= -32n) return out.u8(Number(n) & 0xff);
    if (n >= -0x80n) return out.u8(0xd0).view(1, (d) => d.setInt8(0, Number(n)));
    if (n >= -0x8000n) return out.u8(0xd1).view(2, (d) => d.setInt16(0, Number(n)));
    if (n >= -0x80000000n) return out.u8(0xd2).view(4, (d) => d.setInt32(0, Number(n)));
    if (n >= -(2n ** 63n)) return out.u8(0xd3).view(8, (d) => d.setBigInt64(0, n));
  }
  throw fail(`the integer ${n} is outside -2^63 to 2^64-1`);
}

function text(s) {
  if (/\p{Cs}/u.test(s)) throw fail('a string holds an unpaired surrogate');
  return utf8.encode(s);
}

function writeStr(out, s) {
  const b = text(s);
  header(out, b.length, [0xa0, 0xd9, 0xda, 0xdb], 32);
  out.raw(b);
}

/** The header of a sized item: fix form below `fixLimit`, else the 8-, 16- or 32-bit form (null: none). */
function header(out, n, [fix, b8, b16, b32], fixLimit = 0) {
  if (fix !== null && n < fixLimit) out.u8(fix + n);
  else if (b8 !== null && n < 0x100) out.u8(b8, n);
  else if (n < 0x10000) out.u8(b16).view(2, (d) => d.setUint16(0, n));
  else out.u8(b32).view(4, (d) => d.setUint32(0, n));
}

function writeExt(out, type, data) {
  const fixed = { 1: 0xd4, 2: 0xd5, 4: 0xd6, 8: 0xd7, 16: 0xd8 }[data.length];
  if (fixed) out.u8(fixed);
  else header(out, data.length, [null, 0xc7, 0xc8, 0xc9]);
  out.u8(type & 0xff).raw(data);
}

/** Sente's timestamp: always the 12-byte form, nanoseconds (32 bits) then seconds (signed 64 bits). */
function timestamp(date) {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw fail('cannot write an invalid Date');
  const seconds = Math.floor(ms / 1000);
  const d = new DataView(new ArrayBuffer(12));
  d.setUint32(0, (ms - seconds * 1000) * 1e6);
  d.setBigInt64(4, BigInt(seconds));
  return new Uint8Array(d.buffer);
}

class Writer {
  constructor() {
    this.buf = new Uint8Array(64);
    this.n = 0;
  }
  room(k) {
    if (this.n + k > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
      bigger.set(this.buf.subarray(0, this.n));
      this.buf = bigger;
    }
  }
  u8(...bytes) {
    this.room(bytes.length);
    for (const b of bytes) this.buf[this.n++] = b;
    return this;
  }
  view(k, fill) {
    this.room(k);
    fill(new DataView(this.buf.buffer, this.n, k));
    this.n += k;
    return this;
  }
  raw(bytes) {
    this.room(bytes.length);
    this.buf.set(bytes, this.n);
    this.n += bytes.length;
    return this;
  }
  bytes() {
    return this.buf.slice(0, this.n);
  }
}

// ---- reading

const TOKEN = '\u0000';
const strict = new TextDecoder('utf-8', { fatal: true });

function decode(bytes, options) {
  if (!(bytes instanceof Uint8Array)) throw fail('expected bytes');
  if (bytes.length > options.maxInputBytes) {
    throw fail(`input of ${bytes.length} bytes is over the limit of ${options.maxInputBytes}`);
  }
  const state = { ...options, cache: [], keys: [], sets: 0 };
  let raw;
  try {
    raw = decoder(state).decode(bytes);
  } catch (e) {
    throw e instanceof ProtocolError ? e : fail(e.message);
  }
  return build(raw, state, 1);
}

function decoder(state) {
  const codec = new ExtensionCodec();
  const name = (Type) => (data) => {
    try {
      return new Type(strict.decode(data));
    } catch (e) {
      throw fail(`a ${Type.name} extension: ${e.message}`);
    }
  };
  codec.register({ type: 0, decode: name(Keyword) });
  codec.register({ type: 1, decode: name(Sym) });
  codec.register({ type: 2, decode: name(Char) });
  codec.register({ type: 9, decode: name(Uuid) });
  codec.register({ type: -1, decode: readTimestamp });
  codec.register({
    type: 8,
    decode: (data) => {
      if (data.length !== 1) throw fail('a cached key reference holds one byte');
      return new KeyRef(data[0]);
    },
  });
  codec.register({
    type: 4,
    decode: (data) => {
      if (++state.sets > state.maxDepth) throw fail(`nesting deeper than the limit of ${state.maxDepth}`);
      const items = decoder(state).decode(data);
      state.sets -= 1;
      if (!Array.isArray(items)) throw fail('a set extension holds one array');
      return new Set([items]);     // wrapped: built into a Set of its elements by build()
    },
  });
  return new Decoder({
    extensionCodec: codec,
    useBigInt64: true,
    maxArrayLength: state.maxCollection,
    maxMapLength: state.maxCollection,
    mapKeyConverter: (key) => {
      let k = key;
      if (k instanceof KeyRef) {
        if (k.index >= state.cache.length) throw fail(`a cached key reference to ${k.index}, not yet numbered`);
        k = state.cache[k.index];
      } else if ((typeof k === 'string' || k instanceof Keyword) && state.cache.length < CACHE_SIZE) {
        state.cache.push(k);
      }
      state.keys.push(k);
      return TOKEN + (state.keys.length - 1);
    },
  });
}

function readTimestamp(data) {
  const d = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let nanos = 0;
  let seconds;
  if (data.length === 4) seconds = BigInt(d.getUint32(0));
  else if (data.length === 8) {
    const hi = d.getUint32(0);
    nanos = hi >>> 2;
    seconds = (BigInt(hi & 3) << 32n) | BigInt(d.getUint32(4));
  } else if (data.length === 12) {
    nanos = d.getUint32(0);
    seconds = d.getBigInt64(4);
  } else throw fail(`a timestamp of ${data.length} bytes`);
  if (nanos > 999999999) throw fail(`a timestamp with ${nanos} nanoseconds`);
  const ms = Number(seconds) * 1000 + Math.floor(nanos / 1e6);
  if (Math.abs(ms) > 8.64e15) throw fail('a timestamp beyond the range of a Date');
  return new Date(ms);
}

/** Turns the decoder's output into values: maps rebuilt from their tokens, sets, small integers as numbers. */
function build(v, state, depth) {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) && BigInt(Number(v)) === v ? Number(v) : v;
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array || v instanceof Date || v instanceof Keyword
    || v instanceof Sym || v instanceof Char || v instanceof Uuid) return v;
  if (depth > state.maxDepth) throw fail(`nesting deeper than the limit of ${state.maxDepth}`);
  if (Array.isArray(v)) return v.map((x) => build(x, state, depth + 1));
  if (v instanceof Set) return setOf([...v][0].map((x) => build(x, state, depth + 1)), fail);
  if (v instanceof KeyRef) throw fail('a cached key reference where no map key is');
  if (v instanceof ExtData) throw fail(`extension type ${v.type} is not in the data model`);
  const entries = Object.keys(v).map((t) => [build(state.keys[Number(t.slice(1))], state, depth + 1), build(v[t], state, depth + 1)]);
  return mapOf(entries, state.maps, fail);
}
