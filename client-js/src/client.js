// The channel socket client: one logical connection to a sente4j (or Sente) server over a WebSocket or Ajax
// long-polling, with handshake, request/reply, pushes, keep-alive and reconnection (PROTOCOL.md §4-§10).
import { jsonPacker } from './json.js';
import { ReplyError, ProtocolError } from './errors.js';
import { PING, PONG_EVENT, eventIdText, eventValue, writeFrame, readFrame, failureOf } from './frames.js';

const CLOSE_CODES = { 1000: 'requested', 1001: 'server-stop', 1005: 'abnormal', 1006: 'abnormal', 1009: 'too-large',
  1011: 'error', 4000: 'ping-timeout', 4001: 'timeout', 4002: 'overflow', 4003: 'unauthorized' };
const TYPES = ['auto', 'ws', 'ajax'];
/** The options that are durations in ms; each must be a finite number, 0 or more (pingIntervalMs 0: no pings). */
const DURATIONS = ['pingIntervalMs', 'pongTimeoutMs', 'replyTimeoutMs', 'ajaxTimeoutMs', 'handshakeTimeoutMs',
  'backoffBaseMs', 'backoffCapMs', 'backoffResetAfterMs'];

const DEFAULTS = {
  path: '/chsk',
  type: 'auto',
  params: {},
  pingIntervalMs: 20000,
  pongTimeoutMs: 5000,
  replyTimeoutMs: 10000,
  ajaxTimeoutMs: 60000,
  handshakeTimeoutMs: 10000,
  backoffBaseMs: 1000,
  backoffCapMs: 30000,
  backoffResetAfterMs: 5000,
  maxFrameBytes: 1048576,
};

/** Connects at once; returns the client. Options: see README.md and sente4j.d.ts. */
export function connect(options = {}) {
  const client = new Client(options);
  client.connect();
  return client;
}

export class Client {
  constructor(options = {}) {
    const o = { ...DEFAULTS };
    for (const [name, value] of Object.entries(options)) if (value !== undefined) o[name] = value; // undefined: default
    if (!TYPES.includes(o.type)) throw new TypeError(`type is one of ${TYPES.join(', ')}: ${o.type}`);
    const g = globalThis;
    this.o = o;
    this.packer = o.packer || jsonPacker();
    this.WebSocket = o.WebSocket === undefined ? g.WebSocket : o.WebSocket;
    if (o.type === 'ws' && !this.WebSocket) throw new TypeError("type 'ws' needs a WebSocket implementation");
    for (const name of DURATIONS) {
      const ms = o[name];
      if (!(Number.isFinite(ms) && ms >= 0)) throw new TypeError(`${name} is a number of ms, 0 or more: ${ms}`);
    }
    if (!(o.backoffBaseMs > 0 && o.backoffCapMs >= o.backoffBaseMs)) {
      throw new TypeError(`backoffBaseMs must be above 0 and backoffCapMs at least as large: ${o.backoffBaseMs}, `
        + `${o.backoffCapMs}`);
    }
    if (!(Number.isInteger(o.maxFrameBytes) && o.maxFrameBytes > 0)) {
      throw new TypeError(`maxFrameBytes is a positive whole number of bytes: ${o.maxFrameBytes}`);
    }
    this.fetch = o.fetch || g.fetch?.bind(g);
    this.setTimeout = o.setTimeout || g.setTimeout.bind(g);
    this.clearTimeout = o.clearTimeout || g.clearTimeout.bind(g);
    this.random = o.random || Math.random;
    this.now = o.now || Date.now;
    // How long a connection stayed open is measured on a clock that a change of the wall clock does not move (an
    // injected `now` stands for both, so that tests and other runtimes keep one clock).
    this.elapsed = o.now || (typeof g.performance?.now === 'function' ? () => g.performance.now() : Date.now);
    this.clientId = o.clientId || uuid(this.random);
    this.page = o.page === undefined ? (typeof g.addEventListener === 'function' ? g : null) : o.page;
    this.suspended = false;              // closed by pagehide, to connect again on a restore from the bfcache
    this.onPage = (e) => this.pageEvent(e);
    this.handlers = { state: [], handshake: [], push: [], error: [] };
    this.pending = new Map();            // callback id -> {resolve, reject, timer}
    this.conn = null;                    // the current connection attempt; events of older ones are ignored
    this.stopped = true;
    this.attempt = 0;
    this.everHandshaken = false;
    this.wsEverOpened = false;          // a WebSocket of this client has opened
    this.wsEverHandshaken = false;      // a WebSocket of this client has carried a handshake
    this.mode = o.type === 'ajax' || !this.WebSocket ? 'ajax' : 'ws';
    this.current = Object.freeze({ open: false, type: this.mode, reconnecting: false, everOpened: false,
      uid: null, handshakeData: null, lastClose: null, lastError: null, nextReconnectAt: null });
  }

