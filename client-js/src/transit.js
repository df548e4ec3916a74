// The Transit packers (PROTOCOL.md §3.4): 'transit-json' (text), as Sente's Transit packer writes by default.
// transit-js reads and writes the format, its cache included; this module converts between its types and the
// client's values (Keyword, Sym, Char, Uuid, Decimal, Tagged, Set, Map or plain objects, BigInt, Date, Uint8Array).
import transit from 'transit-js';
import { Keyword, Sym, Char, Uuid, Decimal, Tagged, ProtocolError } from './sente4j.js';
import { setOf, mapOf } from './collections.js';

const NAME = 'transit-json';
const fail = (message) => new ProtocolError('PACKER', `${NAME}: ${message}`);
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/**
 * The transit-json packer. Options: `maps` ('object', the default: a map whose keys are all strings or keywords is
 * read as a plain object keyed by their text, any other map as a Map; 'Map': every map is read as a Map),
 * `objectKeys` ('keyword', the default: a plain object's keys are written as keywords; 'string': as strings), and
 * the limits maxDepth (128) and maxInputBytes (1 MiB).
 */
export function transitPacker({ maps = 'object', objectKeys = 'keyword', maxDepth = 128, maxInputBytes = 1048576 } = {}) {
  const tagged = (tag) => (rep) => ({ [TAG]: tag, rep });
  const reader = transit.reader('json', {
    preferBuffers: false,
    handlers: {
      ':': (rep) => new Keyword(rep),
      $: (rep) => new Sym(rep),
      c: (rep) => new Char(rep),
      u: (rep) => new Uuid(typeof rep === 'string' ? rep : transit.uuid(rep).toString()),
      n: (rep) => BigInt(rep),
      f: (rep) => new Decimal(rep),
      m: (rep) => new Date(Number(rep)),
      t: (rep) => new Date(rep),
      set: tagged('set'),
      list: (rep) => rep,
      cmap: tagged('cmap'),
    },
    mapBuilder: {
      init: () => [],
      add: (m, k, v) => {
        m.push(k, v);
        return m;
      },
      finalize: (m) => ({ [TAG]: 'map', rep: m }),
    },
  });
  const writer = transit.writer('json', { handlers: writeHandlers() });
  return {
    name: NAME,
    binary: false,
    pack(value) {
      return writer.write(toTransit(value, objectKeys, maxDepth, 1));
    },
    unpack(text) {
      if (text.length > maxInputBytes || new TextEncoder().encode(text).length > maxInputBytes) {
        throw fail(`input over the limit of ${maxInputBytes} bytes`);
      }
      let raw;
      try {
        raw = reader.read(text);
      } catch (e) {
        throw fail(e.message);
      }
      return fromTransit(raw, maps, maxDepth, 1);
    },
    keyword: (name) => new Keyword(name),
    keywordName: (v) => (v instanceof Keyword ? v.text : null),
  };
}

const TAG = Symbol('transit-tag');

function writeHandlers() {
  const handler = (tag, rep = (v) => v.text) => transit.makeWriteHandler({ tag: () => tag, rep, stringRep: rep });
  return transit.map([
    Keyword, handler(':'),
    Sym, handler('$'),
    Char, handler('c'),
    Uuid, handler('u'),
    Decimal, handler('f'),
    Tagged, transit.makeWriteHandler({ tag: (v) => String(v.tag), rep: (v) => v.value, stringRep: () => null }),
  ]);
}

function toTransit(v, objectKeys, maxDepth, depth) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') {
    if (v < LONG_MIN || v > LONG_MAX) return transit.bigInt(v.toString());
    return Number.isSafeInteger(Number(v)) ? Number(v) : transit.integer(v.toString());
  }
  if (typeof v === 'string' && /\p{Cs}/u.test(v)) throw fail('a string holds an unpaired surrogate');
  if (typeof v !== 'object') {
    if (typeof v === 'function' || typeof v === 'symbol') throw fail(`cannot write a ${typeof v}`);
    return v;
  }
  if (depth > maxDepth) throw fail(`nesting deeper than the limit of ${maxDepth}`);
  const inner = (x) => toTransit(x, objectKeys, maxDepth, depth + 1);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw fail('cannot write an invalid Date');
    return v;
  }
  if (v instanceof Keyword || v instanceof Sym || v instanceof Char || v instanceof Uuid || v instanceof Decimal
    || v instanceof Uint8Array) return v;
  if (v instanceof Tagged) return new Tagged(v.tag, inner(v.value));
  if (Array.isArray(v)) return v.map(inner);
  if (v instanceof Set) return transit.set([...v].map(inner));
  if (v instanceof Map) return transit.map([...v].flatMap(([k, x]) => [inner(k), inner(x)]));
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    return transit.map(Object.entries(v).flatMap(([k, x]) => [objectKeys === 'keyword' ? new Keyword(k) : k, inner(x)]));
  }
  throw fail(`cannot write a value of type ${v.constructor?.name ?? typeof v}`);
}

function fromTransit(v, maps, maxDepth, depth) {
  if (v === null || typeof v !== 'object' || v instanceof Date || v instanceof Uint8Array || v instanceof Keyword
    || v instanceof Sym || v instanceof Char || v instanceof Uuid || v instanceof Decimal) return v;
  if (depth > maxDepth) throw fail(`nesting deeper than the limit of ${maxDepth}`);
  const inner = (x) => fromTransit(x, maps, maxDepth, depth + 1);
  if (transit.isInteger(v)) {               // a goog.math.Long beyond 2^53
    return BigInt(v.toString());
  }
  if (Array.isArray(v)) return v.map(inner);
  if (v instanceof Tagged) return new Tagged(v.tag, inner(v.value));
  if (transit.isTaggedValue(v)) return new Tagged(v.tag, inner(v.rep));
  const tag = v[TAG];
  if (tag === 'set') return setOf(v.rep.map(inner), fail);
  if (tag === 'map' || tag === 'cmap') {
    const kvs = v.rep.map(inner);
    const entries = Array.from({ length: kvs.length / 2 }, (_, i) => [kvs[2 * i], kvs[2 * i + 1]]);
    return mapOf(entries, maps, fail);
  }
  throw fail(`cannot read a value of type ${v.constructor?.name}`);
}
