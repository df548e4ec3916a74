// The MessagePack packer against spec/vectors/msgpack: values, frames and Sente's map-key cache, both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { msgpackPacker } from '../src/msgpack.js';
import { Decimal, Tagged, keyword as kw, ProtocolError } from '../src/sente4j.js';
import { readFrame, writeFrame, eventValue } from '../src/frames.js';
import { vector, cases, fromHex, toHex } from '../test-support/vectors.js';
import { GOLDEN_VALUES, mapOf, serverFrames } from '../test-support/expected.js';

const exact = msgpackPacker({ maps: 'Map' });
const plain = msgpackPacker();
const map = mapOf;

// The Java value of each case (spec GoldenValues) as JavaScript holds it, maps read as Maps.
const VALUES = GOLDEN_VALUES;
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
  const read = serverFrames({ plan: kw('pro') });
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
