// Frames (PROTOCOL.md §4): what the client writes, and how it reads what the server sends, for any packer. A
// packer gives `keyword(name)` to write a protocol keyword and `keywordName(value)` to read one (a JSON string, or
// a keyword of a packer that carries them).
import { ProtocolError } from './errors.js';
import { Keyword, keywordText } from './values.js';

export const PING = 'chsk/ws-ping';
export const PONG_EVENT = 'chsk/ws-pong';
const HANDSHAKE = 'chsk/handshake';
const TIMEOUT = 'chsk/timeout';
const ACK = 'chsk/dummy-cb-200';
const NIL_UIDS = ['sente/nil-uid', 'taoensso.sente/nil-uid'];
const FAILURES = { 'chsk/closed': 'closed', 'chsk/timeout': 'timeout', 'chsk/error': 'error' };

const bad = (reason, message) => new ProtocolError(reason, message);

/** The text of an application's event id (a string such as 'chat/send' or a Keyword); throws if it is not one. */
export function eventIdText(id) {
  const text = id instanceof Keyword ? id.text : typeof id === 'string' ? keywordText(id) : null;
  if (text === null || !text.includes('/') || text.startsWith('chsk/')) {
    throw new TypeError(`an event id is a namespaced keyword outside chsk, such as 'my-app/some-req': ${String(id)}`);
  }
  return text;
}

/** The wire value of the event [id, data]: `[id]` when data is null or undefined (§4.2). */
export const eventValue = (packer, id, data) =>
  (data === null || data === undefined ? [packer.keyword(id)] : [packer.keyword(id), data]);

/** Packs the frame [payload, cb]. */
export const writeFrame = (packer, payload, cb = null) => packer.pack([payload, cb]);

/**
 * Reads a frame the server sent. `exchange` is 'ws', 'poll' (an Ajax GET's response) or 'post' (an Ajax POST's
 * response). Returns one of: {kind:'handshake', uid, data}, {kind:'push', events:[[id, data]...]},
 * {kind:'reply', cb, value}, {kind:'pong', cb}, {kind:'ping'}, {kind:'timeout'}, {kind:'ack'}; throws a
 * ProtocolError naming the bad-frame reason.
 */
export function readFrame(packer, data, exchange) {
  let value;
  let legacyBare = false;
  if (typeof data === 'string' && (data[0] === '+' || data[0] === '-')) {
    legacyBare = data[0] === '-';
    data = data.slice(1);
  }
  try {
    value = packer.unpack(data);
  } catch (e) {
    throw bad('UNPACKABLE', e instanceof ProtocolError ? e.message : `${packer.name}: ${e.message}`);
  }
  let payload = value;
  let cb = null;
  if (!legacyBare) {
    if (!Array.isArray(value) || value.length < 1 || value.length > 2) {
      throw bad('MALFORMED_FRAME', 'a frame is a vector of one or two elements');
    }
    [payload, cb = null] = value;
  }
  const kw = packer.keywordName(payload);
  if (exchange === 'post') {
    return kw === ACK ? { kind: 'ack' } : kw === TIMEOUT ? { kind: 'timeout' } : { kind: 'reply', cb: null, value: payload };
  }
  if (exchange === 'poll' && kw === TIMEOUT) return { kind: 'timeout' };
  if (exchange === 'ws') {
    if (cb !== null) {
      if (typeof cb !== 'string') throw bad('BAD_CALLBACK_ID', 'a callback id is a string');
      return payload === 'pong' ? { kind: 'pong', cb } : { kind: 'reply', cb, value: payload };
    }
    if (kw === PING) return { kind: 'ping' };
  }
  if (!Array.isArray(payload)) throw bad('UNEXPECTED_PAYLOAD', 'expected a handshake or a push');
  if (payload.length > 0 && !Array.isArray(payload[0])) {
    const [id, hs] = readEvent(packer, payload);
    if (id !== HANDSHAKE || !Array.isArray(hs) || hs.length < 2 || hs.length > 3) {
      throw bad('UNEXPECTED_PAYLOAD', `expected a handshake, got the event ${id}`);
    }
    const uid = hs[0] === null || NIL_UIDS.includes(packer.keywordName(hs[0])) ? null : hs[0];
    return { kind: 'handshake', uid, data: hs[2] ?? null };
  }
  return {
    kind: 'push',
    events: payload.map((ev) => {
      const read = readEvent(packer, ev);
      if (read[0].startsWith('chsk/')) throw bad('RESERVED_EVENT', `a push holds the protocol's event ${read[0]}`);
      return read;
    }),
  };
}

/** Reads an event: [id-text, data-or-null]. */
function readEvent(packer, ev) {
  const id = Array.isArray(ev) && ev.length >= 1 && ev.length <= 2 ? packer.keywordName(ev[0]) : null;
  if (id === null || !id.includes('/')) throw bad('BAD_EVENT', 'an event is [id] or [id data] with a namespaced keyword id');
  return [id, ev[1] ?? null];
}

/** 'closed', 'timeout' or 'error' when a reply value is one of the protocol's failure values (§9.1, §4.7). */
export const failureOf = (packer, value) => FAILURES[packer.keywordName(value)] ?? null;
