// The client over a WebSocket: handshake, request/reply, pushes, keep-alive, reconnection, and the Ajax fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, ReplyError } from '../src/sente4j.js';
import { FakeClock, fakeWebSocketClass, fakeFetch, settle } from '../test-support/fakes.js';

const HANDSHAKE = '[["chsk/handshake",["alice",null,{"plan":"pro"}]],null]';

function setup(options = {}) {
  const clock = new FakeClock();
  const WebSocket = fakeWebSocketClass();
  const fetch = fakeFetch();
  const chsk = connect({ url: 'http://app.test/chsk', WebSocket, fetch, setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout, now: clock.now, random: () => 0.5, clientId: 'tab-1', ...options });
  const states = [];
  const errors = [];
  chsk.on('state', (s) => states.push(s));
  chsk.on('error', (e) => errors.push(e));
  return { clock, WebSocket, fetch, chsk, states, errors, ws: () => WebSocket.all.at(-1) };
}

function opened(options) {
  const s = setup(options);
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  return s;
}

test('numeric options that make no sense are refused when the client is made, naming the option', () => {
  const bad = [
    [{ backoffResetAfterMs: NaN }, /backoffResetAfterMs is a number of ms/],
    [{ pingIntervalMs: -1 }, /pingIntervalMs is a number of ms/],
    [{ replyTimeoutMs: '100' }, /replyTimeoutMs is a number of ms/],
    [{ ajaxTimeoutMs: Infinity }, /ajaxTimeoutMs is a number of ms/],
    [{ backoffBaseMs: 0 }, /backoffBaseMs must be above 0/],
    [{ backoffBaseMs: 2000, backoffCapMs: 1000 }, /backoffCapMs at least as large/],
    [{ maxFrameBytes: 0.5 }, /maxFrameBytes is a positive whole number/],
  ];
  for (const [options, message] of bad) {
    assert.throws(() => connect({ url: 'http://app.test/chsk', WebSocket: null, fetch: () => {}, ...options }),
      (e) => e instanceof TypeError && message.test(e.message), JSON.stringify(options));
  }
  const pending = (url, init) => new Promise((resolve, reject) => init.signal.addEventListener('abort', reject));
  assert.doesNotThrow(() => connect({ url: 'http://app.test/chsk', WebSocket: null, fetch: pending,
    pingIntervalMs: 0, backoffResetAfterMs: 0, replyTimeoutMs: undefined, page: null }).disconnect(), 'undefined: default');
});

test('connects over a WebSocket with the client id, the CSRF token and the packer in the query', () => {
  const { ws, chsk } = setup({ csrfToken: 'tok-1', params: { room: 'a b' } });
  const url = new URL(ws().url);
  assert.equal(url.protocol, 'ws:');
  assert.equal(url.pathname, '/chsk');
  assert.deepEqual([...url.searchParams.keys()], ['room', 'csrf-token', 'client-id', 'sente4j-packer']);
  assert.equal(url.searchParams.get('room'), 'a b');
  assert.equal(url.searchParams.get('csrf-token'), 'tok-1');
  assert.equal(url.searchParams.get('client-id'), 'tab-1');
  assert.equal(url.searchParams.get('sente4j-packer'), 'json');
  assert.equal(chsk.clientId, 'tab-1');
  assert.equal(chsk.state.open, false);
  assert.equal(chsk.state.type, 'ws');
});

test('the CSRF token comes from <meta name="csrf-token"> when no option gives it; https means wss', () => {
  globalThis.document = { querySelector: (q) => (q === 'meta[name="csrf-token"]' ? { getAttribute: () => 'meta-tok' } : null) };
  try {
    const { ws } = setup({ url: 'https://app.test/chsk' });
    const url = new URL(ws().url);
    assert.equal(url.protocol, 'wss:');
    assert.equal(url.searchParams.get('csrf-token'), 'meta-tok');
  } finally {
    delete globalThis.document;
  }
});

test('the handshake opens the client and tells the handlers the uid and the data', () => {
  const s = setup();
  const handshakes = [];
  s.chsk.on('handshake', (...args) => handshakes.push(args));
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  assert.deepEqual(handshakes, [['alice', { plan: 'pro' }, true]]);
  assert.equal(s.chsk.state.open, true);
  assert.equal(s.chsk.state.type, 'ws');
  assert.equal(s.chsk.state.uid, 'alice');
  assert.deepEqual(s.chsk.state.handshakeData, { plan: 'pro' });
  assert.equal(s.states.at(-1), s.chsk.state);
  assert.ok(Object.isFrozen(s.chsk.state));
});

