// The client over Ajax long-polling: handshake, polls, POSTs with and without a reply, failures and 401/403.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../src/sente4j.js';
import { FakeClock, fakeFetch, settle } from '../test-support/fakes.js';

const HANDSHAKE = '[["chsk/handshake",["alice",null,{"plan":"pro"}]],null]';

async function setup(options = {}) {
  const clock = new FakeClock();
  const fetch = options.fetch || fakeFetch();
  const chsk = connect({ url: 'http://app.test/chsk', type: 'ajax', fetch, WebSocket: null, csrfToken: () => 'tok-9',
    setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, now: clock.now, random: () => 0.5,
    clientId: 'tab-2', ...options });
  const errors = [];
  chsk.on('error', (e) => errors.push(e));
  await settle();
  return { clock, fetch, chsk, errors, last: () => fetch.requests.at(-1) };
}

/** A fakeFetch whose next call, when `throwNext` is set, throws synchronously instead of returning a promise. */
function throwingFetch() {
  const inner = fakeFetch();
  const fetch = (url, init) => {
    if (fetch.throwNext) {
      fetch.throwNext = false;
      throw new TypeError('fetch refused the request');
    }
    return inner(url, init);
  };
  fetch.requests = inner.requests;
  return fetch;
}

async function opened(options) {
  const s = await setup(options);
  s.last().respond(200, HANDSHAKE);
  await settle();
  return s;
}

test('the handshake GET carries handshake?, the client id, the packer and the CSRF header; polls follow at once', async () => {
  const s = await setup({ params: { app: '1' } });
  const hs = s.last();
  assert.equal(hs.method, 'GET');
  assert.equal(hs.url.origin + hs.url.pathname, 'http://app.test/chsk');
  assert.equal(hs.url.searchParams.get('app'), '1');
  assert.equal(hs.url.searchParams.get('handshake?'), '1');
  assert.equal(hs.url.searchParams.get('client-id'), 'tab-2');
  assert.equal(hs.url.searchParams.get('sente4j-packer'), 'json');
  assert.equal(hs.url.searchParams.get('csrf-token'), null, 'the token travels in the header over Ajax');
  assert.equal(hs.init.headers['X-CSRF-Token'], 'tok-9');
  const handshakes = [];
  s.chsk.on('handshake', (uid, data) => handshakes.push([uid, data]));
  hs.respond(200, HANDSHAKE);
  await settle();
  assert.deepEqual(handshakes, [['alice', { plan: 'pro' }]]);
  assert.equal(s.chsk.state.open, true);
  assert.equal(s.chsk.state.type, 'ajax');
  assert.equal(s.fetch.requests.length, 2);
  assert.equal(s.last().url.searchParams.get('handshake?'), null);
});

test('a poll delivers its push in order and polls again; a poll timeout just polls again', async () => {
  const s = await opened();
  const seen = [];
  s.chsk.on('push', (ev) => seen.push(ev));
  s.last().respond(200, '[[["chat/message",1],["chat/message",2]],null]');
  await settle();
  s.last().respond(200, '["chsk/timeout",null]');
  await settle();
  s.last().respond(200, '[[["chat/message",3]],null]');
  await settle();
  assert.deepEqual(seen, [['chat/message', 1], ['chat/message', 2], ['chat/message', 3]]);
  assert.equal(s.fetch.requests.length, 5);
  assert.equal(s.chsk.state.open, true);
});

test('a POST asking for a reply carries the reply marker in ppstr and resolves with the reply', async () => {
  const s = await opened();
  const reply = s.chsk.send(['chat/send', { text: 'hi+there' }], { timeout: 5000 });
  await settle();
  const post = s.last();
  assert.equal(post.method, 'POST');
  assert.equal(post.url.searchParams.get('sente4j-packer'), 'json');
  assert.equal(post.init.headers['X-CSRF-Token'], 'tok-9');
  const form = new URLSearchParams(post.init.body.toString());
  assert.equal(form.get('client-id'), 'tab-2');
  assert.equal(form.get('ppstr'), '[["chat/send",{"text":"hi+there"}],"ajax"]');
  post.respond(200, '[{"id":1},null]');
  assert.deepEqual(await reply, { id: 1 });
});

