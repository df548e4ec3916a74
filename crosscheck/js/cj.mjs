// The canonical JSON form ("cj") in which the Java side and every adapter describe a value of the sente4j data
// model, so that values from independent libraries can be compared:
//   null, true, false, "a string",
//   {"int":"42"} (a Long), {"bigint":"42"}, {"double":"1.5"} ("NaN", "Infinity", "-Infinity"), {"decimal":"1.50"},
//   {"char":"a"}, {"kw":"ns/name"}, {"sym":"ns/name"}, {"list":[...]}, {"set":[...]}, {"map":[[k, v], ...]},
//   {"inst":"<epoch milliseconds>"} (plus "sub": nanoseconds within the millisecond, when not 0),
//   {"uuid":"..."}, {"bytes":"<hex>"}, {"tagged":"tag", "value": ...}.

/**
 * Deep equality of two cj values. `loose` relaxes what a library cannot tell apart (see the adapters): `numbers`
 * compares every number by value, `integralDoubles` lets only a double of integral value come back as that integer,
 * `charAsString` lets a character come back as a one-character string, `instantMs` ignores sub-millisecond digits.
 */
export function same(expected, actual, loose = {}) {
  if (expected === null || typeof expected !== 'object') {
    if (loose.charAsString && typeof actual === 'object' && actual !== null && 'char' in actual) {
      return expected === actual.char;
    }
    return expected === actual;
  }
  if (actual === null || typeof actual !== 'object') {
    if (loose.charAsString && 'char' in expected && typeof actual === 'string') {
      return expected.char === actual;
    }
    return false;
  }
  const ek = Object.keys(expected)[0];
  const ak = Object.keys(actual)[0];
  if (loose.numbers && isNumber(ek) && isNumber(ak)) {
    return sameNumber(expected[ek], actual[ak]);
  }
  if (loose.integralDoubles && ek === 'double' && ak === 'int') {
    // only a double with an integral value (not -0.0) may come back as an integer of that value
    const x = Number(expected.double);
    return Number.isInteger(x) && !Object.is(x, -0) && x === Number(actual.int);
  }
  if (ek !== ak) {
    return false;
  }
  switch (ek) {
    case 'list':
      return expected.list.length === actual.list.length
        && expected.list.every((e, i) => same(e, actual.list[i], loose));
    case 'set': // in any order: a JavaScript library's set need not keep the order it read
      return expected.set.length === actual.set.length
        && expected.set.every((e) => actual.set.some((x) => same(e, x, loose)));
    case 'map': // likewise
      return expected.map.length === actual.map.length && expected.map.every(
        ([k, v]) => actual.map.some(([x, y]) => same(k, x, loose) && same(v, y, loose)));
    case 'tagged':
      return expected.tagged === actual.tagged && same(expected.value, actual.value, loose);
    case 'inst':
      return expected.inst === actual.inst && (loose.instantMs || (expected.sub ?? 0) === (actual.sub ?? 0));
    case 'double': // Java and JavaScript spell doubles differently (1.0E300, 1e+300); NaN is NaN, -0.0 is not 0.0
      return Object.is(Number(expected.double), Number(actual.double));
    default:
      return expected[ek] === actual[ek];
  }
}

function isNumber(k) {
  return k === 'int' || k === 'bigint' || k === 'double' || k === 'decimal';
}

/** Numbers compared by value, for libraries that give every number as a JavaScript number. */
function sameNumber(a, b) {
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) {
    return Number.isNaN(x) && Number.isNaN(y);
  }
  return x === y;
}

/** Whether a cj value contains a node for which `test(node)` holds. */
export function contains(v, test) {
  if (v === null || typeof v !== 'object') {
    return test(v);
  }
  if (test(v)) {
    return true;
  }
  const k = Object.keys(v)[0];
  if (k === 'list' || k === 'set') {
    return v[k].some((e) => contains(e, test));
  }
  if (k === 'map') {
    return v.map.some(([a, b]) => contains(a, test) || contains(b, test));
  }
  if (k === 'tagged') {
    return contains(v.value, test);
  }
  return false;
}

/** A reason to leave a value out of one direction for one library: the library cannot express it. */
export class Skip extends Error {}

export function hex(bytes) {
  return Buffer.from(bytes).toString('hex');
}

/** The double text Java's Double.toString would give is not needed: numbers are compared by value. */
export function doubleCj(x) {
  if (Number.isNaN(x)) {
    return { double: 'NaN' };
  }
  if (!Number.isFinite(x)) {
    return { double: x > 0 ? 'Infinity' : '-Infinity' };
  }
  return { double: Object.is(x, -0) ? '-0.0' : String(x) };
}