  /** The current state (an immutable snapshot). */
  get state() {
    return this.current;
  }

  /** Registers `handler` for 'state', 'handshake', 'push' or 'error'; returns a function that unregisters it. */
  on(event, handler) {
    const list = this.handlers[event];
    if (!list) throw new TypeError(`no event '${event}'; events: ${Object.keys(this.handlers).join(', ')}`);
    list.push(handler);
    return () => {
      const i = list.indexOf(handler);
      if (i >= 0) list.splice(i, 1);
    };
  }

  /** Starts connecting if the client is stopped (as it is after disconnect()). */
  connect() {
    this.suspended = false;
    if (!this.stopped) return;
    this.watchPage(true);
    this.stopped = false;
    this.attempt = 0;
    this.open();
  }

  /** Closes the connection and stays closed; pending requests fail with reason 'closed'. */
  disconnect() {
    this.stopped = true;
    this.suspended = false;
    this.watchPage(false);
    this.drop('requested', 1000);
  }

  /** Closes the connection and connects again at once (for example after a login, so the server sees the new user). */
  reconnect() {
    this.disconnect();
    this.connect();
  }

  /** Drops the connection abruptly, as a network cut would, so that the reconnect shows; for tests and demos. */
  breakConnection() {
    const c = this.conn;
    if (c && !this.stopped) this.kill(c, 'error', 3000);
  }

  /**
   * Sends the event [id, data]. Without options (or with {reply: false}) no reply is wanted: the promise resolves
   * once the event is on its way (WebSocket) or acknowledged (Ajax). With {timeout} or {reply: true} it resolves
   * with the server's reply; the timeout defaults to replyTimeoutMs. It rejects with a ReplyError whose reason is
   * 'closed', 'timeout' or 'error'.
   */
  send(event, options) {
    if (!Array.isArray(event) || event.length < 1 || event.length > 2) {
      throw new TypeError('an event is [id] or [id, data]');
    }
    const id = eventIdText(event[0]);
    const wantsReply = options !== undefined && (options.timeout !== undefined || options.reply === true);
    const timeout = options?.timeout ?? this.o.replyTimeoutMs;
    if (wantsReply && !(timeout > 0)) throw new TypeError(`a reply timeout is a positive number of ms: ${timeout}`);
    const c = this.conn;
    if (!this.current.open || !c) return Promise.reject(new ReplyError('closed', 'not connected'));
    const value = eventValue(this.packer, id, event[1]);
    return c.ws ? this.sendWs(c, value, wantsReply, timeout) : this.sendAjax(c, value, wantsReply, timeout);
  }

  // ---- the page's life

  /**
   * A page being left (or put into the back/forward cache) closes the connection and does not reconnect, as Sente
   * does on beforeunload: otherwise the sockets the browser tears down look like losses, and the client opens new
   * ones from a page that is going away. A page restored from that cache connects again. When the browser says it is
   * back online, a reconnect waiting out its backoff (up to backoffCapMs) starts at once.
   */
  pageEvent(e) {
    if (e.type === 'pagehide' && !this.stopped) {
      this.stopped = true;
      this.suspended = true;
      this.drop('requested', 1000);
    } else if (e.type === 'pageshow' && e.persisted && this.suspended) {
      this.connect();
    } else if (e.type === 'online' && !this.stopped && !this.conn && this.reconnectTimer !== undefined) {
      this.open();                               // open() clears the pending attempt's timer
    }
  }

