// Sente's MessagePack (packer "msgpack"), read and written by @msgpack/msgpack with Sente's extension types:
// keyword 0, symbol 1, character 2, set 4 (a packed array inside), UUID 9 (its string), instant -1 (the MessagePack
// timestamp). Sente's map-key cache (ext 8: a repeated keyword or string map key written as its one-byte number) is
// implemented by no npm library, so a payload that uses it is skipped here; the Java tests check it against bytes
// captured from Sente. MERGE NOTE: checked so far only against the hand-written bytes of sente-wire-facts.md §2.4
// (see selfTest); sente4j-only extension codes of the msgpack packer, if any, are not known to this adapter.
import { ExtData, ExtensionCodec, decode, encode, decodeTimestampToTimeSpec, encodeTimeSpecToTimestamp }
  from '@msgpack/msgpack';
import { Skip, contains, doubleCj } from '../cj.mjs';

export const name = 'msgpack';
export const binary = true;
// @msgpack/msgpack gives a MessagePack float and integer alike as a JavaScript number.
export const loose = { numbers: true };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function codec(keys) {
  const c = new ExtensionCodec();
  const text = (type, wrap) => c.register({ type, encode: () => null, decode: (d) => wrap(utf8.decode(d)) });
  text(0, (s) => ({ kw: s }));
  text(1, (s) => ({ sym: s }));
  text(2, (s) => ({ char: s }));
  text(9, (s) => ({ uuid: s }));
  c.register({ type: 4, encode: () => null, decode: (d) => ({ set: decode(d, opts(keys)).map(toCj(keys)) }) });
  c.register({ type: 8, encode: () => null, decode: () => {
    throw new Skip('ext 8 (Sente\'s map-key cache): no npm library implements it');
  } });
  c.register({ type: -1, encode: () => null, decode: (d) => {
    const t = decodeTimestampToTimeSpec(d);
    const ms = BigInt(t.sec) * 1000n + BigInt(Math.floor(t.nsec / 1e6));
    return t.nsec % 1e6 ? { inst: ms.toString(), sub: t.nsec % 1e6 } : { inst: ms.toString() };
  } });
  return c;
}

function opts(keys) {
  return { extensionCodec: codec(keys), useBigInt64: true,
    mapKeyConverter: (k) => '\u0000' + (keys.push(k) - 1) };
}

export function decodeToCj(bytes) {
  const keys = [];
  return toCj(keys)(decode(bytes, opts(keys)));
}

export const decode_ = decodeToCj;
export { decodeToCj as decode };

const toCj = (keys) => function conv(v) {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') {
    return v;
  }
  if (typeof v === 'number') {
    return Number.isInteger(v) ? { int: String(v) } : doubleCj(v);
  }
  if (typeof v === 'bigint') {
    return { int: v.toString() };
  }
  if (v instanceof Uint8Array) {
    return { bytes: Buffer.from(v).toString('hex') };
  }
  if (Array.isArray(v)) {
    return { list: v.map(conv) };
  }
  if (v instanceof ExtData) {
    throw new Skip('extension type ' + v.type + ' is not one of Sente\'s');
  }
  const k = Object.keys(v)[0];
  if (['kw', 'sym', 'char', 'uuid', 'inst', 'set'].includes(k) && Object.keys(v).every((x) => x === k || x === 'sub')
      && !k.startsWith('\u0000')) {
    return v;
  }
  return { map: Object.entries(v).map(([key, e]) => [conv(keys[Number(key.substring(1))]), conv(e)]) };
};

export function encode_(cj) {
  if (contains(cj, (n) => n && typeof n === 'object' && ('bigint' in n || 'decimal' in n || 'tagged' in n))) {
    throw new Skip('Sente\'s MessagePack has no BigInteger, BigDecimal or tag');
  }
  if (contains(cj, (n) => n && typeof n === 'object' && 'double' in n && Number.isInteger(Number(n.double)))) {
    throw new Skip('@msgpack/msgpack writes an integral double as an integer');
  }
  return { bytes: encode(fromCj(cj), { useBigInt64: true, extensionCodec: new ExtensionCodec() }), expect: cj };
}
export { encode_ as encode };

const enc = new TextEncoder();

function fromCj(v) {
  if (v === null || typeof v !== 'object') {
    return v;
  }
  const k = Object.keys(v)[0];
  switch (k) {
    case 'int': return Number.isSafeInteger(Number(v.int)) ? Number(v.int) : BigInt(v.int);
    case 'double': return Number(v.double);
    case 'kw': return new ExtData(0, enc.encode(v.kw));
    case 'sym': return new ExtData(1, enc.encode(v.sym));
    case 'char': return new ExtData(2, enc.encode(v.char));
    case 'uuid': return new ExtData(9, enc.encode(v.uuid));
    case 'set': return new ExtData(4, encode(v.set.map(fromCj), { useBigInt64: true }));
    case 'list': return v.list.map(fromCj);
    case 'map': return new Map(v.map.map(([a, b]) => [fromCj(a), fromCj(b)]));
    case 'bytes': return Uint8Array.from(Buffer.from(v.bytes, 'hex'));
    case 'inst': {
      const ms = BigInt(v.inst);
      const sec = ms / 1000n - (ms % 1000n < 0n ? 1n : 0n);
      const nsec = Number(ms - sec * 1000n) * 1e6 + (v.sub ?? 0);
      return new ExtData(-1, encodeTimeSpecToTimestamp({ sec: Number(sec), nsec }));
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
    const got = decodeToCj(Buffer.from(hex, 'hex'));
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      throw new Error('msgpack self-test: ' + hex + ' read as ' + JSON.stringify(got));
    }
    const again = Buffer.from(encode_(expected).bytes).toString('hex');
    if (again !== hex && !(hex.includes('d600') || hex.includes('c70e00') || hex.includes('c70c00'))) {
      throw new Error('msgpack self-test: ' + JSON.stringify(expected) + ' wrote ' + again + ', not ' + hex);
    }
    if (JSON.stringify(decodeToCj(Buffer.from(again, 'hex'))) !== JSON.stringify(expected)) {
      throw new Error('msgpack self-test: ' + again + ' does not read back as ' + JSON.stringify(expected));
    }
  }
  return cases.length;
}