test('a request gets its reply by callback id; failure values, timeouts and closes reject with a reason', async () => {
  const s = opened();
  const reply = s.chsk.send(['chat/send', { room: 'a' }], { timeout: 1000 });
  const [event, cb] = JSON.parse(s.ws().sent.at(-1));
  assert.deepEqual(event, ['chat/send', { room: 'a' }]);
  assert.match(cb, /^[0-9a-f]{6}$/);
  s.ws().receive(JSON.stringify([{ id: 7 }, cb]));
  assert.deepEqual(await reply, { id: 7 });

  const failed = s.chsk.send(['chat/send', 1], { timeout: 1000 });
  s.ws().receive(JSON.stringify(['chsk/error', JSON.parse(s.ws().sent.at(-1))[1]]));
  await assert.rejects(failed, (e) => e instanceof ReplyError && e.reason === 'error');

  const slow = s.chsk.send(['chat/send', 2], { timeout: 1000 });
  const late = JSON.parse(s.ws().sent.at(-1))[1];
  const timedOut = assert.rejects(slow, (e) => e.reason === 'timeout');
  await s.clock.advance(1000);
  await timedOut;
  s.ws().receive(JSON.stringify(['late', late]));  // dropped: nothing waits for it

  const cut = s.chsk.send(['chat/send', 3], { timeout: 1000 });
  s.ws().fail();
  await assert.rejects(cut, (e) => e.reason === 'closed');
  await assert.rejects(s.chsk.send(['chat/send', 4], { timeout: 1000 }), (e) => e.reason === 'closed');
});

test('an event without reply options wants no reply and is written [id] when it has no data', async () => {
  const s = opened();
  assert.equal(await s.chsk.send(['chat/typing']), undefined);
  assert.equal(s.ws().sent.at(-1), '[["chat/typing"],null]');
  assert.throws(() => s.chsk.send(['no-namespace', 1]), TypeError);
  assert.throws(() => s.chsk.send(['chsk/ws-ping']), TypeError);
  assert.throws(() => s.chsk.send(['a/b', 1], { timeout: 0 }), TypeError);
});

test('a frame over maxFrameBytes fails locally with the outcome error', async () => {
  const s = opened({ maxFrameBytes: 100 });
  await s.chsk.send(['a/b', 'x'.repeat(83)]);           // [["a/b","xxx…"],null]: 100 bytes, at the limit
  assert.equal(s.ws().sent.at(-1).length, 100);
  await assert.rejects(s.chsk.send(['a/b', 'x'.repeat(84)]), (e) => e.reason === 'error' && /maxFrameBytes/.test(e.message));
  await assert.rejects(s.chsk.send(['a/b', 'x'.repeat(100)], { timeout: 10 }), (e) => e.reason === 'error');
  assert.equal(s.ws().sent.length, 1);
});

test('pushes reach the handlers in order, batch by batch; a failing handler is reported and the rest go on', () => {
  const s = opened();
  const seen = [];
  s.chsk.on('push', ([id, data]) => {
    if (data === 2) throw new Error('handler broke');
    seen.push([id, data]);
  });
  s.ws().receive('[[["chat/message",1],["chat/message",2],["chat/message",3]],null]');
  s.ws().receive('[[["chat/online",{"online":[]}],["chat/ping"]],null]');
  assert.deepEqual(seen, [['chat/message', 1], ['chat/message', 3], ['chat/online', { online: [] }], ['chat/ping', null]]);
  assert.equal(s.errors.length, 1);
  assert.match(s.errors[0].message, /handler broke/);
});

test('pushes that come before the handshake reach the handlers after it, in order; a failed attempt drops them', async () => {
  const s = setup();
  const seen = [];
  s.chsk.on('state', (st) => seen.push(['open', st.open]));
  s.chsk.on('handshake', (uid) => seen.push(['handshake', uid]));
  s.chsk.on('push', (ev) => seen.push(['push', ev]));
  s.ws().open();
  s.ws().receive('[[["chat/message",0]],null]');
  s.ws().serverClose(1011);
  seen.length = 0;
  await s.clock.advance(0);
  assert.equal(s.WebSocket.all.length, 2);
  s.ws().open();
  s.ws().receive('[[["chat/message",1],["chat/message",2]],null]');
  s.ws().receive('[[["chat/message",3]],null]');
  assert.deepEqual(seen, []);
  s.ws().receive(HANDSHAKE);
  s.ws().receive('[[["chat/message",4]],null]');
  assert.deepEqual(seen, [['open', true], ['handshake', 'alice'], ['push', ['chat/message', 1]],
    ['push', ['chat/message', 2]], ['push', ['chat/message', 3]], ['push', ['chat/message', 4]]]);
});

test('on() returns a function that unregisters the handler', () => {
  const s = opened();
  const seen = [];
  const off = s.chsk.on('push', (ev) => seen.push(ev));
  s.ws().receive('[[["a/b",1]],null]');
  off();
  s.ws().receive('[[["a/b",2]],null]');
  assert.deepEqual(seen, [['a/b', 1]]);
  assert.throws(() => s.chsk.on('nope', () => {}), TypeError);
});

test('a bad frame is reported and dropped; the connection stays open', () => {
  const s = opened();
  s.ws().receive('[[["chsk/state",1]],null]');
  assert.equal(s.errors.at(-1).reason, 'RESERVED_EVENT');
  assert.equal(s.chsk.state.open, true);
});

test('the server ping is answered with a pong at once', () => {
  const s = opened();
  s.ws().receive('["chsk/ws-ping",null]');
  assert.equal(s.ws().sent.at(-1), '[["chsk/ws-pong"],null]');
});

