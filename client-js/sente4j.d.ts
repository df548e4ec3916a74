// Types of the sente4j browser client (kept by hand; see README.md). Modules: '/sente4j/sente4j.js' (the core),
// '/sente4j/transit.js' and '/sente4j/msgpack.js' (optional packers), as served by transport-jetty.

/** A packer: how values become frames. The core has `jsonPacker()`; transit.js and msgpack.js add two more. */
export interface Packer {
  /** The name sent as `sente4j-packer` on every request: 'json', 'transit-json', 'msgpack'. */
  readonly name: string;
  /** Whether frames are bytes (binary WebSocket messages, application/octet-stream POSTs). */
  readonly binary: boolean;
  pack(value: unknown): string | Uint8Array;
  unpack(data: string | Uint8Array): unknown;
  /** The packed form of the protocol keyword `name` ('chsk/ws-ping'). */
  keyword(name: string): unknown;
  /** The keyword text of a read value, or null when it is not a keyword (JSON: a legal keyword string). */
  keywordName(value: unknown): string | null;
}

export type ClientType = 'auto' | 'ws' | 'ajax';

/** Why the last connection ended. */
export type CloseReason = 'requested' | 'server-stop' | 'error' | 'too-large' | 'ping-timeout' | 'timeout'
  | 'overflow' | 'unauthorized' | 'forbidden' | 'abnormal';

export interface ConnectOptions {
  /** The channel socket's path on the page's host; default '/chsk'. */
  path?: string;
  /** An absolute address instead of path (http(s): or ws(s):); the scheme picks ws:/wss: and http:/https:. */
  url?: string;
  /** 'auto' (default): WebSocket, falling back to Ajax for good if the first WebSocket fails before it opens. */
  type?: ClientType;
  /** The packer; default jsonPacker(). */
  packer?: Packer;
  /** The CSRF token, or a function called on every connection attempt; default <meta name="csrf-token">. */
  csrfToken?: string | (() => string | null | undefined);
  /** The client id; default a random UUID (one per page). */
  clientId?: string;
  /** Application query parameters, first in every request's query; default {}. */
  params?: Record<string, string> | (() => Record<string, string>);
  /** Idle time after which the client pings over a WebSocket; default 20000; 0 never pings. */
  pingIntervalMs?: number;
  /** How long a ping waits for its pong before the connection counts as dead; default 5000. */
  pongTimeoutMs?: number;
  /** The reply timeout of send(event, {reply: true}); default 10000. */
  replyTimeoutMs?: number;
  /** How long each Ajax request waits for its whole response, body included; default 60000 (over the server's 20 s long-poll). */
  ajaxTimeoutMs?: number;
  /** How long a connection attempt may wait for the server's handshake before it is abandoned as lost; default 10000. */
  handshakeTimeoutMs?: number;
  /** Backoff: attempt n >= 2 waits uniformly in [0, min(backoffCapMs, backoffBaseMs * 2^(n-1))]; default 1000. */
  backoffBaseMs?: number;
  /** Backoff cap; default 30000. */
  backoffCapMs?: number;
  /** The attempt count starts over once a connection stays open this long after its handshake; default 5000. */
  backoffResetAfterMs?: number;
  /** The largest frame the client sends; larger sends fail with reason 'error'; default 1048576. */
  maxFrameBytes?: number;
  /**
   * Where 'pagehide', 'pageshow' and 'online' come from; default globalThis (the window); null: no page events.
   * pagehide closes the connection without reconnecting; a pageshow restoring the page from the back/forward cache
   * connects again (unless disconnect() was called); online starts a reconnect that waits out its backoff at once.
   */
  page?: { addEventListener(type: string, listener: (e: { type: string; persisted?: boolean }) => void): void;
    removeEventListener(type: string, listener: (e: { type: string; persisted?: boolean }) => void): void } | null;
  /** For tests and other runtimes: the WebSocket class (null: none), fetch, timers, clock and random source. */
  WebSocket?: unknown;
  fetch?: typeof fetch;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (id: unknown) => void;
  /** The wall clock of the state's times; when given, it also measures the reset period (else performance.now). */
  now?: () => number;
  /** The backoff's jitter and callback ids; one that throws for a delay or a ping stops the client (README.md). */
  random?: () => number;
}