test('a POST without reply resolves on the acknowledgement', async () => {
  const s = await opened();
  const sent = s.chsk.send(['chat/typing']);
  await settle();
  assert.equal(new URLSearchParams(s.last().init.body.toString()).get('ppstr'), '[["chat/typing"],null]');
  s.last().respond(200, '["chsk/dummy-cb-200",null]');
  assert.equal(await sent, undefined);
});

test('POST outcomes: the server timeout, a failure value, an HTTP error, and no response in time', async () => {
  const s = await opened();
  const serverTimeout = s.chsk.send(['a/b', 1], { timeout: 30000 });
  await settle();
  s.last().respond(200, '["chsk/timeout",null]');
  await assert.rejects(serverTimeout, (e) => e.reason === 'timeout');

  const failure = s.chsk.send(['a/b', 2], { timeout: 30000 });
  await settle();
  s.last().respond(200, '[":chsk/error",null]');
  await assert.rejects(failure, (e) => e.reason === 'error');

  const http = s.chsk.send(['a/b', 3], { timeout: 30000 });
  await settle();
  s.last().respond(500, 'boom');
  await assert.rejects(http, (e) => e.reason === 'error' && /500/.test(e.message));

  const slow = s.chsk.send(['a/b', 4], { timeout: 3000 });
  const check = assert.rejects(slow, (e) => e.reason === 'timeout');
  await s.clock.advance(3000);
  await check;
});

test('a failed poll is a lost connection: handshake again with backoff', async () => {
  const s = await opened();
  s.last().fail(new TypeError('network down'));
  await settle();
  assert.equal(s.chsk.state.open, false);
  assert.equal(s.chsk.state.reconnecting, true);
  assert.equal(s.chsk.state.lastClose.reason, 'error');
  await s.clock.advance(0);
  assert.equal(s.last().url.searchParams.get('handshake?'), '1', 'attempt 1 at once');
  s.last().respond(502, 'bad gateway');
  await settle();
  assert.equal(s.chsk.state.nextReconnectAt - s.clock.now(), 1000);
  const before = s.fetch.requests.length;
  await s.clock.advance(999);
  assert.equal(s.fetch.requests.length, before);
  await s.clock.advance(1);
  assert.equal(s.fetch.requests.length, before + 1);
});

test('polls refused right after each handshake meet the growing backoff, not a retry loop', async () => {
  const s = await opened();
  const delays = [];
  for (let i = 0; i < 4; i += 1) {
    s.last().respond(503, 'busy');            // the poll that follows the handshake
    await settle();
    delays.push(s.chsk.state.nextReconnectAt - s.clock.now());
    await s.clock.advance(delays.at(-1));
    assert.equal(s.last().url.searchParams.get('handshake?'), '1');
    s.last().respond(200, HANDSHAKE);
    await settle();
    assert.equal(s.chsk.state.open, true);
  }
  // random() is 0.5: attempt 1 at once (the first connection came from connect()), then half of 1 s x 2^(n-1)
  assert.deepEqual(delays, [0, 1000, 2000, 4000]);
});

test('a new handshake answering a poll does not restart backoffResetAfterMs: the connection stayed open', async () => {
  const s = await opened();
  s.last().respond(503, 'busy');              // attempt 1, at once
  await s.clock.advance(0);
  s.last().respond(503, 'busy');              // its handshake refused: attempt 2 after 1 s
  await settle();
  await s.clock.advance(1000);
  s.last().respond(200, HANDSHAKE);           // opened by attempt 2
  await settle();
  await s.clock.advance(5000);                // it stays open past backoffResetAfterMs
  s.last().respond(200, HANDSHAKE);           // the server forgot the connection (§10.2): a new handshake on it
  await settle();
  assert.equal(s.chsk.state.open, true);
  s.last().respond(503, 'busy');              // the next poll fails at once
  await settle();
  assert.equal(s.chsk.state.nextReconnectAt - s.clock.now(), 0, 'the count started over: attempt 1, at once');
});

test('a poll without a response within ajaxTimeoutMs is a lost connection with reason timeout', async () => {
  const s = await opened({ ajaxTimeoutMs: 25000 });
  await s.clock.advance(25000);
  assert.equal(s.chsk.state.lastClose.reason, 'timeout');
});