test('after pingIntervalMs idle the client pings; a pong keeps it open, no pong closes with ping-timeout', async () => {
  const s = opened({ pingIntervalMs: 20000, pongTimeoutMs: 5000 });
  await s.clock.advance(19999);
  assert.equal(s.ws().sent.length, 0);
  await s.clock.advance(1);
  const [ping, cb] = JSON.parse(s.ws().sent.at(-1));
  assert.deepEqual(ping, ['chsk/ws-ping']);
  s.ws().receive(JSON.stringify(['pong', cb]));
  await s.clock.advance(6000);
  assert.equal(s.chsk.state.open, true);

  const first = s.ws();
  await s.clock.advance(14000);               // 20 s after the pong: a second ping, this time unanswered
  assert.equal(JSON.parse(first.sent.at(-1))[0][0], 'chsk/ws-ping');
  await s.clock.advance(5000);
  assert.deepEqual(first.closed, { code: 4000, reason: 'ping-timeout' });
  assert.equal(s.chsk.state.lastClose.reason, 'ping-timeout');
  assert.equal(s.WebSocket.all.length, 2, 'the first reconnect attempt is at once');
});

test('reconnects with capped, jittered exponential backoff; a connection that stays open resets the attempts', async () => {
  const s = opened({ backoffBaseMs: 1000, backoffCapMs: 8000 });
  const delays = [];
  for (let i = 0; i < 6; i += 1) {
    s.ws().fail();
    delays.push(s.chsk.state.nextReconnectAt - s.clock.now());
    assert.equal(s.chsk.state.reconnecting, true);
    await s.clock.advance(delays.at(-1));
  }
  // random() is 0.5: half of min(cap, base * 2^(n-1)), and attempt 1 at once
  assert.deepEqual(delays, [0, 1000, 2000, 4000, 4000, 4000]);
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  assert.equal(s.chsk.state.reconnecting, false);
  await s.clock.advance(5000);                // backoffResetAfterMs: it stayed open
  s.ws().fail();
  assert.equal(s.chsk.state.nextReconnectAt - s.clock.now(), 0);
});

test('a connection lost within backoffResetAfterMs of its handshake counts as one more failed attempt', async () => {
  const s = opened({ backoffBaseMs: 1000, backoffCapMs: 30000, pingIntervalMs: 0 });
  s.ws().serverClose(1001, 'server-stop');    // opened by connect(): attempt 1, at once
  assert.equal(s.chsk.state.nextReconnectAt - s.clock.now(), 0);
  const delays = [];
  for (let i = 0; i < 4; i += 1) {
    await s.clock.advance(delays.at(-1) ?? 0);
    s.ws().open();
    s.ws().receive(HANDSHAKE);
    assert.equal(s.chsk.state.open, true);
    await s.clock.advance(4999);              // just short of backoffResetAfterMs
    s.ws().serverClose(1001, 'server-stop');
    delays.push(s.chsk.state.nextReconnectAt - s.clock.now());
  }
  // random() is 0.5: attempts 2 to 5 wait half of base * 2^(n-1)
  assert.deepEqual(delays, [1000, 2000, 4000, 8000]);
  assert.equal(s.WebSocket.all.length, 5);
});

test('without an injected now, the reset period is measured on performance.now: a wall-clock change does not move it',
  async (t) => {
    let wall = 1_700_000_000_000;
    let mono = 0;
    t.mock.method(Date, 'now', () => wall);
    t.mock.method(globalThis.performance, 'now', () => mono);
    const clock = new FakeClock();
    const WebSocket = fakeWebSocketClass();
    const chsk = connect({ url: 'http://app.test/chsk', WebSocket, fetch: fakeFetch(), setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout, random: () => 0.5, clientId: 'tab-1', backoffBaseMs: 1000, pingIntervalMs: 0,
      page: null });
    const ws = () => WebSocket.all.at(-1);
    ws().open();
    ws().receive(HANDSHAKE);
    ws().serverClose(1001, 'server-stop');      // opened by connect(): attempt 1, at once
    await clock.advance(0);
    ws().open();
    ws().receive(HANDSHAKE);                    // opened by attempt 1
    wall -= 3_600_000;                          // the wall clock is set back an hour...
    mono += 5000;                               // ...as the connection stays open for backoffResetAfterMs
    ws().serverClose(1001, 'server-stop');
    assert.equal(chsk.state.nextReconnectAt - Date.now(), 0, 'the attempts started over: the next one is at once');
    chsk.disconnect();
  });

test('close codes from the server give their reasons; unauthorized stops reconnecting', async () => {
  const s = opened();
  s.ws().serverClose(1001, 'server-stop');
  assert.equal(s.chsk.state.lastClose.reason, 'server-stop');
  await s.clock.advance(0);
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  s.ws().serverClose(4003, 'unauthorized');
  assert.equal(s.chsk.state.lastClose.reason, 'unauthorized');
  assert.equal(s.chsk.state.reconnecting, false);
  await s.clock.advance(60000);
  assert.equal(s.WebSocket.all.length, 2);
});

test('a WebSocket lost without a close frame (1006) or closed without a code (1005) is abnormal, and reconnects', async () => {
  const s = opened();
  s.ws().serverClose(1006);
  assert.equal(s.chsk.state.lastClose.reason, 'abnormal');
  assert.equal(s.chsk.state.reconnecting, true);
  await s.clock.advance(0);
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  s.ws().serverClose(1005);
  assert.equal(s.chsk.state.lastClose.reason, 'abnormal');
  assert.equal(s.chsk.state.reconnecting, true);
  s.chsk.disconnect();
});

