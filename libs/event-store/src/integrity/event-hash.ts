import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventEnvelope } from '../envelope';

/**
 * RFC 8785 (JCS) canonical JSON through `canonicalize`, the package of the RFC's author (it also
 * rejects lone surrogates, as the RFC requires). Adapters canonicalise `data` and `metadata` once,
 * store those strings as they are, and reuse them for the hash: the stored text is the hashed text.
 */
export function canonicalJson(value: unknown): string {
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
    ',"id":' + JSON.stringify(p.id) +
    ',"metadata":' + p.metadataJson +
    (p.position === null ? '' : ',"position":' + p.position) +
    ',"prevHash":' + (p.prevHash === null ? 'null' : JSON.stringify(p.prevHash)) +
    ',"schemaVersion":' + p.schemaVersion +
    ',"streamId":' + JSON.stringify(p.streamId) +
    ',"type":' + JSON.stringify(p.type) +
    ',"version":' + p.version +
    '}'
  );
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