test('a handshake GET without an answer within handshakeTimeoutMs is aborted as timeout and tried again', async () => {
  const s = await setup({ handshakeTimeoutMs: 4000 });
  const hs = s.last();
  await s.clock.advance(3999);
  assert.equal(hs.init.signal.aborted, false);
  await s.clock.advance(1);
  assert.equal(hs.init.signal.aborted, true);
  assert.equal(s.chsk.state.lastClose.reason, 'timeout');
  await s.clock.advance(0);
  await settle();
  assert.equal(s.last().url.searchParams.get('handshake?'), '1');
  assert.notEqual(s.last(), hs);
  s.last().respond(200, HANDSHAKE);
  await settle();
  assert.equal(s.chsk.state.open, true);
  await s.clock.advance(15000);                // polls are not bound by the handshake timeout
  assert.equal(s.chsk.state.open, true);
});

for (const [status, reason] of [[401, 'unauthorized'], [403, 'forbidden']]) {
  test(`a ${status} stops reconnecting and is reported as '${reason}'`, async () => {
    const s = await setup();
    s.last().respond(status, 'no');
    await settle();
    assert.equal(s.chsk.state.open, false);
    assert.equal(s.chsk.state.reconnecting, false);
    assert.equal(s.chsk.state.lastClose.reason, reason);
    assert.equal(s.errors.at(-1).status, status);
    await s.clock.advance(120000);
    assert.equal(s.fetch.requests.length, 1);
    s.chsk.reconnect();
    await settle();
    assert.equal(s.fetch.requests.length, 2, 'reconnect() tries again');
  });
}

test('an error handler that reconnects on a 403 leaves the new connection reconnecting after its own loss', async () => {
  const s = await setup();
  let once = true;
  s.chsk.on('error', (e) => {
    if (e.status === 403 && once) {
      once = false;
      s.chsk.reconnect();                      // for example after refreshing the token
    }
  });
  s.last().respond(403, 'stale token');
  await settle();
  s.last().respond(200, HANDSHAKE);
  await settle();
  assert.equal(s.chsk.state.open, true);
  s.last().fail(new TypeError('network down'));
  await settle();
  assert.equal(s.chsk.state.reconnecting, true, 'the refusal of the old connection does not stop the new one');
  const before = s.fetch.requests.length;
  await s.clock.advance(60000);
  assert.ok(s.fetch.requests.length > before);
});

test('breakConnection() over Ajax abandons the poll and handshakes again at once', async () => {
  const s = await opened();
  const poll = s.last();
  s.chsk.breakConnection();
  assert.equal(poll.init.signal.aborted, true);
  await s.clock.advance(0);
  assert.equal(s.last().url.searchParams.get('handshake?'), '1');
  s.last().respond(200, HANDSHAKE);
  await settle();
  assert.equal(s.chsk.state.open, true);
});

test('disconnect() abandons the poll and sends nothing more', async () => {
  const s = await opened();
  s.chsk.disconnect();
  await s.clock.advance(60000);
  assert.equal(s.fetch.requests.length, 2);
  await assert.rejects(s.chsk.send(['a/b'], { timeout: 10 }), (e) => e.reason === 'closed');
});

test('every Ajax connection is numbered higher than the last, on its handshake and on each of its polls', async () => {
  const s = await opened();
  const conn = (r) => Number(r.url.searchParams.get('sente4j-conn'));
  const [hs, poll] = s.fetch.requests;
  assert.equal(conn(poll), conn(hs));
  s.chsk.breakConnection();
  await s.clock.advance(0);
  const next = s.last();
  assert.equal(next.url.searchParams.get('handshake?'), '1');
  assert.ok(conn(next) > conn(hs));
  next.respond(200, HANDSHAKE);
  await settle();
  assert.equal(conn(s.last()), conn(next));
  s.chsk.reconnect();
  await settle();
  assert.ok(conn(s.last()) > conn(next));
});

test('a 403 answering a POST of an abandoned connection does not stop the client that connected since', async () => {
  const s = await opened({ backoffResetAfterMs: 0 }); // the later loss's retry is at once
  const stale = s.chsk.send(['a/b', 1], { timeout: 30000 });
  stale.catch(() => {});
  await settle();
  const post = s.last();
  s.chsk.breakConnection();
  await s.clock.advance(0);
  s.last().respond(200, HANDSHAKE);
  await settle();
  assert.equal(s.chsk.state.open, true);
  post.respond(403, 'old token');
  await settle();
  assert.equal(s.chsk.state.open, true);
  s.last().fail(new TypeError('network down'));
  await settle();
  assert.equal(s.chsk.state.reconnecting, true, 'a later loss still reconnects');
  const before = s.fetch.requests.length;
  await s.clock.advance(0);
  assert.equal(s.fetch.requests.length, before + 1);
  assert.equal(s.last().url.searchParams.get('handshake?'), '1');
});

