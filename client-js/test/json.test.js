// The JSON packer and the frame reader against the golden vectors of spec/vectors/json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonPacker, keyword, Sym, Uuid, Char, Decimal, Tagged, ProtocolError } from '../src/sente4j.js';
import { readFrame, writeFrame, eventValue, failureOf } from '../src/frames.js';
import { vector, cases } from '../test-support/vectors.js';
import { serverFrames } from '../test-support/expected.js';

const json = jsonPacker();
const E = ['my-app/some-req', { name: 'Rich' }];
const HS = { plan: 'pro' };

test('frames the client writes are the vectors, byte for byte', () => {
  const ev = eventValue(json, E[0], E[1]);
  const written = {
    'client-event': writeFrame(json, ev),
    'client-event-with-callback': writeFrame(json, ev, '3f9c2a'),
    'client-ping': writeFrame(json, eventValue(json, 'chsk/ws-ping'), '3f9c2a'),
    'client-pong': writeFrame(json, eventValue(json, 'chsk/ws-pong')),
    'ajax-event-reply-wanted': writeFrame(json, ev, json.keyword('ajax')),
    'ajax-event-no-reply': writeFrame(json, ev),
  };
  for (const [name, text] of Object.entries(written)) {
    assert.equal(text, vector('json', 'frames', name), name);
  }
});

// What the client reads from each frame the server sends, per exchange.
const SERVER_FRAMES = serverFrames(HS);

test('every server frame of the vectors reads as its kind', () => {
  const clientFrames = ['client-event', 'client-event-with-callback', 'client-ping', 'client-pong',
    'ajax-event-reply-wanted', 'ajax-event-no-reply'];
  assert.deepEqual(cases('json', 'frames'), [...clientFrames, ...Object.keys(SERVER_FRAMES)].sort());
  for (const [name, [exchange, expected]] of Object.entries(SERVER_FRAMES)) {
    assert.deepEqual(readFrame(json, vector('json', 'frames', name), exchange), expected, name);
  }
});

test('legacy frames from Sente 1.16 to 1.19 servers read as the same kinds', () => {
  const legacy = {
    'v117-reply': ['ws', SERVER_FRAMES.reply[1]],
    'v117-push': ['ws', SERVER_FRAMES.push[1]],
    'v117-handshake': ['ws', SERVER_FRAMES.handshake[1]],
    'v117-handshake-nil-uid': ['ws', { kind: 'handshake', uid: null, data: null }],
    'v117-handshake-with-data': ['ws', SERVER_FRAMES['handshake-with-data'][1]],
    'v117-server-ping': ['ws', { kind: 'ping' }],
    'v118-server-ping': ['ws', { kind: 'ping' }],
    'v116-push': ['ws', SERVER_FRAMES.push[1]],
    'v116-handshake': ['ws', SERVER_FRAMES.handshake[1]],
    'v117-ajax-reply': ['post', SERVER_FRAMES['ajax-reply'][1]],
    'v117-ajax-ack': ['post', { kind: 'ack' }],
    'v117-ajax-poll-timeout': ['poll', { kind: 'timeout' }],
  };
  for (const [name, [exchange, expected]] of Object.entries(legacy)) {
    assert.deepEqual(readFrame(json, vector('json', 'legacy', name), exchange), expected, name);
  }
});

// Each value case: [what JavaScript writes, what it reads back]. Where JavaScript cannot hold the Java value (1.0 is
// the number 1; 2^53 + 1 is no double; 1.50 is 1.5), the check is by value: reading the vector gives the value, and
// writing that value gives text that reads back to it.
const VALUES = {
  nil: null,
  true: true,
  false: false,
  'long-zero': 0,
  'long-negative': -42,
  'long-max': 2 ** 63,
  'long-min': -(2 ** 63),
  'long-beyond-2-53': 9007199254740992,
  'bigint-small': 1,
  'bigint-huge': 2 ** 64,
  double: 1.5,
  'double-integral': 1,
  'double-exponent': 1e300,
  'double-small': 1e-7,
  'double-negative-zero': -0,
  bigdecimal: 1.5,
  'bigdecimal-exponent': 1000,
  string: 'hello',
  'string-empty': '',
  'string-escapes': 'tab\t newline\n return\r quote" backslash\\',
  'string-control': 'bell\u0007 nul\u0000 del\u007f',
  'string-unicode': 'h\u00e9llo \u2603 \ud834\udd1e',
  char: 'a',
  'char-newline': '\n',
  'char-space': ' ',
  'char-unicode': '\u00e9',
  keyword: 'a',
  'keyword-namespaced': 'my-app/some-req',
  symbol: 'inc',
  'symbol-namespaced': 'clojure.core/inc',
  'list-empty': [],
  list: [1, 'two', 'three', null, 4.5],
  set: [1, 2, 3],
  'map-empty': {},
  'map-keyword-keys': { name: 'Rich', n: 1 },
  'map-string-keys': { a: 1, b: [true, false] },
  'map-non-string-keys': { 1: 'one', '[1,2]': 'pair', null: 'nil' },
  nested: { users: [{ id: 1, tags: ['admin'] }, { id: 2, tags: [] }] },
  instant: '2024-01-02T03:04:05.678Z',
  'instant-nanos': '2024-01-02T03:04:05.123456789Z',
  'instant-epoch': '1970-01-01T00:00:00Z',
  uuid: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
  bytes: 'AAF/gP8=',
  'bytes-empty': '',
};
// Values whose JavaScript form writes exactly the Java text.
const EXACT = ['nil', 'true', 'false', 'long-zero', 'long-negative', 'bigint-small', 'double', 'string',
  'string-empty', 'string-escapes', 'string-control', 'string-unicode', 'char', 'char-newline', 'char-space',
  'char-unicode', 'keyword', 'keyword-namespaced', 'symbol', 'symbol-namespaced', 'list-empty', 'list', 'set',
  'map-empty', 'map-keyword-keys', 'map-string-keys', 'nested', 'instant', 'instant-nanos', 'instant-epoch', 'uuid',
  'bytes', 'bytes-empty'];

