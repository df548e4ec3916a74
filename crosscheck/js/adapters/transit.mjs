// Transit, read and written by transit-js (Cognitect's own JavaScript implementation, independent of transit-java).
import transit from 'transit-js';
import { Skip, contains, doubleCj } from '../cj.mjs';

// transit-js gives small integers and doubles alike as JavaScript numbers, and a character as a one-character string.
export const loose = { numbers: true, charAsString: true };

export function adapter(format) {
  const binary = format === 'msgpack';
  return {
    name: binary ? 'transit-msgpack' : 'transit-json',
    binary,
    loose,
    decode(bytes) {
      if (binary) {
        throw new Skip('transit-js reads JSON only; transit-msgpack is checked through @msgpack/msgpack below');
      }
      return toCj(transit.reader('json').read(Buffer.from(bytes).toString('utf8')));
    },
    encode(cj) {
      if (binary) {
        throw new Skip('transit-js writes JSON only');
      }
      if (contains(cj, (n) => n && typeof n === 'object' && ('sub' in n || 'char' in n))) {
        throw new Skip('transit-js writes instants in milliseconds and has no character type');
      }
      if (contains(cj, (n) => n && typeof n === 'object' && 'double' in n && Number.isInteger(Number(n.double)))) {
        throw new Skip('transit-js writes an integral double as an integer');
      }
      return { bytes: Buffer.from(transit.writer('json').write(fromCj(cj)), 'utf8'), expect: cj };
    },
  };
}

export function toCj(v) {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') {
    return v;
  }
  if (typeof v === 'number') {
    return Number.isInteger(v) && !Object.is(v, -0) ? { int: String(v) } : doubleCj(v);
  }
  if (transit.isInteger(v)) {
    return { int: v.toString() };
  }
  if (transit.isKeyword(v)) {
    return { kw: v.toString().substring(1) };
  }
  if (transit.isSymbol(v)) {
    return { sym: v.toString() };
  }
  if (transit.isUUID(v)) {
    return { uuid: v.toString() };
  }
  if (v instanceof Date) {
    return { inst: String(v.getTime()) };
  }
  if (transit.isBinary(v)) {
    return { bytes: Buffer.from(v).toString('hex') };
  }
  if (Array.isArray(v)) {
    return { list: v.map(toCj) };
  }
  if (transit.isSet(v)) {
    const out = [];
    v.forEach((e) => out.push(toCj(e)));
    return { set: out };
  }
  if (transit.isMap(v)) {
    const out = [];
    v.forEach((e, k) => out.push([toCj(k), toCj(e)]));
    return { map: out };
  }
  if (transit.isBigInt(v)) {
    return { bigint: v.rep };
  }
  if (transit.isBigDec(v)) {
    return { decimal: v.rep };
  }
  if (transit.isList(v)) {
    return { list: v.rep.map(toCj) };
  }
  if (transit.isTaggedValue(v)) {
    return { tagged: v.tag, value: toCj(v.rep) };
  }
  throw new Error('transit-js gave an unexpected value: ' + String(v));
}

function fromCj(v) {
  if (v === null || typeof v !== 'object') {
    return v;
  }
  const k = Object.keys(v)[0];
  switch (k) {
    case 'int': return Number.isSafeInteger(Number(v.int)) ? Number(v.int) : transit.integer(v.int);
    case 'bigint': return transit.bigInt(v.bigint);
    case 'double': return Number(v.double);
    case 'decimal': return transit.bigDec(v.decimal);
    case 'kw': return transit.keyword(v.kw);
    case 'sym': return transit.symbol(v.sym);
    case 'list': return v.list.map(fromCj);
    case 'set': return transit.set(v.set.map(fromCj));
    case 'map': return transit.map(v.map.flatMap(([a, b]) => [fromCj(a), fromCj(b)]));
    case 'inst': return new Date(Number(v.inst));
    case 'uuid': return transit.uuid(v.uuid);
    case 'bytes': return transit.binary(Buffer.from(v.bytes, 'hex').toString('base64'));
    case 'tagged': return transit.tagged(v.tagged, fromCj(v.value));
    default: throw new Skip('transit-js cannot write ' + k);
  }
}

// transit-msgpack: transit-js reads and writes only JSON, so the MessagePack layer is @msgpack/msgpack's. Transit's
// MessagePack encoding is its JSON encoding with MessagePack maps for "^ " arrays and MessagePack numbers, so a
// payload is decoded by @msgpack/msgpack, laid out as transit-json and read by transit-js (and the reverse to write).
import { decode as mpDecode, encode as mpEncode } from '@msgpack/msgpack';

export function msgpackAdapter() {
  return {
    name: 'transit-msgpack',
    binary: true,
    loose,
    decode(bytes) {
      const keys = [];
      const raw = mpDecode(bytes, { useBigInt64: true, mapKeyConverter: (k) => '\u0000' + (keys.push(k) - 1) });
      return toCj(transit.reader('json').read(JSON.stringify(asTransitJson(raw, keys))));
    },
    encode(cj) {
      const json = adapter('json').encode(cj); // the same skips as transit-json, and one more in asMsgpack
      return { bytes: mpEncode(asMsgpack(JSON.parse(json.bytes.toString('utf8')))), expect: json.expect };
    },
  };
}

function asTransitJson(v, keys) {
  if (typeof v === 'bigint') {
    return Number.isSafeInteger(Number(v)) ? Number(v) : '~i' + v.toString();
  }
  if (v instanceof Uint8Array) {
    throw new Error('MessagePack binary is not Transit');
  }
  if (Array.isArray(v)) {
    // transit-java writes an instant and a UUID in MessagePack as tagged arrays of numbers; transit-js, reading JSON,
    // knows them as strings, which is how Transit's JSON encoding writes them.
    if (v.length === 2 && v[0] === '~#m' && (typeof v[1] === 'number' || typeof v[1] === 'bigint')) {
      return '~m' + v[1].toString();
    }
    if (v.length === 2 && v[0] === '~#u' && Array.isArray(v[1]) && v[1].length === 2) {
      const half = (x) => BigInt.asUintN(64, BigInt(x)).toString(16).padStart(16, '0');
      const h = half(v[1][0]) + half(v[1][1]);
      return `~u${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    return v.map((e) => asTransitJson(e, keys));
  }
  if (v !== null && typeof v === 'object') {
    const out = ['^ '];
    for (const [k, e] of Object.entries(v)) {
      out.push(asTransitJson(keys[Number(k.substring(1))], keys), asTransitJson(e, keys));
    }
    return out;
  }
  return v;
}

function asMsgpack(v) {
  if (Array.isArray(v)) {
    if (v[0] === '^ ') {
      // @msgpack/msgpack writes a MessagePack map only from an object, whose keys are strings and keep their order
      // unless they look like array indexes (and Transit's cache depends on the order).
      const m = {};
      for (let i = 1; i < v.length; i += 2) {
        if (typeof v[i] !== 'string' || /^(0|[1-9][0-9]*)$/.test(v[i]) || v[i] === '__proto__') {
          throw new Skip('@msgpack/msgpack cannot write this map key in order: ' + JSON.stringify(v[i]));
        }
        m[v[i]] = asMsgpack(v[i + 1]);
      }
      return m;
    }
    return v.map(asMsgpack);
  }
  return v;
}
