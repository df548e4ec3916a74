// Test doubles for the client: a manual clock, a scriptable WebSocket, and a scriptable fetch.

/** A clock whose timers run only when the test advances it. */
export class FakeClock {
  constructor() {
    this.t = 1_000_000;
    this.timers = new Map();
    this.next = 1;
  }
  now = () => this.t;
  setTimeout = (fn, ms = 0) => {
    const id = this.next++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (id) => {
    this.timers.delete(id);
  };
  /** Runs every timer due within `ms`, in time order, letting promises settle between them. */
  async advance(ms) {
    const end = this.t + ms;
    for (;;) {
      await settle();
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0]);
      if (due.length === 0) break;
      const [id, timer] = due[0];
      this.timers.delete(id);
      this.t = Math.max(this.t, timer.at);
      timer.fn();
    }
    this.t = end;
    await settle();
  }
  /** Delays of the timers waiting now, from the present. */
  pending() {
    return [...this.timers.values()].map((t) => t.at - this.t);
  }
}

export async function settle() {
  for (let i = 0; i < 10; i += 1) await new Promise((r) => setImmediate(r));
}

/** A WebSocket class whose instances the test drives; `FakeWebSocket.all` lists them in creation order. */
export function fakeWebSocketClass() {
  const all = [];
  class FakeWebSocket {
    constructor(url) {
      this.url = url;
      this.sent = [];
      this.closed = null;
      all.push(this);
    }
    send(data) {
      if (this.closed) throw new Error('closed');
      this.sent.push(data);
    }
    close(code, reason) {
      this.closed = { code, reason };
    }
    // the server's side
    open() {
      this.onopen?.({});
    }
    receive(data) {
      this.onmessage?.({ data });
    }
    serverClose(code, reason = '') {
      this.closed = { code, reason };
      this.onclose?.({ code, reason, wasClean: true });
    }
    fail() {
      this.onerror?.({});
      this.onclose?.({ code: 1006, reason: '', wasClean: false });
    }
  }
  FakeWebSocket.all = all;
  return FakeWebSocket;
}

/**
 * A fetch whose requests wait until the test answers them: `requests` lists {url, init, method, respond(status,
 * body), respondHeaders(status), sendBody(body), fail(error)} in order. respondHeaders answers with the status
 * only: reading the body waits for sendBody, or fails when the request is aborted (as a browser's does).
 */
export function fakeFetch() {
  const requests = [];
  const fetch = (url, init) => new Promise((resolve, reject) => {
    const aborted = () => init.signal.reason ?? new DOMException('aborted', 'AbortError');
    let body = Promise.resolve();
    const response = (status) => ({ ok: status >= 200 && status < 300, status, text: () => body,
      arrayBuffer: () => body.then((b) => (typeof b === 'string' ? new TextEncoder().encode(b) : b).buffer) });
    let bodyResolve;
    const request = {
      url: new URL(url),
      init,
      method: init.method,
      respond(status, text) {
        body = Promise.resolve(text);
        resolve(response(status));
      },
      respondHeaders(status) {
        body = new Promise((res, rej) => {
          bodyResolve = res;
          init.signal.addEventListener('abort', () => rej(aborted()));
        });
        resolve(response(status));
      },
      sendBody(text) {
        bodyResolve(text);
      },
      fail: reject,
    };
    init.signal.addEventListener('abort', () => reject(aborted()));
    requests.push(request);
  });
  fetch.requests = requests;
  return fetch;
}