test('every value vector reads as its value, and writes back exactly where JavaScript holds the Java form', () => {
  assert.deepEqual(cases('json', 'values'), Object.keys(VALUES).sort());
  for (const [name, value] of Object.entries(VALUES)) {
    const text = vector('json', 'values', name);
    assert.deepEqual(json.unpack(text), value, name);
    assert.deepEqual(json.unpack(json.pack(value)), value, `${name} round trip`);
    if (EXACT.includes(name)) assert.equal(json.pack(value), text, `${name} written`);
  }
});

test('the value types and BigInt write as the JSON the Java packer writes for them', () => {
  assert.equal(json.pack(keyword(':my-app/some-req')), vector('json', 'values', 'keyword-namespaced'));
  assert.equal(json.pack(new Sym('clojure.core/inc')), vector('json', 'values', 'symbol-namespaced'));
  assert.equal(json.pack(new Uuid('F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6')), vector('json', 'values', 'uuid'));
  assert.equal(json.pack(new Char('a')), vector('json', 'values', 'char'));
  assert.equal(json.pack(new Decimal('1.50')), vector('json', 'values', 'bigdecimal'));
  assert.equal(json.pack(Uint8Array.of(0, 1, 0x7f, 0x80, 0xff)), vector('json', 'values', 'bytes'));
  assert.equal(json.pack(9007199254740993n), vector('json', 'values', 'long-beyond-2-53'));
  assert.equal(json.pack(2n ** 64n), vector('json', 'values', 'bigint-huge'));
  assert.equal(json.pack(new Set([1, 2, 3])), vector('json', 'values', 'set'));
  assert.equal(json.pack(new Map([[1, 'one'], [[1, 2], 'pair'], [null, 'nil']])),
    vector('json', 'values', 'map-non-string-keys'));
  assert.equal(json.pack(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678))), vector('json', 'values', 'instant'));
  assert.equal(json.pack(-0), vector('json', 'values', 'double-negative-zero'));
  assert.equal(json.pack('\u001f'), '"\\u001F"');
  assert.equal(json.pack('\\u001f'), '"\\\\u001f"');
});

test('values outside the domain are refused with a packer error, never written as something else', () => {
  for (const bad of [NaN, Infinity, -Infinity, '\ud800', new Tagged('x/y', 1), () => 1, new Map([['a', 1], [keyword('a'), 2]]),
    new Date(NaN), new (class Foo {})()]) {
    assert.throws(() => json.pack([bad]), (e) => e instanceof ProtocolError && e.reason === 'PACKER', String(bad));
  }
  let deep = [];
  for (let i = 0; i < 200; i += 1) deep = [deep];
  assert.throws(() => json.pack(deep), /nesting deeper than the limit of 128/);
  assert.throws(() => json.unpack('[1,'), (e) => e instanceof ProtocolError && /json:/.test(e.message));
  const small = jsonPacker({ maxInputBytes: 8 });
  assert.equal(small.unpack('"ééé"'), 'ééé');                                   // 8 bytes: at the limit
  assert.throws(() => small.unpack('"éééa"'), /over the limit of 8 bytes/);      // 6 characters, 9 bytes
});

test('bad frames are refused with the reason of PROTOCOL.md §11.2', () => {
  const reason = (text, exchange = 'ws') => {
    try {
      readFrame(json, text, exchange);
    } catch (e) {
      return e.reason;
    }
    return 'read';
  };
  assert.equal(reason('[1,'), 'UNPACKABLE');
  assert.equal(reason('{}'), 'MALFORMED_FRAME');
  assert.equal(reason('[1,2,3]'), 'MALFORMED_FRAME');
  assert.equal(reason('[{"a":1},7]'), 'BAD_CALLBACK_ID');
  assert.equal(reason('[42,null]'), 'UNEXPECTED_PAYLOAD');
  assert.equal(reason('[["no-namespace",1],null]'), 'BAD_EVENT');
  assert.equal(reason('[["chat/x",1],null]'), 'UNEXPECTED_PAYLOAD');
  assert.equal(reason('[[["chsk/state",1]],null]'), 'RESERVED_EVENT');
  assert.equal(reason('[[["a/b",1,2]],null]'), 'BAD_EVENT');
  assert.equal(reason('[["chsk/handshake",["a"]],null]'), 'UNEXPECTED_PAYLOAD');
  assert.deepEqual(readFrame(json, '[[],null]', 'ws'), { kind: 'push', events: [] });
  assert.deepEqual(readFrame(json, '[[[":a/b"]],null]', 'ws'), { kind: 'push', events: [['a/b', null]] });
});

test('the failure values, as strings with or without a colon, are failures', () => {
  assert.equal(failureOf(json, 'chsk/closed'), 'closed');
  assert.equal(failureOf(json, ':chsk/timeout'), 'timeout');
  assert.equal(failureOf(json, 'chsk/error'), 'error');
  assert.equal(failureOf(json, 'chsk/other'), null);
  assert.equal(failureOf(json, { error: 'x' }), null);
});
