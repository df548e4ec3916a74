// What the golden vectors hold, as the client reads them, for the tests of every packer: the Java values of spec
// GoldenValues (maps as Maps) and what each frame the server sends reads as.
import { Sym, Char, Uuid, keyword as kw } from '../src/sente4j.js';

/** A Map of the given keys and values, in order. */
export const mapOf = (...kvs) => new Map(Array.from({ length: kvs.length / 2 }, (_, i) => [kvs[2 * i], kvs[2 * i + 1]]));
const map = mapOf;

/**
 * The value cases as a packer with keywords of its own (msgpack, transit) reads them; a packer whose vectors hold
 * more cases, or a case in another JavaScript form, adds or replaces its own.
 */
export const GOLDEN_VALUES = {
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

/** What each server frame of the vectors reads as, by exchange; `HS` is the handshake data `{:plan :pro}` as read. */
export function serverFrames(HS) {
  const P = [['my-app/alert', { n: 1 }], ['my-app/alert', { n: 2 }]];
  return {
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
}
