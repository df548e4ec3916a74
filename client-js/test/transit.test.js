// The transit-json packer against spec/vectors/transit-json: values and frames, both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transitPacker } from '../src/transit.js';
import { Decimal, Tagged, keyword as kw, ProtocolError } from '../src/sente4j.js';
import { readFrame, writeFrame, eventValue } from '../src/frames.js';
import { vector, cases } from '../test-support/vectors.js';
import { GOLDEN_VALUES, serverFrames } from '../test-support/expected.js';

const exact = transitPacker({ maps: 'Map' });
const plain = transitPacker();

// The Java value of each case (spec GoldenValues) as JavaScript holds it, maps read as Maps: Transit also carries
// big integers, decimals and tagged values.
const VALUES = {
  ...GOLDEN_VALUES,
  'bigint-small': 1n,
  'bigint-huge': 2n ** 64n,
  bigdecimal: new Decimal('1.50'),
  'bigdecimal-exponent': new Decimal('1E+3'),
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
  const read = serverFrames({ plan: kw('pro') });
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
