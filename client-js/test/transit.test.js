// The transit-json packer against spec/vectors/transit-json: values and frames, both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transitPacker } from '../src/transit.js';
import { Sym, Char, Uuid, Decimal, Tagged, keyword as kw, ProtocolError } from '../src/sente4j.js';
import { readFrame, writeFrame, eventValue } from '../src/frames.js';
import { vector, cases } from '../test-support/vectors.js';

const exact = transitPacker({ maps: 'Map' });
const plain = transitPacker();
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
  'bigint-small': 1n,
  'bigint-huge': 2n ** 64n,
  double: 1.5,
  'double-integral': 1,
  'double-exponent': 1e300,
  'double-small': 1e-7,
  'double-negative-zero': -0,
  'double-nan': NaN,
  'double-infinity': Infinity,
  'double-negative-infinity': -Infinity,
  bigdecimal: new Decimal('1.50'),
  'bigdecimal-exponent': new Decimal('1E+3'),
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
  tagged: new Tagged('my.app/point', [1, 2]),
};
// JavaScript cannot hold these Java forms: a double that is integral, or printed the Java way (1.0E300), or -0.0 in
// JSON text; a BigInteger that fits in 64 bits (JavaScript has one BigInt type).
const BY_VALUE = ['double-integral', 'double-exponent', 'double-small', 'double-negative-zero', 'bigint-small'];

test('every value vector reads as its value and, where JavaScript holds the Java form, is written exactly', () => {
  assert.deepEqual(cases('transit-json', 'values'), Object.keys(VALUES).sort());
  for (const [name, value] of Object.entries(VALUES)) {
    const text = vector('transit-json', 'values', name);
    assert.deepEqual(exact.unpack(text), value, name);
    if (!['double-negative-zero', 'bigint-small'].includes(name)) assert.deepEqual(exact.unpack(exact.pack(value)), value, `${name} round trip`);
    if (!BY_VALUE.includes(name)) assert.equal(exact.pack(value), text, `${name} written`);
  }
});

test('frames: the client writes the vectors exactly (with the cache) and reads every server frame', () => {
  const ev = eventValue(plain, 'my-app/some-req', { name: 'Rich' });
  const written = {
    'client-event': writeFrame(plain, ev),
    'client-event-with-callback': writeFrame(plain, ev, '3f9c2a'),
    'client-ping': writeFrame(plain, eventValue(plain, 'chsk/ws-ping'), '3f9c2a'),
    'client-pong': writeFrame(plain, eventValue(plain, 'chsk/ws-pong')),
    'ajax-event-reply-wanted': writeFrame(plain, ev, plain.keyword('ajax')),
    'ajax-event-no-reply': writeFrame(plain, ev),
  };
  for (const [name, text] of Object.entries(written)) {
    assert.equal(text, vector('transit-json', 'frames', name), name);
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
  assert.deepEqual(cases('transit-json', 'frames'), [...Object.keys(written), ...Object.keys(read)].sort());
  for (const [name, [exchange, expected]] of Object.entries(read)) {
    assert.deepEqual(readFrame(plain, vector('transit-json', 'frames', name), exchange), expected, name);
  }
  for (const name of ['v117-push', 'v117-handshake-nil-uid', 'v117-server-ping', 'v116-push']) {
    assert.ok(readFrame(plain, vector('transit-json', 'legacy', name), 'ws'), name);
  }
});

test('refused: values outside the domain, bad input and the limits', () => {
  const refused = (f) => assert.throws(f, (e) => e instanceof ProtocolError && /^transit-json: /.test(e.message));
  for (const v of ['\ud800', new Date(NaN), () => 1, new (class Foo {})()]) refused(() => exact.pack([v]));
  refused(() => exact.unpack('[1,'));
  refused(() => exact.unpack('["^ ","a",1,"a",2]'));
  refused(() => exact.unpack('["~#set",[1,1]]'));
  refused(() => transitPacker({ maxInputBytes: 4 }).unpack('"hello"'));
  let deep = [];
  for (let i = 0; i < 200; i += 1) deep = [deep];
  refused(() => exact.pack(deep));
  refused(() => exact.unpack(JSON.stringify(deep)));
});