test('disconnect() closes with 1000 requested and stays closed; reconnect() opens a new connection', async () => {
  const s = opened();
  const first = s.ws();
  s.chsk.disconnect();
  assert.deepEqual(first.closed, { code: 1000, reason: 'requested' });
  assert.equal(s.chsk.state.open, false);
  assert.equal(s.chsk.state.reconnecting, false);
  assert.equal(s.chsk.state.lastClose.reason, 'requested');
  await s.clock.advance(60000);
  assert.equal(s.WebSocket.all.length, 1);
  s.chsk.reconnect();
  assert.equal(s.WebSocket.all.length, 2);
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  assert.equal(s.chsk.state.open, true);
});

test('breakConnection() drops the socket abruptly and the client reconnects at once', async () => {
  const s = opened();
  const first = s.ws();
  const pending = s.chsk.send(['a/b', 1], { timeout: 1000 });
  s.chsk.breakConnection();
  await assert.rejects(pending, (e) => e.reason === 'closed');
  assert.equal(first.closed.code, 3000);
  assert.equal(s.chsk.state.open, false);
  assert.equal(s.chsk.state.lastClose.reason, 'error');
  await s.clock.advance(0);
  assert.equal(s.WebSocket.all.length, 2);
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  assert.equal(s.chsk.state.open, true);
  assert.equal(s.chsk.state.type, 'ws');
});

test("type 'auto' falls back to Ajax for good when its first WebSocket fails before it opens", async () => {
  const s = setup();
  s.ws().fail();
  await settle();
  assert.equal(s.chsk.state.type, 'ajax');
  const [hs] = s.fetch.requests;
  assert.equal(hs.method, 'GET');
  assert.equal(hs.url.searchParams.get('handshake?'), '1');
  hs.respond(200, HANDSHAKE);
  await settle();
  assert.equal(s.chsk.state.open, true);
  assert.equal(s.chsk.state.type, 'ajax');
  assert.equal(s.WebSocket.all.length, 1);
});

test("type 'auto' keeps to the WebSocket once one has opened", async () => {
  const s = opened();
  s.ws().fail();
  await s.clock.advance(0);
  s.ws().fail();                              // never opened, but a WebSocket opened before
  await s.clock.advance(5000);
  assert.equal(s.WebSocket.all.length, 3);
  assert.equal(s.fetch.requests.length, 0);
  assert.equal(s.chsk.state.type, 'ws');
});

test("type 'ws' never falls back", async () => {
  const s = setup({ type: 'ws' });
  s.ws().fail();
  await s.clock.advance(0);
  assert.equal(s.WebSocket.all.length, 2);
  assert.equal(s.fetch.requests.length, 0);
});

