// sente4j's browser client: the entry point. See README.md and sente4j.d.ts.
export { connect, Client } from './client.js';
export { jsonPacker } from './json.js';
export { ReplyError, ProtocolError } from './errors.js';
export { Keyword, Sym, Uuid, Char, Decimal, Tagged, keyword } from './values.js';
