// How the optional packers (msgpack.js, transit.js) hand decoded sets and maps to the page, with the same checks:
// a repeated element or key (by value) is refused. Bundled into each of them; the core does not use it.
import { Keyword } from './sente4j.js';

/** A Set of `items`; `fail(message)` makes the error for a repeated element. */
export function setOf(items, fail) {
  const set = new Set();
  for (const x of items) {
    if (set.has(x) || (x !== null && typeof x === 'object' && [...set].some((y) => same(x, y)))) {
      throw fail('a set repeats an element');
    }
    set.add(x);
  }
  return set;
}

/**
 * The map of `entries` ([key, value] pairs): a plain object when `maps` is 'object' and every key is a distinct
 * string or keyword (keyed by its text), else a Map; `fail(message)` makes the error for a repeated key.
 */
export function mapOf(entries, maps, fail) {
  const texts = new Set();
  let plain = maps === 'object';
  for (const [k] of entries) {
    const t = typeof k === 'string' ? k : k instanceof Keyword ? k.text : null;
    if (t === null || texts.has(t)) plain = false;
    else texts.add(t);
  }
  if (plain) {
    const o = {};
    for (const [k, x] of entries) {
      Object.defineProperty(o, typeof k === 'string' ? k : k.text, { value: x, enumerable: true, writable: true, configurable: true });
    }
    return o;
  }
  const m = new Map();
  for (const [k, x] of entries) {
    if (m.has(k) || (k !== null && typeof k === 'object' && [...m.keys()].some((y) => same(k, y)))) {
      throw fail('a map repeats a key');
    }
    m.set(k, x);
  }
  return m;
}

/** Value equality for the checks on repeated keys and elements. */
function same(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || a.constructor !== b.constructor) return false;
  if (typeof a.equals === 'function') return a.equals(b);
  if (a instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Uint8Array || Array.isArray(a)) return a.length === b.length && [...a].every((x, i) => same(x, b[i]));
  return false;
}