/** The client's state: a new frozen object on every change. */
export interface State {
  readonly open: boolean;
  /** The transport in use or being tried: 'ws' or 'ajax'. */
  readonly type: 'ws' | 'ajax';
  /** True from a lost connection until the next handshake, while the client retries. */
  readonly reconnecting: boolean;
  readonly everOpened: boolean;
  /** The handshake's user id; null for the server's nil uid. */
  readonly uid: unknown;
  readonly handshakeData: unknown;
  readonly lastClose: { readonly reason: CloseReason; readonly code: number | null; readonly at: number } | null;
  /**
   * The last failure of the transport: a WebSocket error, or an Ajax request that failed (a network error, an HTTP
   * error status, an unreadable answer). Timeouts and closes show only in lastClose.
   */
  readonly lastError: { readonly at: number; readonly message: string } | null;
  /** While reconnecting, when the next (or current) attempt starts (epoch ms), set with the loss; otherwise null. */
  readonly nextReconnectAt: number | null;
}

/** An event: [id, data]; ids are namespaced keyword texts such as 'chat/send'. */
export type Event = [id: string | Keyword, data?: unknown];

export interface SendOptions {
  /** Wait this long for the reply (ms). */
  timeout?: number;
  /** Wait for a reply with the default replyTimeoutMs. */
  reply?: boolean;
}

export declare class Client {
  constructor(options?: ConnectOptions);
  readonly state: State;
  readonly clientId: string;
  on(event: 'state', handler: (state: State, previous: State) => void): () => void;
  on(event: 'handshake', handler: (uid: unknown, data: unknown, first: boolean) => void): () => void;
  /** One call per pushed event, in order, and never ahead of the connection's 'handshake'. */
  on(event: 'push', handler: (event: [id: string, data: unknown]) => void): () => void;
  /** Bad frames, refusals (status 401, 403), a stop on an error, a throwing csrfToken/params function or handler. */
  on(event: 'error', handler: (error: Error & { reason?: string; status?: number }) => void): () => void;
  /**
   * Without options no reply is wanted: resolves once sent (WebSocket) or acknowledged (Ajax). Nothing waits for a
   * connection: while the client is not open, and for requests in flight when it closes, it rejects at once ('closed').
   */
  send(event: Event): Promise<undefined>;
  send(event: Event, options: SendOptions): Promise<unknown>;
  connect(): void;
  disconnect(): void;
  reconnect(): void;
  breakConnection(): void;
}

export declare function connect(options?: ConnectOptions): Client;
/** The JSON packer; limits maxDepth (default 128, checked as it writes) and maxInputBytes (default 1 MiB, as it reads). */
export declare function jsonPacker(options?: { maxDepth?: number; maxInputBytes?: number }): Packer;

/** A request that ended without a reply. */
export declare class ReplyError extends Error {
  readonly reason: 'closed' | 'timeout' | 'error';
}
/** A packer error ('PACKER') or a bad frame (a reason of PROTOCOL.md §11.2). */
export declare class ProtocolError extends Error {
  readonly reason: string;
}

declare class Named {
  constructor(text: string);
  readonly text: string;
  readonly ns: string | null;
  readonly name: string;
  equals(other: unknown): boolean;
}
export declare class Keyword extends Named {}
export declare class Sym extends Named {}
export declare class Uuid extends Named {}
export declare class Char extends Named {}
export declare class Decimal extends Named {}
export declare class Tagged {
  constructor(tag: string | Sym, value: unknown);
  readonly tag: string | Sym;
  readonly value: unknown;
}
export declare function keyword(text: string): Keyword;

/** Options of the transit and msgpack packers. */
export interface RichPackerOptions {
  /** 'object' (default): maps whose keys are all strings or keywords become plain objects; 'Map': always a Map. */
  maps?: 'object' | 'Map';
  /** 'keyword' (default): a plain object's keys are written as keywords; 'string': as strings. */
  objectKeys?: 'keyword' | 'string';
  /** The deepest nesting read or written; default 128. */
  maxDepth?: number;
  /** The largest input read, in bytes; default 1 MiB. */
  maxInputBytes?: number;
}