test('a poll whose body stops after the status line is abandoned after ajaxTimeoutMs as timeout, and the client reconnects', async () => {
  const s = await opened({ ajaxTimeoutMs: 25000 });
  const poll = s.last();
  poll.respondHeaders(200);
  await s.clock.advance(24999);
  assert.equal(s.chsk.state.open, true);
  await s.clock.advance(1);
  assert.equal(poll.init.signal.aborted, true);
  assert.equal(s.chsk.state.open, false);
  assert.equal(s.chsk.state.lastClose.reason, 'timeout');
  await s.clock.advance(0);
  assert.equal(s.last().url.searchParams.get('handshake?'), '1');
});

test('a POST whose reply body stops after the status line times out', async () => {
  const s = await opened();
  const reply = s.chsk.send(['a/b', 1], { timeout: 3000 });
  const check = assert.rejects(reply, (e) => e.reason === 'timeout');
  await settle();
  s.last().respondHeaders(200);
  await s.clock.advance(3000);
  await check;
});

test('a body that arrives after the status line is read as the frame', async () => {
  const s = await opened();
  const seen = [];
  s.chsk.on('push', (ev) => seen.push(ev));
  s.last().respondHeaders(200);
  await s.clock.advance(1000);
  s.last().sendBody('[[["chat/message",1]],null]');
  await settle();
  assert.deepEqual(seen, [['chat/message', 1]]);
  assert.equal(s.fetch.requests.length, 3);
});

test('disconnect() fails the POSTs in flight with closed and aborts them, as it fails a WebSocket\'s pending requests', async () => {
  const s = await opened();
  const reply = s.chsk.send(['a/b', 1], { timeout: 30000 });
  const sent = s.chsk.send(['a/b', 2]);
  const failed = Promise.allSettled([reply, sent]);
  await settle();
  const posts = s.fetch.requests.filter((r) => r.method === 'POST');
  assert.equal(posts.length, 2);
  s.chsk.disconnect();
  for (const p of posts) assert.equal(p.init.signal.aborted, true);
  posts[0].respond(200, '[{"late":true},null]');   // too late: the client has closed
  const outcomes = await failed;
  assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'rejected']);
  assert.deepEqual(outcomes.map((o) => o.reason.reason), ['closed', 'closed']);
  assert.deepEqual(s.errors, []);
});

test('a lost Ajax connection fails its POSTs in flight with closed', async () => {
  const s = await opened();
  const reply = s.chsk.send(['a/b', 1], { timeout: 30000 });
  const check = assert.rejects(reply, (e) => e.reason === 'closed');
  await settle();
  s.chsk.breakConnection();
  await check;
  assert.equal(s.fetch.requests.filter((r) => r.method === 'POST')[0].init.signal.aborted, true);
});

test('pagehide abandons the long-poll and sends nothing more; pageshow from the back/forward cache handshakes again', async () => {
  const page = new EventTarget();
  const s = await opened({ page });
  const poll = s.last();
  page.dispatchEvent(Object.assign(new Event('pagehide'), { persisted: true }));
  assert.equal(poll.init.signal.aborted, true);
  await s.clock.advance(60000);
  assert.equal(s.fetch.requests.length, 2);
  page.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
  await settle();
  assert.equal(s.fetch.requests.length, 3);
  assert.equal(s.last().url.searchParams.get('handshake?'), '1');
  s.last().respond(200, HANDSHAKE);
  await settle();
  assert.equal(s.chsk.state.open, true);
});

test('a fetch that throws instead of rejecting fails the handshake GET as a rejection would, and leaves no timer', async () => {
  const fetch = throwingFetch();
  fetch.throwNext = true;
  const s = await setup({ fetch, ajaxTimeoutMs: 25000 });
  assert.equal(s.fetch.requests.length, 0);
  assert.equal(s.chsk.state.lastClose.reason, 'error');
  assert.equal(s.chsk.state.reconnecting, true);
  assert.deepEqual(s.clock.pending(), [0], 'only the reconnect waits');
  await s.clock.advance(0);
  assert.equal(s.last().url.searchParams.get('handshake?'), '1');
  s.last().respond(200, HANDSHAKE);
  await settle();
  assert.equal(s.chsk.state.open, true);
});

