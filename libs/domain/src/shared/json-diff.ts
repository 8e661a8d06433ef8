/**
 * The exact diff between two JSON documents (contract terms), as a list of changes addressed by JSON
 * Pointer (RFC 6901). Arrays are compared element by element: a grown array adds at its end, a shrunk
 * one removes from its end (highest index first), so applying the changes in order is unambiguous.
 * `applyDiff(a, diffJson(a, b))` equals `b` (a property test guards this).
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface JsonChange {
  path: string;
  /** Absent when the change adds the value. */
  before?: Json;
  /** Absent when the change removes the value. */
  after?: Json;
}

const escape = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');
const unescape = (k: string): string => k.replace(/~1/g, '/').replace(/~0/g, '~');

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

export function diffJson(a: Json, b: Json, path = ''): JsonChange[] {
  if (jsonEqual(a, b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: JsonChange[] = [];
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) out.push(...diffJson(a[i], b[i], `${path}/${i}`));
    for (let i = common; i < b.length; i++) out.push({ path: `${path}/${i}`, after: b[i] });
    for (let i = a.length - 1; i >= common; i--) out.push({ path: `${path}/${i}`, before: a[i] });
    return out;
  }
  if (isObject(a) && isObject(b)) {
    const out: JsonChange[] = [];
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const p = `${path}/${escape(k)}`;
      const x = a[k];
      const y = b[k];
      if (x === undefined && y !== undefined) out.push({ path: p, after: y });
      else if (x !== undefined && y === undefined) out.push({ path: p, before: x });
      else if (x !== undefined && y !== undefined) out.push(...diffJson(x, y, p));
    }
    return out;
  }
  return [{ path, before: a, after: b }];
}

function setIn(doc: Json, segments: string[], change: JsonChange): Json {
  if (segments.length === 0) return change.after === undefined ? null : change.after;
  const [head, ...rest] = segments;
  if (Array.isArray(doc)) {
    const i = Number(head);
    const copy = doc.slice();
    if (rest.length === 0 && change.after === undefined) copy.splice(i, 1);
    else copy[i] = setIn(doc[i] ?? null, rest, change);
    return copy;
  }
  if (isObject(doc)) {
    const copy: { [key: string]: Json } = { ...doc };
    if (rest.length === 0 && change.after === undefined) delete copy[head];
    else copy[head] = setIn(doc[head] ?? null, rest, change);
    return copy;
  }
  throw new Error(`Cannot apply a change below a scalar at ${change.path}`);
}

export function getIn(doc: Json, path: string): Json | undefined {
  let cur: Json | undefined = doc;
  for (const seg of pointerSegments(path)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObject(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

export function pointerSegments(path: string): string[] {
  return path === '' ? [] : path.slice(1).split('/').map(unescape);
}

export function applyDiff(doc: Json, changes: readonly JsonChange[]): Json {
  return changes.reduce((d, c) => setIn(d, pointerSegments(c.path), c), doc);
}

/** Every change's `before` still matches the document: the diff was made against this version. */
export function diffApplies(doc: Json, changes: readonly JsonChange[]): boolean {
  let cur = doc;
  for (const c of changes) {
    if (!jsonEqual(getIn(cur, c.path), c.before)) return false;
    cur = setIn(cur, pointerSegments(c.path), c);
  }
  return true;
}