  watchPage(on) {
    if (!this.page || this.watching === on) return;
    this.watching = on;
    for (const type of ['pagehide', 'pageshow', 'online']) {
      if (on) this.page.addEventListener(type, this.onPage);
      else this.page.removeEventListener(type, this.onPage);
    }
  }

  // ---- WebSocket

  open() {
    this.clearTimer('reconnectTimer');
    const c = { handshaken: false, number: (this.connections = (this.connections || 0) + 1), posts: new Set() };
    this.conn = c;
    // Nothing else ends an attempt that hangs: a WebSocket a stopping server accepted and never answered stays
    // CONNECTING for minutes in a browser.
    c.handshakeTimer = this.setTimeout(() => this.handshakeTimedOut(c), this.o.handshakeTimeoutMs);
    if (this.mode === 'ajax') {
      this.poll(c, true);
      return;
    }
    let url;
    try {
      url = this.url(true, { 'csrf-token': this.csrf() });
    } catch (e) {
      if (!e.reported) this.report(e);   // a bad url or params option; call() reported the application's function
      this.lost(c, 'error', null, false, e.message);   // no fallback to Ajax: its URL would fail the same way
      return;
    }
    let ws;
    try {
      ws = new this.WebSocket(url);
    } catch (e) {
      this.report(e);
      this.lost(c, 'error', null, !this.wsEverOpened, e.message);
      return;
    }
    c.ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      c.opened = true;
      this.wsEverOpened = true;
    };
    ws.onmessage = (m) => this.conn === c && this.onWsMessage(c, m.data);
    ws.onerror = () => this.failed(c, 'WebSocket error');
    ws.onclose = (e) => {
      if (this.conn !== c) return;
      c.ws = null;
      // a socket that never opened failed to connect ('error', as in the JVM client), whatever code it reports
      this.lost(c, (c.opened && CLOSE_CODES[e.code]) || 'error', e.code, !c.opened && !this.wsEverOpened);
    };
  }

  onWsMessage(c, data) {
    this.touch(c);
    let frame;
    try {
      frame = readFrame(this.packer, this.decode(data), 'ws');
    } catch (e) {
      this.report(e);
      return;
    }
    switch (frame.kind) {
      case 'handshake': return this.handshake(c, frame, 'ws');
      case 'ping': return this.wsWrite(c, writeFrame(this.packer, eventValue(this.packer, PONG_EVENT)));
      case 'push': return this.deliver(c, frame.events);
      default: {
        if (frame.cb === c.pingCb) {
          c.pingCb = null;
          this.clearConnTimer(c, 'pongTimer');
          return frame.kind === 'pong' ? undefined : this.kill(c, 'ping-timeout', 4000);
        }
        const p = this.pending.get(frame.cb);
        if (frame.kind === 'pong' && !p) return undefined;
        return p && this.settle(frame.cb, frame.kind === 'pong' ? 'pong' : frame.value);
      }
    }
  }

  sendWs(c, value, wantsReply, timeout) {
    let cb;
    let packed;
    try {
      cb = wantsReply ? this.newCb() : null;   // the injected random source may throw: this request fails, no more
      packed = this.checkSize(writeFrame(this.packer, value, cb));
    } catch (e) {
      return Promise.reject(new ReplyError('error', e.message, e));
    }
    const reply = cb ? this.await(cb, timeout) : Promise.resolve(undefined);
    if (!this.wsWrite(c, packed)) {
      if (cb) this.fail(cb, 'error', 'the WebSocket refused the message');
      else return Promise.reject(new ReplyError('error', 'the WebSocket refused the message'));
    }
    return reply;
  }

  wsWrite(c, packed) {
    try {
      c.ws.send(packed);
      this.touch(c);
      return true;
    } catch (e) {
      this.report(e);
      return false;
    }
  }

  /** Restarts the idle timer of a WebSocket: after pingIntervalMs without traffic the client pings (§7.5). */
  touch(c) {
    if (!c.ws || !c.handshaken || !(this.o.pingIntervalMs > 0)) return;
    this.clearConnTimer(c, 'idleTimer');
    c.idleTimer = this.setTimeout(() => {
      if (this.conn !== c || !c.ws || c.pingCb) return;
      try {
        c.pingCb = this.newCb();
      } catch (e) {
        const fault = this.broken(e);
        this.kill(c, 'error', 3000, fault.message);   // 3000: the server reads an error, as from breakConnection()
        this.report(fault);
        return;
      }
      c.pongTimer = this.setTimeout(() => this.conn === c && c.ws && this.kill(c, 'ping-timeout', 4000),
        this.o.pongTimeoutMs);
      this.wsWrite(c, writeFrame(this.packer, eventValue(this.packer, PING), c.pingCb));
    }, this.o.pingIntervalMs);
  }

  // ---- Ajax

  async poll(c, handshake) {
    // sente4j-conn numbers the connection, so that a poll of an abandoned one cannot take a push (PROTOCOL.md §5.4)
    const query = { udt: this.now(), 'client-id': this.clientId, 'sente4j-conn': c.number };
    if (handshake) query['handshake?'] = 1;
    let frame;
    try {
      const res = await this.ajax('GET', this.url(false, query), undefined);
      if (this.conn !== c) return;
      if (!res.ok) {
        this.httpFailure(c, res.status, true);
        return;
      }
      frame = readFrame(this.packer, res.data, 'poll');
    } catch (e) {
      if (this.conn !== c) return;
      if (e instanceof ProtocolError) this.report(e);
      const timeout = e.name === 'TimeoutError';
      this.lost(c, timeout ? 'timeout' : 'error', null, false, timeout ? null : e.message);
      return;
    }
    if (this.conn !== c) return;
    if (frame.kind === 'handshake') this.handshake(c, frame, 'ajax');
    else if (frame.kind === 'push') this.deliver(c, frame.events);
    if (this.conn === c) this.poll(c, !c.handshaken);
  }

  async sendAjax(c, value, wantsReply, timeout) {
    const binary = this.packer.binary;
    const query = binary ? { udt: this.now(), 'client-id': this.clientId, 'binary?': true } : {};
    let body;
    try {
      const packed = this.checkSize(writeFrame(this.packer, value, wantsReply ? this.packer.keyword('ajax') : null));
      body = binary ? packed : new URLSearchParams({ udt: this.now(), 'client-id': this.clientId, ppstr: packed });
    } catch (e) {
      throw new ReplyError('error', e.message, e);
    }
    let frame;
    try {
      const res = await this.ajax('POST', this.url(false, query), body, binary,
        wantsReply ? Math.min(timeout, this.o.ajaxTimeoutMs) : this.o.ajaxTimeoutMs);
      if (!res.ok) {
        this.httpFailure(c, res.status, false);
        throw new ReplyError('error', answered(res.status));
      }
      frame = readFrame(this.packer, res.data, 'post');
    } catch (e) {
      if (e instanceof ReplyError) throw e;
      if (e.name === 'TimeoutError') throw new ReplyError('timeout', 'no reply in time', e);
      if (e instanceof ProtocolError) this.report(e);
      this.failed(c, e.message);
      throw new ReplyError('error', e.message, e);
    }
    if (frame.kind === 'timeout') throw new ReplyError('timeout', 'the server timed out waiting for the reply');
    if (!wantsReply) return undefined;
    const failure = frame.kind === 'ack' ? 'error' : failureOf(this.packer, frame.value);
    if (failure) throw new ReplyError(failure, `the server replied ${failure}`);
    return frame.value;
  }

  /**
   * Resolves with {ok, status, data}: data is the decoded body of a 2xx answer. The timeout covers the body too: a
   * response whose body stops after the status line would otherwise hold a poll for good.
   */
  ajax(method, url, body, binary, timeoutMs = this.o.ajaxTimeoutMs) {
    const headers = { 'X-Requested-With': 'XMLHttpRequest' };
    const token = this.csrf();
    if (token) headers['X-CSRF-Token'] = token;
    if (binary) headers['Content-Type'] = 'application/octet-stream';
    const abort = new AbortController();
    const timer = this.setTimeout(() => abort.abort(timeoutError()), timeoutMs);
    const c = this.conn;
    if (c && method === 'GET') c.abort = abort;
    if (c && method === 'POST') c.posts.add(abort);
    // a fetch that throws instead of rejecting (a wrapper's bad argument) fails the same way: the timer is cleared
    return new Promise((resolve) => resolve(this.fetch(url, { method, headers, body, signal: abort.signal,
      credentials: 'same-origin', cache: 'no-store' })))
      .then(async (res) => ({ ok: res.ok, status: res.status, data: res.ok ? await this.body(res) : undefined }))
      // the abort's reason says why (timeout, closed), also where fetch rejects with a plain AbortError
      .catch((e) => { throw abort.signal.aborted && abort.signal.reason instanceof Error ? abort.signal.reason : e; })
      .finally(() => {
        this.clearTimeout(timer);
        c?.posts.delete(abort);
      });
  }

  body(res) {
    return this.packer.binary ? res.arrayBuffer().then((b) => this.decode(b)) : res.text().then((t) => this.decode(t));
  }

  /**
   * An HTTP error status: the state's lastError, and for a poll the loss of the connection. 401 and 403 stop
   * reconnecting: a new attempt would be refused the same way (§5.6). Only for the current connection: a POST of an
   * abandoned one (sent before a reconnect() after a login) says nothing about it.
   */
  httpFailure(c, status, poll) {
    if (this.conn !== c) return;
    const error = answered(status);
    if (status === 401 || status === 403) {
      const reason = status === 401 ? 'unauthorized' : 'forbidden';
      this.stopped = true;                     // before the report: an error handler's reconnect() must stand
      this.report(Object.assign(new Error(`the server refused the connection: ${status}`), { reason, status }));
      this.lost(c, reason, status, false, error);
    } else if (poll) {
      this.lost(c, 'error', status, false, error);
    } else {
      this.failed(c, error);
    }
  }

  /** A failure of the transport of `c` (not a timeout, nor a close): state.lastError, as a WebSocket error sets it. */
  failed(c, message) {
    if (this.conn === c) this.set({ lastError: { at: this.now(), message } });
  }

  // ---- the connection's life

  handshake(c, frame, type) {
    const first = !this.everHandshaken;
    c.handshaken = true;
    this.clearConnTimer(c, 'handshakeTimer');
    this.everHandshaken = true;
    if (type === 'ws') this.wsEverHandshaken = true;
    // the attempt count starts over only if c stays open (§7.6), counted from its first handshake: a new one answering
    // a poll (the server forgot the connection, §10.2) does not make a long-open connection look short-lived
    if (c.openedAt === undefined) c.openedAt = this.elapsed();
    this.set({ open: true, type, reconnecting: false, everOpened: true, uid: frame.uid,
      handshakeData: frame.data, nextReconnectAt: null });
    if (this.conn !== c) return;               // a state handler closed it
    this.emit('handshake', frame.uid, frame.data, first);
    this.touch(c);
    const early = c.early;
    c.early = null;
    if (early && this.conn === c) this.deliver(c, early);
  }

  /**
   * Pushes that come on `c` before its handshake (from a server that answers a handshake GET with a push, against
   * §5.4, or sends one ahead of the handshake on a WebSocket) wait for it: handlers see the handshake and the open
   * state first, then every push in order. They go with an attempt that never gets its handshake.
   */
  deliver(c, events) {
    if (!c.handshaken) {
      c.early = (c.early || []).concat(events);
      return;
    }
    for (const ev of events) this.emit('push', ev);
  }

  /**
   * Ends the connection attempt `c`: fails what waits on it, and reconnects unless told not to (§7.6, §10). With
   * `mayFallBack`, an 'auto' client on a WebSocket switches to Ajax for good instead. An `error` (a message) is the
   * new lastError, in the snapshot of the loss.
   */
  lost(c, reason, code, mayFallBack = false, error = null) {
    if (this.conn !== c) return;
    this.conn = null;
    this.endConn(c);
    const fallBack = mayFallBack && this.mode === 'ws' && this.o.type === 'auto';
    if (fallBack) this.mode = 'ajax';
    if (reason === 'unauthorized') this.stopped = true;
    let delay = 0;
    let fault;
    if (!this.stopped && !fallBack) {
      // a connection lost within backoffResetAfterMs of its handshake is one more failed attempt: a server that
      // closes every connection at once must not see a retry loop
      if (c.handshaken && this.elapsed() - c.openedAt >= this.o.backoffResetAfterMs) this.attempt = 0;
      this.attempt += 1;
      const n = this.attempt;
      try {
        delay = n === 1 ? 0 : this.random() * Math.min(this.o.backoffCapMs, this.o.backoffBaseMs * 2 ** (n - 1));
      } catch (e) {
        fault = this.broken(e);
        reason = 'error';
        code = null;
        error = fault.message;
      }
    }
    const noRetry = this.stopped;
    // one snapshot, so that no handler sees a loss without the time of the next attempt, or a stale one
    this.set({ open: false, reconnecting: !noRetry, type: this.mode, lastClose: { reason, code, at: this.now() },
      nextReconnectAt: noRetry ? null : this.now() + delay,
      ...(error && { lastError: { at: this.now(), message: error } }) });
    // after the snapshot of the stop: an error handler's connect() must stand
    if (fault) this.report(fault);
    // a state handler may have called disconnect() or reconnect(): what it did stands
    if (noRetry || this.stopped || this.conn) return;
    if (fallBack) {
      this.open();
      return;
    }
    this.reconnectTimer = this.setTimeout(() => !this.stopped && !this.conn && this.open(), delay);
  }

  /** Closes the WebSocket of `c`, if any, with `code`, and handles the loss at once rather than on its close. */
  kill(c, reason, code, error) {
    if (c.ws) {
      detach(c.ws);
      try { c.ws.close(code, reason); } catch { /* already closing */ }
      c.ws = null;
    }
    this.lost(c, reason, code, false, error);
  }

  /**
   * The injected random source threw where the client cannot do without it (a backoff delay, a ping's callback id):
   * the client stops, as the JVM client does when its backoff throws, rather than retry at once in a loop or stop
   * pinging. Returns the error to report once the stop is in the state.
   */
  broken(e) {
    this.stopped = true;
    return new Error(`the random source threw ${e}; the client stays closed until connect() or reconnect()`,
      { cause: e });
  }

  /** No handshake on `c` within handshakeTimeoutMs: abandoned as lost, like a failed attempt (AUTO may fall back). */
  handshakeTimedOut(c) {
    if (this.conn !== c || c.handshaken) return;
    const ws = c.ws;
    if (ws) {
      detach(ws);
      try { ws.close(4001, 'timeout'); } catch { /* already closing */ }
      c.ws = null;
    }
    // A WebSocket path that opens but never carries a handshake (a proxy that upgrades and forwards nothing) is as
    // good as none: under 'auto' it falls back unless a WebSocket of this client has ever had its handshake.
    this.lost(c, 'timeout', 4001, ws ? !this.wsEverHandshaken : false);
  }

  /** Closes the current connection on the client's own initiative. */
  drop(reason, code) {
    this.clearTimer('reconnectTimer');
    const c = this.conn;
    if (c) {
      this.conn = null;
      this.endConn(c);
      if (c.ws) {
        detach(c.ws);
        try { c.ws.close(code, reason); } catch { /* already closing */ }
        c.ws = null;
      }
    }
    this.set({ open: false, reconnecting: false, type: this.mode, nextReconnectAt: null,
      lastClose: { reason, code, at: this.now() } });
  }

  endConn(c) {
    this.clearConnTimer(c, 'handshakeTimer');
    this.clearConnTimer(c, 'idleTimer');
    this.clearConnTimer(c, 'pongTimer');
    c.abort?.abort();
    for (const post of [...c.posts]) post.abort(new ReplyError('closed', 'the connection closed'));
    for (const cb of [...this.pending.keys()]) this.fail(cb, 'closed', 'the connection closed');
  }

  // ---- requests waiting for replies

  newCb() {
    const id = (n) => n.toString(16).padStart(6, '0');
    const free = (cb) => !this.pending.has(cb) && cb !== this.conn?.pingCb;
    for (let i = 0; i < 16; i++) {
      const cb = id(Math.floor(this.random() * 0x1000000));
      if (free(cb)) return cb;
    }
    // a random source that repeats itself (an injected one) must not hang the page: count to a free id instead
    let n = 0;
    while (!free(id(n))) n += 1;
    return id(n);
  }

  await(cb, timeout) {
    return new Promise((resolve, reject) => {
      const timer = this.setTimeout(() => this.fail(cb, 'timeout', `no reply within ${timeout} ms`), timeout);
      this.pending.set(cb, { resolve, reject, timer });
    });
  }

  settle(cb, value) {
    const failure = failureOf(this.packer, value);
    if (failure) return this.fail(cb, failure, `the server replied ${failure}`);
    const p = this.take(cb);
    return p && p.resolve(value);
  }

  fail(cb, reason, message) {
    const p = this.take(cb);
    if (p) p.reject(new ReplyError(reason, message));
  }

  take(cb) {
    const p = this.pending.get(cb);
    if (!p) return null;
    this.pending.delete(cb);
    this.clearTimeout(p.timer);
    return p;
  }

  // ---- helpers

  url(ws, extra) {
    const o = this.o;
    const loc = globalThis.location;
    const base = new URL(o.url || o.path, loc ? loc.href : undefined);
    const http = base.protocol === 'https:' || base.protocol === 'wss:' ? 'https:' : 'http:';
    base.protocol = ws ? http.replace('http', 'ws') : http;
    const params = typeof o.params === 'function' ? this.call(o.params, 'params') : o.params;
    const q = new URLSearchParams(params);
    for (const [k, v] of Object.entries({ ...extra, 'client-id': this.clientId, 'sente4j-packer': this.packer.name })) {
      if (v !== undefined && v !== null && v !== '') q.set(k, v);
    }
    base.search = q.toString();
    return base.toString();
  }

  csrf() {
    const t = this.o.csrfToken;
    if (typeof t === 'function') return this.call(t, 'csrfToken') || null;
    if (t) return t;
    return globalThis.document?.querySelector?.('meta[name="csrf-token"]')?.getAttribute('content') || null;
  }

  decode(data) {
    if (this.packer.binary) {
      return typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
    }
    return typeof data === 'string' ? data : new TextDecoder('utf-8', { fatal: true }).decode(data);
  }

  checkSize(packed) {
    const size = typeof packed === 'string' ? new TextEncoder().encode(packed).length : packed.length;
    if (size > this.o.maxFrameBytes) {
      throw new RangeError(`the frame is ${size} bytes, over the limit of ${this.o.maxFrameBytes} (maxFrameBytes)`);
    }
    return packed;
  }

  /**
   * Calls the application's `params` or `csrfToken` function. What it throws is reported (as the JVM client reports a
   * throwing supplier), then fails the attempt, which is retried with backoff, or the request, with reason 'error'.
   */
  call(fn, name) {
    try {
      return fn();
    } catch (e) {
      const error = new Error(`the ${name} function threw ${e}`, { cause: e });
      this.report(error);
      error.reported = true;
      throw error;
    }
  }

  set(changes) {
    const previous = this.current;
    this.current = Object.freeze({ ...previous, ...changes });
    this.emit('state', this.current, previous);
  }

  emit(event, ...args) {
    for (const h of [...this.handlers[event]]) {
      try {
        h(...args);
      } catch (e) {
        if (event === 'error') console.error('sente4j: an error handler failed', e);
        else this.report(e);
      }
    }
  }

  report(error) {
    if (this.handlers.error.length === 0) console.warn('sente4j:', error);
    this.emit('error', error);
  }

  clearTimer(name) {
    if (this[name] !== undefined) this.clearTimeout(this[name]);
    this[name] = undefined;
  }

  clearConnTimer(c, name) {
    if (c[name] !== undefined) this.clearTimeout(c[name]);
    c[name] = undefined;
  }
}

function detach(ws) {
  ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
}

const answered = (status) => `the server answered ${status}`;

function timeoutError() {
  const e = new Error('the request timed out');
  e.name = 'TimeoutError';
  return e;
}

/** A random (version 4) UUID; crypto.randomUUID exists only in secure contexts, getRandomValues everywhere. */
function uuid(random) {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const bytes = c?.getRandomValues ? c.getRandomValues(new Uint8Array(16)) : Uint8Array.from({ length: 16 }, () => random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
