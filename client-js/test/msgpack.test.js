// The MessagePack packer against spec/vectors/msgpack: values, frames and Sente's map-key cache, both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { msgpackPacker } from '../src/msgpack.js';
import { Keyword, Sym, Char, Uuid, Decimal, Tagged, keyword as kw, ProtocolError } from '../src/sente4j.js';
import { readFrame, writeFrame, eventValue } from '../src/frames.js';
import { vector, cases, fromHex, toHex } from '../test-support/vectors.js';

const exact = msgpackPacker({ maps: 'Map' });
const plain = msgpackPacker();
const map = (...kvs) => new Map(Array.from({ length: kvs.length / 2 }, (_, i) => [kvs[2 * i], kvs[2 * i + 1]]));

// The Java value of each case (spec GoldenValues) as JavaScript holds it, maps read as Maps.
const VALUES = {
  nil: null,
  true: true,
  false: false,
  'long-zero': 0,
  'long-negative': -42,
  'long-max': 2n ** 63n - 1n,
  'long-min': -(2n ** 63n),
  'long-beyond-2-53': 9007199254740993n,
  'bigint-small': 1,
  double: 1.5,
  'double-integral': 1,
  'double-exponent': 1e300,
  'double-small': 1e-7,
  'double-negative-zero': -0,
  'double-nan': NaN,
  'double-infinity': Infinity,
  'double-negative-infinity': -Infinity,
  string: 'hello',
  'string-empty': '',
  'string-escapes': 'tab\t newline\n return\r quote" backslash\\',
  'string-control': 'bell\u0007 nul\u0000 del\u007f',
  'string-unicode': 'h\u00e9llo \u2603 \ud834\udd1e',
  char: new Char('a'),
  'char-newline': new Char('\n'),
  'char-space': new Char(' '),
  'char-unicode': new Char('\u00e9'),
  keyword: kw('a'),
  'keyword-namespaced': kw('my-app/some-req'),
  symbol: new Sym('inc'),
  'symbol-namespaced': new Sym('clojure.core/inc'),
  'list-empty': [],
  list: [1, 'two', kw('three'), null, 4.5],
  set: new Set([1, 2, 3]),
  'map-empty': new Map(),
  'map-keyword-keys': map(kw('name'), 'Rich', kw('n'), 1),
  'map-string-keys': map('a', 1, 'b', [true, false]),
  'map-non-string-keys': map(1, 'one', [1, 2], 'pair', null, 'nil'),
  'map-clashing-keys': map(kw('a'), 1, 'a', 2),
  nested: map(kw('users'), [map(kw('id'), 1, kw('tags'), new Set([kw('admin')])), map(kw('id'), 2, kw('tags'), new Set())]),
  instant: new Date('2024-01-02T03:04:05.678Z'),
  'instant-nanos': new Date('2024-01-02T03:04:05.123Z'),
  'instant-epoch': new Date(0),
  uuid: new Uuid('f81d4fae-7dec-11d0-a765-00a0c91e6bf6'),
  bytes: Uint8Array.of(0, 1, 0x7f, 0x80, 0xff),
  'bytes-empty': new Uint8Array(0),
};
// JavaScript cannot hold these Java forms: 1.0 is the number 1, and a Date has no nanoseconds.
const BY_VALUE = ['double-integral', 'instant-nanos'];

test('every value vector reads as its value and, where JavaScript holds the Java form, is written byte for byte', () => {
  assert.deepEqual(cases('msgpack', 'values'), Object.keys(VALUES).sort());
  for (const [name, value] of Object.entries(VALUES)) {
    const bytes = vector('msgpack', 'values', name);
    assert.deepEqual(exact.unpack(bytes), value, name);
    assert.deepEqual(exact.unpack(exact.pack(value)), value, `${name} round trip`);
    if (!BY_VALUE.includes(name)) assert.equal(toHex(exact.pack(value)), toHex(bytes), `${name} written`);
  }
});

test("Sente's map-key cache, read and written (ext 8)", () => {
  const keys = Array.from({ length: 256 }, (_, i) => `k${String(i).padStart(3, '0')}`);
  const CACHE = {
    'keyword-and-string-apart': [map(kw('a'), 1, 'a', 2), map('a', 3, kw('a'), 4)],
    'values-never-cached': [map(kw('a'), kw('b')), map(kw('b'), kw('a')), map(kw('a'), 'b')],
    'keys-inside-sets-and-keys': [new Set([map(kw('x'), 1)]), map(map(kw('y'), 2), 3), map(kw('x'), 4, kw('y'), 5)],
    'other-keys-not-cached': [map(1, 2, kw('k'), 3), map(1, 4, kw('k'), 5)],
    'full-after-256-keys': [new Map(keys.map((k, i) => [k, i])), map('k255', 1, 'new', 2, 'k000', 3), map('new', 4)],
  };
  assert.deepEqual(cases('msgpack', 'key-cache'), Object.keys(CACHE).sort());
  for (const [name, value] of Object.entries(CACHE)) {
    const bytes = vector('msgpack', 'key-cache', name);
    assert.deepEqual(exact.unpack(bytes), value, name);
    assert.equal(toHex(exact.pack(value)), toHex(bytes), `${name} written`);
  }
  assert.throws(() => exact.unpack(fromHex('91d40800')), /where no map key is/);
  assert.throws(() => exact.unpack(fromHex('81d40800c0')), /not yet numbered/);
  assert.throws(() => exact.unpack(fromHex('81a161d40800')), /where no map key is/);
});