test('a fetch that throws instead of rejecting fails the POST with reason error and leaves no request timer', async () => {
  const fetch = throwingFetch();
  const s = await opened({ fetch });
  const timers = s.clock.pending();
  fetch.throwNext = true;
  await assert.rejects(s.chsk.send(['a/b', 1], { timeout: 5000 }),
    (e) => e.reason === 'error' && /fetch refused/.test(e.message));
  fetch.throwNext = true;
  await assert.rejects(s.chsk.send(['a/b', 2]), (e) => e.reason === 'error');
  assert.deepEqual(s.clock.pending(), timers, 'only the poll\'s timer waits');
  assert.equal(s.chsk.state.open, true);
});

test('a failed handshake GET or poll sets lastError in the snapshot that reports the loss', async () => {
  const s = await opened();
  const states = [];
  s.chsk.on('state', (st) => states.push(st));
  s.last().fail(new TypeError('network down'));
  await settle();
  assert.equal(states.length, 1);
  assert.equal(states[0].open, false);
  assert.deepEqual(states[0].lastError, { at: s.clock.now(), message: 'network down' });
  await s.clock.advance(0);
  await s.clock.advance(500);
  s.last().respond(502, 'bad gateway');
  await settle();
  assert.equal(states.at(-1).lastClose.code, 502);
  assert.deepEqual(states.at(-1).lastError, { at: s.clock.now(), message: 'the server answered 502' });
  await s.clock.advance(1000);
  s.last().respond(200, '{"not":"a frame"}');
  await settle();
  assert.equal(states.at(-1).open, false);
  assert.equal(states.at(-1).lastError.at, s.clock.now());
  assert.equal(states.at(-1).lastError.message, s.errors.at(-1).message, 'an unreadable answer, also reported');
});

test('a failed POST sets lastError on the open connection: a network error, an HTTP status, an unreadable answer', async () => {
  const s = await opened();
  const states = [];
  s.chsk.on('state', (st) => states.push(st));
  const http = s.chsk.send(['a/b', 1], { timeout: 30000 });
  await settle();
  s.last().respond(500, 'boom');
  await assert.rejects(http, (e) => e.reason === 'error');
  assert.deepEqual(s.chsk.state.lastError, { at: s.clock.now(), message: 'the server answered 500' });
  assert.equal(states.length, 1);
  assert.equal(states[0].open, true);
  await s.clock.advance(10);
  const cut = s.chsk.send(['a/b', 2]);
  await settle();
  s.last().fail(new TypeError('network down'));
  await assert.rejects(cut, (e) => e.reason === 'error');
  assert.deepEqual(s.chsk.state.lastError, { at: s.clock.now(), message: 'network down' });
  await s.clock.advance(10);
  const garbled = s.chsk.send(['a/b', 3], { timeout: 30000 });
  await settle();
  s.last().respond(200, '[{"reply"');
  await assert.rejects(garbled, (e) => e.reason === 'error');
  assert.equal(s.chsk.state.lastError.at, s.clock.now());
  assert.equal(s.chsk.state.lastError.message, s.errors.at(-1).message, 'an unreadable answer, also reported');
  assert.equal(s.chsk.state.open, true);
});

test('a refusal (403) sets lastError with the loss; timeouts and the client\'s own closes do not', async () => {
  const s = await setup({ ajaxTimeoutMs: 25000 });
  s.last().respond(200, HANDSHAKE);
  await settle();
  const slow = s.chsk.send(['a/b', 1], { timeout: 3000 });
  const check = assert.rejects(slow, (e) => e.reason === 'timeout');
  await s.clock.advance(3000);
  await check;
  await s.clock.advance(22000);
  assert.equal(s.chsk.state.lastClose.reason, 'timeout');
  await s.clock.advance(0);
  s.last().respond(200, HANDSHAKE);
  await settle();
  const inFlight = assert.rejects(s.chsk.send(['a/b', 2], { timeout: 30000 }), (e) => e.reason === 'closed');
  await settle();
  s.chsk.disconnect();
  await inFlight;
  assert.equal(s.chsk.state.lastError, null);
  s.chsk.connect();
  await settle();
  s.last().respond(403, 'bad token');
  await settle();
  assert.equal(s.chsk.state.lastClose.reason, 'forbidden');
  assert.deepEqual(s.chsk.state.lastError, { at: s.clock.now(), message: 'the server answered 403' });
});

