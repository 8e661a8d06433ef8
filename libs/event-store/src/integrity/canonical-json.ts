/*
 * RFC 8785 (JCS) canonical JSON of plain JSON values (plain objects, arrays, finite numbers, strings,
 * booleans, null), the same text as the `canonicalize` package, in one pass that also decides whether
 * the value is plain JSON at all (so validation does not walk the payload twice).
 * Profiles of appends showed where that package's time goes: sorting every object's keys again
 * (objects of one event type share their keys) and JSON.stringify per short string (~125 ns each,
 * though almost no string needs escaping). So key order and the quoted keys are cached per key list,
 * and strings take JSON.stringify only when a character needs escaping.
 */

/** A string that is not valid Unicode: RFC 8785 has no canonical form for it. */
export class LoneSurrogateError extends TypeError {
  constructor() {
    super('Lone surrogate is not allowed');
  }
}

// Quotes, backslashes and control characters are escaped by JSON.stringify; surrogates only need
// a look (paired ones are copied as they are, lone ones are refused).
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff]/;

function isWellFormed(s: string): boolean {
  return (s as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** Exactly JSON.stringify(s), without its set-up cost for the usual string that needs no escape. */
export function stringifyString(s: string): string {
  return NEEDS_CARE.test(s) ? JSON.stringify(s) : '"' + s + '"';
}

/** A JSON string literal exactly as RFC 8785 writes it (ECMAScript JSON.stringify); throws LoneSurrogateError. */
export function quoteJson(s: string): string {
  if (!NEEDS_CARE.test(s)) return '"' + s + '"';
  if (!isWellFormed(s)) throw new LoneSurrogateError();
  return JSON.stringify(s);
}

/** Deeper values are refused (nothing legitimate nests that deep; it also stops cycles). */
export const MAX_JSON_DEPTH = 64;

/** One key list as Object.keys returns it, its RFC 8785 order and the quoted keys to emit in that order. */
interface Shape {
  keys: string[];
  sorted: string[];
  /** '{"key":' and ',"key":'; null for a key that is not valid Unicode (refused only if emitted). */
  first: Array<string | null>;
  next: Array<string | null>;
  /** The same with a string value's opening quote: '{"key":"' and ',"key":"'. */
  firstQuoted: Array<string | null>;
  nextQuoted: Array<string | null>;
}

// Bounded so payloads with data-dependent keys cannot grow it without limit: when full it starts over.
const MAX_SHAPES = 1024;
const MAX_SHAPE_KEYS = 64;
const MAX_SHAPE_KEY_LENGTH = 128;
const shapes = new Map<string, Shape[]>();
let shapeCount = 0;

function quoteKeyOrNull(key: string): string | null {
  try {
    return quoteJson(key);
  } catch {
    return null;
  }
}

function newShape(keys: string[]): Shape {
  // Default sort compares UTF-16 code units, which is the order RFC 8785 prescribes.
  const sorted = keys.slice().sort();
  const quoted = sorted.map(quoteKeyOrNull);
  return {
    keys,
    sorted,
    first: quoted.map((q) => (q === null ? null : '{' + q + ':')),
    next: quoted.map((q) => (q === null ? null : ',' + q + ':')),
    firstQuoted: quoted.map((q) => (q === null ? null : '{' + q + ':"')),
    nextQuoted: quoted.map((q) => (q === null ? null : ',' + q + ':"')),
  };
}

function shapeOf(keys: string[]): Shape {
  const n = keys.length;
  const candidates = shapes.get(keys[0]);
  if (candidates !== undefined) {
    for (let c = 0; c < candidates.length; c++) {
      const known = candidates[c].keys;
      if (known.length !== n) continue;
      let i = 0;
      while (i < n && known[i] === keys[i]) i++;
      if (i === n) return candidates[c];
    }
  }
  const shape = newShape(keys);
  if (n <= MAX_SHAPE_KEYS && keys.every((k) => k.length <= MAX_SHAPE_KEY_LENGTH)) {
    if (shapeCount >= MAX_SHAPES) {
      shapes.clear();
      shapeCount = 0;
    }
    const list = shapes.get(keys[0]);
    if (list === undefined) shapes.set(keys[0], [shape]);
    else list.push(shape);
    shapeCount++;
  }
  return shape;
}

function objectText(o: Record<string, unknown>, depth: number): string | undefined {
  const keys = Object.keys(o);
  if (keys.length === 0) return '{}';
  const { sorted, first, next, firstQuoted, nextQuoted } = shapeOf(keys);
  let out = '';
  for (let i = 0; i < sorted.length; i++) {
    const v = o[sorted[i]];
    if (v === undefined) continue; // as JSON.stringify: the member is left out
    if (typeof v === 'string' && depth < MAX_JSON_DEPTH && !NEEDS_CARE.test(v)) {
      // The usual string: spliced between quotes that travel with the key (one piece fewer).
      const key = out === '' ? firstQuoted[i] : nextQuoted[i];
      if (key === null) throw new LoneSurrogateError();
      out += key + v + '"';
      continue;
    }
    const text = valueText(v, depth + 1);
    if (text === undefined) return undefined;
    const key = out === '' ? first[i] : next[i];
    if (key === null) throw new LoneSurrogateError();
    out += key + text;
  }
  return out === '' ? '{}' : out + '}';
}

function arrayText(a: readonly unknown[], depth: number): string | undefined {
  const n = a.length;
  if (n === 0) return '[]';
  let out = '[';
  for (let i = 0; i < n; i++) {
    const e = a[i];
    let text: string | undefined;
    if (e === undefined) {
      // A hole is written as null (JSON.stringify does the same); an explicit undefined is not plain JSON.
      if (i in a) return undefined;
      text = 'null';
    } else {
      text = valueText(e, depth + 1);
      if (text === undefined) return undefined;
    }
    out += i === 0 ? text : ',' + text;
  }
  return out + ']';
}

function valueText(v: unknown, depth: number): string | undefined {
  if (depth > MAX_JSON_DEPTH) return undefined;
  switch (typeof v) {
    case 'string':
      return quoteJson(v);
    case 'number':
      // ECMAScript Number-to-String is RFC 8785's number form (and -0 prints as 0).
      return Number.isFinite(v) ? '' + v : undefined;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) return arrayText(v, depth);
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return undefined;
      return objectText(v as Record<string, unknown>, depth);
    }
    default:
      return undefined;
  }
}

/**
 * The canonical text of a plain JSON value, or undefined when the value is not plain JSON (a class
 * instance, a function, a non-finite number, an explicit undefined in an array, deeper than
 * MAX_JSON_DEPTH). Throws LoneSurrogateError for text that is not valid Unicode.
 */
export function canonicalPlainJson(value: unknown): string | undefined {
  const text = valueText(value, 0);
  // The text is built by concatenation (a V8 rope). Reading a character makes V8 copy it into one flat
  // string now: it is then spliced into the hashed envelope and bound as a column without being
  // walked again, which measured ~0.4 us cheaper per event than leaving the rope to those.
  if (text !== undefined) text.charCodeAt(0);
  return text;
}
