import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventEnvelope } from '../envelope';
import { canonicalPlainJson, stringifyString } from './canonical-json';

/**
 * RFC 8785 (JCS) canonical JSON: the text of `canonicalize`, the package of the RFC's author (it also
 * rejects lone surrogates, as the RFC requires). Plain JSON goes through the faster canonical-json.ts
 * (same bytes, checked against the package in its spec); anything else (toJSON, Dates, cycles, lone
 * surrogates) is left to the package so its result or error is exactly the package's. Adapters
 * canonicalise `data` and `metadata` once, store those strings as they are, and reuse them for the
 * hash: the stored text is the hashed text.
 */
export function canonicalJson(value: unknown): string {
  let fast: string | undefined;
  try {
    fast = canonicalPlainJson(value);
  } catch {
    fast = undefined;
  }
  if (fast !== undefined) return fast;
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

/** The envelope fields covered by the hash, in RFC 8785 key order (UTF-16 code unit order). */
export interface HashableParts {
  /** Canonical JSON of data. */
  dataJson: string;
  id: string;
  /** Canonical JSON of metadata. */
  metadataJson: string;
  /** null where the store assigns positions after the write (EventStoreDB): order is then covered by the Merkle log. */
  position: number | null;
  prevHash: string | null;
  schemaVersion: number;
  streamId: string;
  type: string;
  version: number;
}

/**
 * The canonical JSON of the envelope without `hash`. Built from the known keys in sorted order so the
 * arbitrary parts are canonicalised once; `canonicalEnvelope` in the spec checks this equals the
 * package's own output for the whole envelope.
 */
export function canonicalEnvelope(p: HashableParts): string {
  return (
    '{"data":' + p.dataJson +
    ',"id":' + stringifyString(p.id) +
    ',"metadata":' + p.metadataJson +
    (p.position === null ? '' : ',"position":' + p.position) +
    ',"prevHash":' + (p.prevHash === null ? 'null' : stringifyString(p.prevHash)) +
    ',"schemaVersion":' + p.schemaVersion +
    ',"streamId":' + stringifyString(p.streamId) +
    ',"type":' + stringifyString(p.type) +
    ',"version":' + p.version +
    '}'
  );
}

/**
 * canonicalEnvelope for the append path, where no spliced string needs escaping: the id is a checked
 * UUID, the stream id and type match their patterns (validation.ts), prevHash is hex. It spares four
 * escape checks per event; the spec checks both builders give the package's text.
 */
export function trustedEnvelope(p: HashableParts): string {
  return (
    '{"data":' + p.dataJson +
    ',"id":"' + p.id +
    '","metadata":' + p.metadataJson +
    (p.position === null ? '' : ',"position":' + p.position) +
    ',"prevHash":' + (p.prevHash === null ? 'null' : '"' + p.prevHash + '"') +
    ',"schemaVersion":' + p.schemaVersion +
    ',"streamId":"' + p.streamId +
    '","type":"' + p.type +
    '","version":' + p.version +
    '}'
  );
}

/**
 * trustedEnvelope cut where an append's events differ: between `metadata` and `position`, and from
 * `schemaVersion` to `version`, the text changes only with metadata, schema version and type, so an
 * append builds those middles once and each event joins five short pieces to them. Same text (spec).
 */
export function envelopeMetadataPart(metadataJson: string): string {
  return flat('","metadata":' + metadataJson + ',"position":');
}

export function envelopeTypePart(schemaVersion: number, streamId: string, type: string): string {
  return flat(',"schemaVersion":' + schemaVersion + ',"streamId":"' + streamId + '","type":"' + type + '","version":');
}

export function joinEnvelope(dataJson: string, id: string, metadataPart: string, position: number, prevHash: string | null, typePart: string, version: number): string {
  return '{"data":' + dataJson + ',"id":"' + id + metadataPart + position + (prevHash === null ? ',"prevHash":null' : ',"prevHash":"' + prevHash + '"') + typePart + version + '}';
}

/** Reading a character makes V8 copy a concatenation into one flat string, once rather than per use. */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

export function sha256Hex(text: string): string {
  // One-shot hashing: about 40% cheaper than createHash().update().digest() for event-sized input.
  return hash('sha256', text, 'hex');
}

export function hashParts(p: HashableParts): string {
  return sha256Hex(canonicalEnvelope(p));
}

/** Recomputes an envelope's hash from its fields (verification, bundles). */
export function computeEventHash(e: Omit<EventEnvelope, 'hash'>, options: { includePosition?: boolean } = {}): string {
  const includePosition = options.includePosition ?? true;
  return hashParts({
    dataJson: canonicalJson(e.data),
    id: e.id,
    metadataJson: canonicalJson(e.metadata),
    position: includePosition ? e.position : null,
    prevHash: e.prevHash,
    schemaVersion: e.schemaVersion,
    streamId: e.streamId,
    type: e.type,
    version: e.version,
  });
}