test('pushes answering the handshake GET reach the handlers after the handshake, in order', async () => {
  const s = await setup();
  const seen = [];
  s.chsk.on('state', (st) => seen.push(['open', st.open]));
  s.chsk.on('handshake', (uid) => seen.push(['handshake', uid]));
  s.chsk.on('push', (ev) => seen.push(['push', ev]));
  s.last().respond(200, '[[["chat/message",1],["chat/message",2]],null]');
  await settle();
  assert.deepEqual(seen, []);
  assert.equal(s.last().url.searchParams.get('handshake?'), '1', 'the handshake is asked for again');
  s.last().respond(200, '[[["chat/message",3]],null]');
  await settle();
  s.last().respond(200, HANDSHAKE);
  await settle();
  s.last().respond(200, '[[["chat/message",4]],null]');
  await settle();
  assert.deepEqual(seen, [['open', true], ['handshake', 'alice'], ['push', ['chat/message', 1]],
    ['push', ['chat/message', 2]], ['push', ['chat/message', 3]], ['push', ['chat/message', 4]]]);
});

test('a poll answered 401 fails the POSTs in flight with closed at once, and later sends until reconnect()', async () => {
  const s = await opened();
  const reply = s.chsk.send(['a/b', 1], { timeout: 30000 });
  const sent = s.chsk.send(['a/b', 2]);
  const failed = Promise.allSettled([reply, sent]);
  await settle();
  const poll = s.fetch.requests.filter((r) => r.method === 'GET').at(-1);
  poll.respond(401, 'logged out');
  const outcomes = await failed;
  assert.deepEqual(outcomes.map((o) => o.reason?.reason), ['closed', 'closed']);
  assert.equal(s.chsk.state.lastClose.reason, 'unauthorized');
  const before = s.fetch.requests.length;
  await assert.rejects(s.chsk.send(['a/b', 3]), (e) => e.reason === 'closed');
  await assert.rejects(s.chsk.send(['a/b', 4], { reply: true }), (e) => e.reason === 'closed');
  assert.equal(s.fetch.requests.length, before, 'nothing sent, nothing held');
  s.chsk.reconnect();
  await settle();
  s.last().respond(200, HANDSHAKE);
  await settle();
  const again = s.chsk.send(['a/b', 5]);
  await settle();
  s.fetch.requests.filter((r) => r.method === 'POST').at(-1).respond(200, '["chsk/dummy-cb-200",null]');
  assert.equal(await again, undefined);
});

test('a random source that throws when the backoff is drawn stops an Ajax client, closed as error, and reports it', async () => {
  let broken = false;
  const s = await opened({ random: () => { if (broken) throw new Error('no entropy'); return 0.5; } });
  s.last().fail(new TypeError('network down'));       // attempt 1: at once, nothing drawn
  await s.clock.advance(0);
  assert.equal(s.last().url.searchParams.get('handshake?'), '1');
  broken = true;
  s.last().fail(new TypeError('network down'));       // attempt 2 draws its delay
  await settle();
  assert.equal(s.chsk.state.reconnecting, false);
  assert.equal(s.chsk.state.lastClose.reason, 'error');
  assert.match(s.errors.at(-1).message, /no entropy/);
  const before = s.fetch.requests.length;
  await s.clock.advance(120000);
  assert.equal(s.fetch.requests.length, before, 'no further attempt');
});

test('a csrfToken function that throws when a POST is sent is reported, and the POST fails with error', async () => {
  let token = () => 'tok-9';
  const s = await opened({ csrfToken: () => token() });
  token = () => { throw new Error('token store down'); };
  await assert.rejects(s.chsk.send(['a/b', 1]), (e) => e.reason === 'error' && /token store down/.test(e.message));
  assert.match(s.errors.at(-1).message, /csrfToken.*token store down/);
  assert.equal(s.errors.length, 1);
});
