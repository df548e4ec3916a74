// The JSON packer (PROTOCOL.md §3.3): compact RFC 8259 text, keywords written as strings without a colon. Written
// by hand rather than with JSON.stringify, which silently turns NaN and undefined into null and cannot write BigInt.
import { Keyword, Sym, Uuid, Char, Decimal, Tagged, keywordText } from './values.js';
import { packerError } from './errors.js';

const NAME = 'json';

/**
 * The JSON packer.
 * @param {{maxDepth?: number, maxInputBytes?: number}} [options] maxDepth: the nesting written before refusing
 *   (default 128); maxInputBytes: the largest text read, in UTF-8 bytes (default 1 MiB)
 */
export function jsonPacker({ maxDepth = 128, maxInputBytes = 1048576 } = {}) {
  const str = (s) => {
    if (/\p{Cs}/u.test(s)) {
      throw packerError(NAME, 'a string holds an unpaired surrogate');
    }
    return JSON.stringify(s).replace(/(\\+)u00([0-9a-f]{2})/g, (m, slashes, hex) =>
      slashes.length % 2 ? `${slashes}u00${hex.toUpperCase()}` : m);
  };
  const keyText = (k) => {
    if (typeof k === 'string') return k;
    if (k instanceof Keyword || k instanceof Sym || k instanceof Uuid || k instanceof Char) return k.text;
    if (k instanceof Date) return k.toISOString();
    if (k instanceof Uint8Array) return base64(k);
    return write(k, 1);
  };
  const write = (v, depth) => {
    if (v === null || v === undefined) return 'null';
    switch (typeof v) {
      case 'boolean': return String(v);
      case 'string': return str(v);
      case 'bigint': return v.toString();
      case 'number':
        if (!Number.isFinite(v)) throw packerError(NAME, `cannot write ${v}`);
        return Object.is(v, -0) ? '-0.0' : String(v);
      default:
    }
    if (depth > maxDepth) throw packerError(NAME, `nesting deeper than the limit of ${maxDepth}`);
    if (v instanceof Keyword || v instanceof Sym || v instanceof Uuid || v instanceof Char) return str(v.text);
    if (v instanceof Decimal) return /[.eE]/.test(v.text) ? v.text : `${v.text}.0`;
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) throw packerError(NAME, 'cannot write an invalid Date');
      return str(v.toISOString());
    }
    if (v instanceof Uint8Array) return str(base64(v));
    if (Array.isArray(v) || v instanceof Set) return `[${[...v].map((x) => write(x, depth + 1)).join(',')}]`;
    const entries = v instanceof Map ? [...v] : isPlain(v) ? Object.entries(v) : null;
    if (entries === null || v instanceof Tagged) {
      throw packerError(NAME, `cannot write a value of type ${v?.constructor?.name ?? typeof v}`);
    }
    const seen = new Set();
    return `{${entries.map(([k, x]) => {
      const key = keyText(k);
      if (seen.has(key)) throw packerError(NAME, `two map keys become the string ${JSON.stringify(key)}`);
      seen.add(key);
      return `${str(key)}:${write(x, depth + 1)}`;
    }).join(',')}}`;
  };
  return {
    name: NAME,
    binary: false,
    pack: (value) => write(value, 1),
    unpack(text) {
      if (text.length > maxInputBytes || (text.length * 3 > maxInputBytes && utf8Length(text) > maxInputBytes)) {
        throw packerError(NAME, `input over the limit of ${maxInputBytes} bytes (maxInputBytes)`);
      }
      try {
        return JSON.parse(text);
      } catch (e) {
        throw packerError(NAME, e.message);
      }
    },
    keyword: (name) => name,
    keywordName: (v) => (typeof v === 'string' ? keywordText(v) : v instanceof Keyword ? v.text : null),
  };
}

const utf8Length = (s) => new TextEncoder().encode(s).length;

function isPlain(v) {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function base64(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
