// Value types for the packers that carry more than JSON can (transit.js, msgpack.js). The JSON packer writes each
// of them as a string. They live in the core so that every packer bundle shares one class per type.

/** A name-valued type: `ns/name` or `name`, compared by value through `equals`. */
class Named {
  constructor(text) {
    if (typeof text !== 'string' || text === '') {
      throw new TypeError(`${this.constructor.name} needs a non-empty string, got ${typeof text}`);
    }
    this.text = text;
  }
  get ns() {
    const i = this.text.indexOf('/');
    return i > 0 ? this.text.slice(0, i) : null;
  }
  get name() {
    const i = this.text.indexOf('/');
    return i > 0 ? this.text.slice(i + 1) : this.text;
  }
  equals(other) {
    return other instanceof this.constructor && other.text === this.text;
  }
  toString() {
    return this.text;
  }
  toJSON() {
    return this.text;
  }
}

/** A keyword (`:ns/name`), held without its colon. */
export class Keyword extends Named {}

/** A symbol (`ns/name`). */
export class Sym extends Named {}

/** A UUID, held as its canonical lower-case string. */
export class Uuid extends Named {
  constructor(text) {
    super(String(text).toLowerCase());
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(this.text)) {
      throw new TypeError(`not a UUID: ${text}`);
    }
  }
}

/** A character (one UTF-16 unit), where a packer must tell it from a string. */
export class Char extends Named {
  constructor(text) {
    super(text);
    if (text.length !== 1) {
      throw new TypeError('a Char is one UTF-16 unit');
    }
  }
}

/** A decimal number, held as its text (`1.50`), where a packer can carry it exactly. */
export class Decimal extends Named {}

/** A value under a tag the reader does not know, kept with its value. */
export class Tagged {
  constructor(tag, value) {
    this.tag = tag;
    this.value = value;
  }
}

/** The keyword `text` (a leading colon is dropped). */
export const keyword = (text) => new Keyword(String(text).replace(/^:/, ''));

const ILLEGAL = /[\s"\\,;@^`~()[\]{}]/u;
const badPart = (p) => p === '' || /^[:#']/.test(p) || p.endsWith(':') || p.includes('::');

/**
 * The text of `s` read as a keyword (PROTOCOL.md §2.3, §4.7): without its leading colon, or null when `s` is not a
 * legal keyword.
 */
export function keywordText(s) {
  const t = s.startsWith(':') ? s.slice(1) : s;
  if (t === '' || ILLEGAL.test(t)) return null;
  const i = t.indexOf('/');
  if (i < 0) return badPart(t) ? null : t;
  const ns = t.slice(0, i);
  const name = t.slice(i + 1);
  if (badPart(ns) || (name !== '/' && (badPart(name) || name.includes('/'))) || /^\p{Nd}/u.test(name)) return null;
  return t;
}
