import type { EventEnvelope } from '../envelope';
import type { SignedCheckpoint } from '../integrity/checkpoint';
import type { InclusionProofJson } from '../integrity/proof-json';

export const BUNDLE_FORMAT = 'covenant-evidence-bundle/v1';

/** One event as a CloudEvents 1.0 (JSON format) event; Covenant's envelope fields ride as extensions. */
export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  /** occurredAt: when the fact happened. */
  time: string;
  datacontenttype: 'application/json';
  data: unknown;
  /** The stream, the subject of the event. */
  subject: string;
  position: number;
  version: number;
  schemaversion: number;
  recordedat: string;
  hash: string;
  /** Empty string for the first event of the stream (extensions cannot be null). */
  prevhash: string;
  actor?: string;
  correlation?: string;
  causation?: string;
  /** The exact metadata the hash covers, as JSON text (the extensions above are read from it). */
  covenantmetadata: string;
}

/** An inclusion proof without its checkpoint: every proof of a bundle is against `checkpoint`. */
export type BundleProof = Omit<InclusionProofJson, 'checkpoint'>;

/**
 * The evidence bundle: one JSON document (2-space indented, keys in this order, newline-terminated).
 * Everything an auditor needs offline: the stream's events from version 0, each one's inclusion proof
 * to `checkpoint`, the checkpoint, the Ed25519 key (SPKI PEM) it is signed with, and a readable HTML
 * timeline rendered from the events (re-rendered and compared on verification).
 */
export interface EvidenceBundle {
  format: typeof BUNDLE_FORMAT;
  stream: string;
  exportedAt: string;
  events: CloudEvent[];
  proofs: BundleProof[];
  checkpoint: SignedCheckpoint;
  publicKeyPem: string;
  reportHtml: string;
}

export const serialiseBundle = (b: EvidenceBundle): string => `${JSON.stringify(b, null, 2)}\n`;

export function toCloudEvent(e: EventEnvelope): CloudEvent {
  const m = e.metadata;
  return {
    specversion: '1.0',
    id: e.id,
    source: `covenant:${e.streamId}`,
    type: e.type,
    time: m.occurredAt,
    datacontenttype: 'application/json',
    data: e.data,
    subject: e.streamId,
    position: e.position,
    version: e.version,
    schemaversion: e.schemaVersion,
    recordedat: m.recordedAt,
    hash: e.hash,
    prevhash: e.prevHash ?? '',
    ...(m.actorId !== undefined ? { actor: m.actorId } : {}),
    ...(m.correlationId !== undefined ? { correlation: m.correlationId } : {}),
    ...(m.causationId !== undefined ? { causation: m.causationId } : {}),
    covenantmetadata: JSON.stringify(m),
  };
}