test('frames: the client writes the vectors byte for byte and reads every server frame', () => {
  const ev = eventValue(plain, 'my-app/some-req', { name: 'Rich' });
  const written = {
    'client-event': writeFrame(plain, ev),
    'client-event-with-callback': writeFrame(plain, ev, '3f9c2a'),
    'client-ping': writeFrame(plain, eventValue(plain, 'chsk/ws-ping'), '3f9c2a'),
    'client-pong': writeFrame(plain, eventValue(plain, 'chsk/ws-pong')),
    'ajax-event-reply-wanted': writeFrame(plain, ev, plain.keyword('ajax')),
    'ajax-event-no-reply': writeFrame(plain, ev),
  };
  for (const [name, bytes] of Object.entries(written)) {
    assert.equal(toHex(bytes), toHex(vector('msgpack', 'frames', name)), name);
  }
  const P = [['my-app/alert', { n: 1 }], ['my-app/alert', { n: 2 }]];
  const HS = { plan: kw('pro') };
  const read = {
    handshake: ['ws', { kind: 'handshake', uid: 'alice', data: null }],
    'handshake-with-data': ['ws', { kind: 'handshake', uid: 'alice', data: HS }],
    'handshake-nil-uid-with-data': ['ws', { kind: 'handshake', uid: null, data: HS }],
    reply: ['ws', { kind: 'reply', cb: '3f9c2a', value: { result: 42 } }],
    push: ['ws', { kind: 'push', events: P }],
    'server-ping': ['ws', { kind: 'ping' }],
    pong: ['ws', { kind: 'pong', cb: '3f9c2a' }],
    'ajax-handshake': ['poll', { kind: 'handshake', uid: 'alice', data: HS }],
    'ajax-push': ['poll', { kind: 'push', events: P }],
    'ajax-poll-timeout': ['poll', { kind: 'timeout' }],
    'ajax-reply': ['post', { kind: 'reply', cb: null, value: { result: 42 } }],
    'ajax-ack': ['post', { kind: 'ack' }],
    'ajax-reply-timeout': ['post', { kind: 'timeout' }],
  };
  assert.deepEqual(cases('msgpack', 'frames'), [...Object.keys(written), ...Object.keys(read)].sort());
  for (const [name, [exchange, expected]] of Object.entries(read)) {
    assert.deepEqual(readFrame(plain, vector('msgpack', 'frames', name), exchange), expected, name);
  }
});

test('plain objects: keyword or string keys read as text; a clash falls back to a Map', () => {
  assert.deepEqual(plain.unpack(vector('msgpack', 'values', 'map-keyword-keys')), { name: 'Rich', n: 1 });
  assert.deepEqual(plain.unpack(vector('msgpack', 'values', 'map-clashing-keys')), map(kw('a'), 1, 'a', 2));
  assert.equal(toHex(msgpackPacker({ objectKeys: 'string' }).pack({ a: 1 })), '81a16101');
  assert.equal(toHex(plain.pack({ a: 1 })), '81d4006101');
});

test('refused: values outside the domain, bad input, and the limits', () => {
  const refused = (f) => assert.throws(f, (e) => e instanceof ProtocolError && /^msgpack: /.test(e.message));
  for (const v of [new Decimal('1.5'), new Tagged('a/b', 1), '\ud800', 2n ** 64n, -(2n ** 63n) - 1n, new Date(NaN), () => 1]) {
    refused(() => exact.pack([v]));
  }
  refused(() => exact.unpack(fromHex('c1')));                  // never used
  refused(() => exact.unpack(fromHex('0101')));                // trailing byte
  refused(() => exact.unpack(fromHex('d40301')));              // ratio extension
  refused(() => exact.unpack(fromHex('d4077f')));              // unknown extension
  refused(() => exact.unpack(fromHex('c70cff3b9aca000000000000000000')));  // nanoseconds > 999,999,999
  refused(() => exact.unpack(fromHex('82a16101a16102')));      // a repeated key
  assert.throws(() => exact.unpack(fromHex('c70304920101')), /a set repeats an element/);
  refused(() => exact.unpack(fromHex('dd7fffffff')));          // an array header beyond the collection limit
  refused(() => msgpackPacker({ maxInputBytes: 4 }).unpack(fromHex('a5616c696365')));
  let deep = [];
  for (let i = 0; i < 200; i += 1) deep = [deep];
  refused(() => exact.pack(deep));
  refused(() => exact.unpack(fromHex('91'.repeat(200) + 'c0')));
});

test('timestamps are read in their 4-, 8- and 12-byte forms', () => {
  assert.deepEqual(exact.unpack(fromHex('d6ff00000001')), new Date(1000));
  assert.deepEqual(exact.unpack(fromHex('d7ff0000000400000002')), new Date(2000));
  assert.deepEqual(exact.unpack(fromHex('c70cff000f42400000000000000003')), new Date(3001));
});