test('the default client id is a random version 4 UUID, with or without crypto.randomUUID', () => {
  const ids = new Set();
  for (let i = 0; i < 3; i += 1) ids.add(setup({ clientId: undefined }).chsk.clientId);
  const real = globalThis.crypto;
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  // an insecure page's crypto: getRandomValues only
  Object.defineProperty(globalThis, 'crypto', { value: { getRandomValues: (a) => real.getRandomValues(a) }, configurable: true });
  try {
    ids.add(setup({ clientId: undefined }).chsk.clientId);
  } finally {
    Object.defineProperty(globalThis, 'crypto', saved);
  }
  assert.equal(ids.size, 4);
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('an attempt without a handshake within handshakeTimeoutMs is closed as timeout and the client reconnects', async () => {
  const s = setup({ type: 'ws', handshakeTimeoutMs: 4000, pingIntervalMs: 0 });
  const silent = s.ws();
  silent.open();                               // upgraded, and then nothing
  await s.clock.advance(3999);
  assert.equal(silent.closed, null);
  await s.clock.advance(1);
  assert.deepEqual(silent.closed, { code: 4001, reason: 'timeout' });
  assert.equal(s.chsk.state.lastClose.reason, 'timeout');
  assert.equal(s.chsk.state.reconnecting, true);
  await s.clock.advance(0);
  assert.equal(s.WebSocket.all.length, 2);
  silent.receive(HANDSHAKE);                   // too late: ignored
  assert.equal(s.chsk.state.open, false);
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  assert.equal(s.chsk.state.open, true);
  await s.clock.advance(60000);                // a handshaken connection has no handshake timer
  assert.equal(s.ws().closed, null);
  assert.equal(s.WebSocket.all.length, 2);
});

test('the handshake timeout defaults to 10 s and also ends a WebSocket that never leaves CONNECTING', async () => {
  const s = setup({ type: 'ws' });
  const hanging = s.ws();
  await s.clock.advance(9999);
  assert.equal(hanging.closed, null);
  await s.clock.advance(1);
  assert.deepEqual(hanging.closed, { code: 4001, reason: 'timeout' });
  assert.equal(s.chsk.state.lastClose.reason, 'timeout');
});

test("type 'auto' falls back to Ajax when its first WebSocket times out before it opens", async () => {
  const s = setup({ handshakeTimeoutMs: 4000 });
  await s.clock.advance(4000);
  await settle();
  assert.equal(s.chsk.state.type, 'ajax');
  const [hs] = s.fetch.requests;
  assert.equal(hs.url.searchParams.get('handshake?'), '1');
  hs.respond(200, HANDSHAKE);
  await settle();
  assert.equal(s.chsk.state.open, true);
  assert.equal(s.chsk.state.type, 'ajax');
});

test('a loss is one state change that says when the next attempt starts; a loss that ends the retries clears it', async () => {
  const s = opened({ backoffBaseMs: 1000 });
  let n = s.states.length;
  s.ws().serverClose(1006);
  assert.equal(s.states.length, n + 1, 'one state change per loss');
  assert.deepEqual([s.chsk.state.open, s.chsk.state.reconnecting, s.chsk.state.nextReconnectAt], [false, true, s.clock.now()]);
  await s.clock.advance(0);
  n = s.states.length;
  s.ws().serverClose(1006);                               // the second attempt waits half of 2 s (random() is 0.5)
  assert.equal(s.states.length, n + 1);
  assert.equal(s.states.at(-1).nextReconnectAt, s.clock.now() + 1000);
  await s.clock.advance(1000);
  s.ws().open();
  s.ws().serverClose(4003, 'unauthorized');    // refused: no next attempt
  assert.equal(s.chsk.state.reconnecting, false);
  assert.equal(s.chsk.state.nextReconnectAt, null);
});

test("the fallback to Ajax is one state change: type 'ajax', reconnecting at once", async () => {
  const s = setup();
  const n = s.states.length;
  s.ws().serverClose(1006);
  assert.equal(s.states.length, n + 1);
  assert.equal(s.states.at(-1).type, 'ajax');
  assert.equal(s.states.at(-1).reconnecting, true);
  assert.equal(s.states.at(-1).nextReconnectAt, s.clock.now());
});

test('a state handler that disconnects on a loss keeps the client closed, the fallback to Ajax included', async () => {
  for (const opts of [{}, { type: 'ws' }]) {
    const s = setup(opts);
    s.chsk.on('state', (st) => !st.open && st.lastClose?.reason === 'error' && s.chsk.disconnect());
    s.ws().fail();                             // under 'auto': the first WebSocket never opened
    await s.clock.advance(60000);
    assert.equal(s.fetch.requests.length, 0, `no Ajax handshake (${opts.type ?? 'auto'})`);
    assert.equal(s.WebSocket.all.length, 1);
    assert.equal(s.chsk.state.reconnecting, false);
    assert.equal(s.chsk.state.nextReconnectAt, null);
    assert.equal(s.chsk.state.lastClose.reason, 'requested');
  }
});

test('a state handler that reconnects on a loss leaves exactly one live connection attempt', async () => {
  const s = setup();
  let once = true;
  s.chsk.on('state', (st) => {
    if (!st.open && st.lastClose?.reason === 'error' && once) {
      once = false;
      s.chsk.reconnect();
    }
  });
  s.ws().fail();                               // falls back: reconnect() starts the Ajax handshake
  await s.clock.advance(0);
  assert.equal(s.fetch.requests.length, 1, 'one Ajax handshake');
  s.fetch.requests[0].respond(200, HANDSHAKE);
  await settle();
  assert.equal(s.chsk.state.open, true);
});

test('a state handler that disconnects on the open gets no handshake event for the closed connection, and no timer stays', async () => {
  const s = setup();
  const handshakes = [];
  s.chsk.on('handshake', (uid) => handshakes.push(uid));
  s.chsk.on('state', (st) => st.open && s.chsk.disconnect());
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  assert.deepEqual(handshakes, []);
  assert.equal(s.chsk.state.open, false);
  assert.deepEqual(s.clock.pending(), []);
});

test('a handshake handler that disconnects leaves no timer behind', async () => {
  const s = setup();
  s.chsk.on('handshake', () => s.chsk.disconnect());
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  assert.equal(s.chsk.state.open, false);
  assert.deepEqual(s.clock.pending(), []);
});

const pageEvent = (type, persisted) => Object.assign(new Event(type), { persisted });

test('pagehide closes the connection without reconnecting; pageshow from the back/forward cache connects again', async () => {
  const page = new EventTarget();
  const s = opened({ page });
  const first = s.ws();
  const pending = s.chsk.send(['a/b', 1], { timeout: 30000 });
  page.dispatchEvent(pageEvent('pagehide', true));
  await assert.rejects(pending, (e) => e.reason === 'closed');
  assert.deepEqual(first.closed, { code: 1000, reason: 'requested' });
  assert.equal(s.chsk.state.open, false);
  assert.equal(s.chsk.state.reconnecting, false);
  first.serverClose(1001);                     // what a browser does to the socket while it unloads: ignored
  await s.clock.advance(60000);
  assert.equal(s.WebSocket.all.length, 1);
  assert.equal(s.fetch.requests.length, 0);

  page.dispatchEvent(pageEvent('pageshow', true));
  assert.equal(s.WebSocket.all.length, 2);
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  assert.equal(s.chsk.state.open, true);
  page.dispatchEvent(pageEvent('pageshow', true));   // already connected: nothing
  assert.equal(s.WebSocket.all.length, 2);
});

test('pagehide during the backoff cancels the next attempt; a pageshow that is no restore changes nothing', async () => {
  const page = new EventTarget();
  const s = opened({ page });
  s.ws().serverClose(1006);
  await s.clock.advance(0);
  s.ws().serverClose(1006);                    // attempt 2 waits 1 s
  page.dispatchEvent(pageEvent('pagehide', false));
  await s.clock.advance(60000);
  assert.equal(s.WebSocket.all.length, 2);
  assert.equal(s.chsk.state.nextReconnectAt, null);
  page.dispatchEvent(pageEvent('pageshow', false));
  assert.equal(s.WebSocket.all.length, 2);
});

test("the browser's online event starts a reconnect waiting out its backoff at once, and nothing else", async () => {
  const page = new EventTarget();
  const s = opened({ page, backoffBaseMs: 10000, pingIntervalMs: 0, handshakeTimeoutMs: 120000 });
  s.ws().serverClose(1006);
  await s.clock.advance(0);                    // attempt 1, at once
  s.ws().serverClose(1006);                    // attempt 2 waits 10 s (half of 20 s)
  assert.equal(s.WebSocket.all.length, 2);
  page.dispatchEvent(new Event('online'));
  assert.equal(s.WebSocket.all.length, 3, 'the waiting attempt starts now');
  assert.equal(s.chsk.state.reconnecting, true);
  page.dispatchEvent(new Event('online'));     // an attempt is under way: nothing more
  await s.clock.advance(60000);
  assert.equal(s.WebSocket.all.length, 3, 'the cancelled timer does not fire');
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  page.dispatchEvent(new Event('online'));     // connected: nothing
  s.chsk.disconnect();
  page.dispatchEvent(new Event('online'));     // stopped: nothing
  assert.equal(s.WebSocket.all.length, 3);
});

test('after disconnect() the page events change nothing; after a refusal neither', async () => {
  const page = new EventTarget();
  const s = opened({ page });
  s.chsk.disconnect();
  page.dispatchEvent(pageEvent('pagehide', true));
  page.dispatchEvent(pageEvent('pageshow', true));
  assert.equal(s.WebSocket.all.length, 1);
  assert.equal(s.chsk.state.lastClose.reason, 'requested');

  const t = opened({ page });
  t.ws().serverClose(4003, 'unauthorized');
  page.dispatchEvent(pageEvent('pagehide', true));
  page.dispatchEvent(pageEvent('pageshow', true));
  assert.equal(t.WebSocket.all.length, 1);
  assert.equal(t.chsk.state.lastClose.reason, 'unauthorized');
});

test("type 'auto' falls back when its first WebSocket opens but no handshake comes in time; not once one has", async () => {
  const s = setup({ handshakeTimeoutMs: 4000 });
  s.ws().open();                               // a proxy completed the upgrade and forwards nothing
  await s.clock.advance(4000);
  await settle();
  assert.equal(s.chsk.state.type, 'ajax');
  assert.equal(s.fetch.requests.at(-1).url.searchParams.get('handshake?'), '1');

  const t = opened({ handshakeTimeoutMs: 4000, pingIntervalMs: 0 });
  t.ws().fail();
  await t.clock.advance(0);
  t.ws().open();
  await t.clock.advance(4000);                 // silent again, but a WebSocket has carried a handshake before
  assert.equal(t.chsk.state.lastClose.reason, 'timeout');
  await t.clock.advance(1000);                 // attempt 2's backoff: half of 2 s with random() at 0.5
  assert.equal(t.chsk.state.type, 'ws');
  assert.equal(t.fetch.requests.length, 0);
  assert.equal(t.WebSocket.all.length, 3);
});

test('a WebSocket constructor that throws sets lastError with the loss, and the client reconnects', () => {
  const s = setup({
    type: 'ws',
    WebSocket: class { constructor() { throw new SyntaxError('bad url for a WebSocket'); } },
  });
  assert.deepEqual(s.chsk.state.lastError, { at: s.clock.now(), message: 'bad url for a WebSocket' });
  assert.equal(s.chsk.state.lastClose.reason, 'error');
  assert.equal(s.chsk.state.reconnecting, true);
});

test('disconnect() fails the requests waiting for a reply at once; sends after it fail at once until connect()', async () => {
  const s = opened();
  const waiting = s.chsk.send(['chat/send', 1], { timeout: 60000 });
  s.chsk.disconnect();
  await assert.rejects(waiting, (e) => e instanceof ReplyError && e.reason === 'closed');
  await assert.rejects(s.chsk.send(['chat/send', 2]), (e) => e instanceof ReplyError && e.reason === 'closed');
  await assert.rejects(s.chsk.send(['chat/send', 3], { reply: true }), (e) => e.reason === 'closed');
  assert.deepEqual(s.clock.pending(), [], 'no reply timer stays');
  s.chsk.connect();
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  assert.equal(await s.chsk.send(['chat/send', 4]), undefined);
  assert.equal(s.ws().sent.at(-1), '[["chat/send",4],null]');
});

test('a close as unauthorized fails the requests waiting for a reply at once, and later sends until reconnect()', async () => {
  const s = opened();
  const waiting = s.chsk.send(['chat/send', 1], { timeout: 60000 });
  s.ws().serverClose(4003, 'unauthorized');
  await assert.rejects(waiting, (e) => e instanceof ReplyError && e.reason === 'closed');
  await assert.rejects(s.chsk.send(['chat/send', 2]), (e) => e.reason === 'closed');
  await assert.rejects(s.chsk.send(['chat/send', 3], { timeout: 100 }), (e) => e.reason === 'closed');
  assert.deepEqual(s.clock.pending(), []);
  s.chsk.reconnect();
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  assert.equal(await s.chsk.send(['chat/send', 4]), undefined);
});

test('sends while the client waits out its backoff fail at once with closed: nothing is held for the next connection', async () => {
  const s = opened();
  s.ws().serverClose(1001, 'server-stop');
  assert.equal(s.chsk.state.reconnecting, true);
  await assert.rejects(s.chsk.send(['chat/send', 1]), (e) => e.reason === 'closed');
  await assert.rejects(s.chsk.send(['chat/send', 2], { reply: true }), (e) => e.reason === 'closed');
  await s.clock.advance(0);
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  assert.deepEqual(s.ws().sent, [], 'nothing sent before the reconnect goes out after it');
});

test('a random source that throws when the backoff is drawn stops the client, closed as error, and reports it', async () => {
  let broken = false;
  const s = opened({ random: () => { if (broken) throw new Error('no entropy'); return 0.5; } });
  s.ws().serverClose(1001, 'server-stop');            // attempt 1: at once, nothing drawn
  await s.clock.advance(0);
  broken = true;
  s.ws().fail();                                      // attempt 2 draws its delay
  const state = s.chsk.state;
  assert.equal(state.open, false);
  assert.equal(state.reconnecting, false);
  assert.equal(state.nextReconnectAt, null);
  assert.equal(state.lastClose.reason, 'error');
  assert.match(state.lastError.message, /no entropy.*stays closed until connect\(\) or reconnect\(\)/);
  assert.match(s.errors.at(-1).message, /no entropy/);
  assert.equal(s.errors.at(-1).cause.message, 'no entropy');
  await assert.rejects(s.chsk.send(['chat/send', 1]), (e) => e.reason === 'closed');
  await s.clock.advance(120000);
  assert.equal(s.WebSocket.all.length, 2, 'no further attempt');
  assert.deepEqual(s.clock.pending(), []);
  broken = false;
  s.chsk.connect();
  assert.equal(s.WebSocket.all.length, 3, 'connect() starts again');
});

test('a throwing random source fails a request with reason error instead of throwing out of send()', async () => {
  let broken = false;
  const s = opened({ random: () => { if (broken) throw new Error('no entropy'); return 0.5; } });
  broken = true;
  await assert.rejects(s.chsk.send(['chat/send', 1], { reply: true }),
    (e) => e.reason === 'error' && /no entropy/.test(e.message));
  assert.equal(s.chsk.state.open, true);
});

test('handlers that throw on the open and on a loss are reported; the client still delivers, pings and reconnects', async () => {
  const s = setup({ pingIntervalMs: 1000 });
  const pushes = [];
  s.chsk.on('state', () => { throw new Error('state handler broke'); });
  s.chsk.on('handshake', () => { throw new Error('handshake handler broke'); });
  s.chsk.on('push', (e) => pushes.push(e));
  s.ws().open();
  s.ws().receive('[[["chat/early",1]],null]');
  s.ws().receive(HANDSHAKE);
  assert.equal(s.chsk.state.open, true);
  assert.deepEqual(pushes, [['chat/early', 1]], 'the push held for the handshake still comes');
  await s.clock.advance(1000);
  const [ping, cb] = JSON.parse(s.ws().sent.at(-1));
  assert.deepEqual([ping, typeof cb], [['chsk/ws-ping'], 'string'], 'the keep-alive is armed');
  s.ws().receive(JSON.stringify(['chsk/ws-pong', cb]));
  s.ws().fail();
  assert.equal(s.chsk.state.reconnecting, true);
  await s.clock.advance(0);
  assert.equal(s.WebSocket.all.length, 2, 'the reconnect still comes');
  assert.ok(s.errors.some((e) => /state handler broke/.test(e.message)));
  assert.ok(s.errors.some((e) => /handshake handler broke/.test(e.message)));
});

test('an error handler that throws is logged, and neither the other error handlers nor the client stop', async () => {
  const s = opened();
  const logged = [];
  const original = console.error;
  console.error = (...args) => logged.push(args);
  try {
    s.chsk.on('error', () => { throw new Error('error handler broke'); });
    const later = [];
    s.chsk.on('error', (e) => later.push(e));
    s.ws().receive('not a frame');
    assert.equal(later.length, 1);
    assert.equal(logged.length, 1);
    assert.equal(s.chsk.state.open, true);
  } finally {
    console.error = original;
  }
});

test('a reply callback that throws leaves the client and the other requests as they were', async () => {
  const s = opened();
  const first = s.chsk.send(['chat/send', 1], { timeout: 1000 });
  const cb1 = JSON.parse(s.ws().sent.at(-1))[1];
  const failing = first.then(() => { throw new Error('reply callback broke'); });
  s.ws().receive(JSON.stringify(['one', cb1]));
  await assert.rejects(failing, /reply callback broke/);
  const second = s.chsk.send(['chat/send', 2], { timeout: 1000 });
  s.ws().receive(JSON.stringify(['two', JSON.parse(s.ws().sent.at(-1))[1]]));
  assert.equal(await second, 'two');
  assert.equal(s.chsk.state.open, true);
  assert.deepEqual(s.errors, []);
});

test('a random source that throws when a ping is due stops the client, closed as error, and reports it', async () => {
  let broken = false;
  const s = opened({ pingIntervalMs: 1000, random: () => { if (broken) throw new Error('no entropy'); return 0.5; } });
  const waiting = s.chsk.send(['chat/send', 1], { timeout: 60000 });
  const failed = assert.rejects(waiting, (e) => e.reason === 'closed');
  broken = true;
  await s.clock.advance(1000);
  await failed;
  assert.deepEqual(s.ws().closed, { code: 3000, reason: 'error' });
  assert.equal(s.chsk.state.open, false);
  assert.equal(s.chsk.state.reconnecting, false);
  assert.equal(s.chsk.state.lastClose.reason, 'error');
  assert.match(s.chsk.state.lastError.message, /no entropy/);
  assert.match(s.errors.at(-1).message, /no entropy.*stays closed/);
  await s.clock.advance(120000);
  assert.equal(s.WebSocket.all.length, 1);
  assert.deepEqual(s.clock.pending(), []);
});

test('an error handler that connects again when the backoff cannot be drawn leaves the new attempt running', async () => {
  let broken = false;
  const s = opened({ random: () => { if (broken) throw new Error('no entropy'); return 0.5; } });
  s.ws().serverClose(1001, 'server-stop');
  await s.clock.advance(0);
  broken = true;
  s.chsk.on('error', () => {
    broken = false;
    s.chsk.connect();
  });
  s.ws().fail();
  assert.equal(s.WebSocket.all.length, 3, 'the handler connected again');
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  assert.equal(s.chsk.state.open, true);
});

test('a random source that keeps drawing the same callback id does not hang a second request', async () => {
  const s = opened({ random: () => 0.5 });
  const first = s.chsk.send(['a/b', 1], { timeout: 1000 });
  const second = s.chsk.send(['a/b', 2], { timeout: 1000 });
  const timedOut = [first, second].map((p) => assert.rejects(p, (e) => e.reason === 'timeout'));
  const ids = s.ws().sent.slice(-2).map((m) => JSON.parse(m)[1]);
  assert.equal(new Set(ids).size, 2, `two callback ids: ${ids}`);
  await s.clock.advance(1000);
  await Promise.all(timedOut);
  s.chsk.disconnect();
});

test('an address that cannot be built (a bad url or params option) is reported once per attempt as an error', async () => {
  for (const options of [{ url: 'http://[bad' }, { params: [['a']] }]) {
    const s = setup(options);
    await s.clock.advance(0);
    assert.equal(s.WebSocket.all.length, 0);
    assert.equal(s.errors.length, 1, JSON.stringify(options));
    assert.equal(s.chsk.state.lastClose.reason, 'error');
    assert.equal(s.chsk.state.lastError.message, s.errors[0].message);
    s.chsk.disconnect();
  }
});

test('a WebSocket that never opened is an error, whatever code the browser reports for it', () => {
  for (const code of [1005, 1006, 1000]) {
    const s = setup({ type: 'ws' });
    s.ws().serverClose(code);
    assert.equal(s.chsk.state.lastClose.reason, 'error', `code ${code}`);
    s.chsk.disconnect();
  }
});

test("a csrfToken or params function that throws fails the attempt, reported, and 'auto' keeps to the WebSocket", async () => {
  let token = () => { throw new Error('no session yet'); };
  const s = setup({ csrfToken: () => token() });
  assert.equal(s.WebSocket.all.length, 0, 'no socket for an attempt without its address');
  assert.equal(s.chsk.state.reconnecting, true);
  assert.equal(s.chsk.state.type, 'ws');
  assert.match(s.chsk.state.lastError.message, /csrfToken.*no session yet/);
  await s.clock.advance(0);                           // the retry (registered now) fails the same way
  assert.match(s.errors.at(-1).message, /csrfToken.*no session yet/);
  assert.equal(s.errors.at(-1).cause.message, 'no session yet');
  token = () => 'tok-2';
  await s.clock.advance(1000);                        // the next attempt: 0.5 of 2 s
  assert.equal(s.fetch.requests.length, 0, 'no fallback to Ajax');
  assert.equal(new URL(s.ws().url).searchParams.get('csrf-token'), 'tok-2');
  s.ws().open();
  s.ws().receive(HANDSHAKE);
  assert.equal(s.chsk.state.open, true);

  const p = setup({ params: () => { throw new Error('no room'); } });
  await p.clock.advance(0);
  assert.match(p.errors.at(-1).message, /params.*no room/);
  assert.equal(p.chsk.state.type, 'ws');
  p.chsk.disconnect();
});
