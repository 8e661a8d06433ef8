import { createPublicKey, type KeyObject } from 'node:crypto';
import { verifyCheckpointSignature } from '../integrity/checkpoint';
import { computeEventHash } from '../integrity/event-hash';
import { verifyInclusionProofJson } from '../integrity/proof-json';
import { BUNDLE_FORMAT, EvidenceBundle, serialiseBundle } from './bundle-format';
import { renderBundleReport } from './bundle-report';

export type BundleCheck = { ok: true; events: number; treeSize: number } | { ok: false; failure: string };

class BundleFailure extends Error {}
const check = (condition: boolean, failure: string): void => {
  if (!condition) throw new BundleFailure(failure);
};

/**
 * Checks an evidence bundle offline, with no database: the file is exactly the serialisation of what
 * it holds (so no byte can change unnoticed), the checkpoint's signature with the bundled key (or
 * `pinnedKey`, which must be the bundled one), every event's hash recomputed from its fields, the
 * stream's prevHash chain from version 0, each inclusion proof against the signed root, and the
 * report re-rendered from the events. Returns the first failure.
 */
export function verifyBundle(text: string, pinnedKey?: KeyObject): BundleCheck {
  try {
    let b: EvidenceBundle;
    try {
      b = JSON.parse(text) as EvidenceBundle;
    } catch (err) {
      return { ok: false, failure: `not JSON: ${(err as Error).message}` };
    }
    check(typeof b === 'object' && b !== null && b.format === BUNDLE_FORMAT, `not a ${BUNDLE_FORMAT} document`);
    check(serialiseBundle(b) === text, 'the file is not the exact serialisation of its content (bytes added, removed or reformatted)');
    let key: KeyObject;
    try {
      key = createPublicKey(b.publicKeyPem);
    } catch {
      return { ok: false, failure: 'publicKeyPem is not a public key' };
    }
    check(key.asymmetricKeyType === 'ed25519', 'publicKeyPem is not an Ed25519 key');
    if (pinnedKey) check(pinnedKey.export({ format: 'der', type: 'spki' }).equals(key.export({ format: 'der', type: 'spki' })), 'the bundled public key is not the expected key');
    check(verifyCheckpointSignature(b.checkpoint, key), 'checkpoint signature invalid');
    check(Array.isArray(b.events) && b.events.length > 0 && Array.isArray(b.proofs) && b.proofs.length === b.events.length, 'events and proofs must be non-empty lists of the same length');
    let prev: string | null = null;
    b.events.forEach((e, i) => {
      const at = `event ${i} (position ${e.position})`;
      check(e.specversion === '1.0' && e.datacontenttype === 'application/json' && e.subject === b.stream && e.source === `covenant:${b.stream}`, `${at}: not a CloudEvent of stream ${b.stream}`);
      check(e.version === i, `${at}: version ${e.version}, expected ${i} (the stream from its first event)`);
      const metadata = JSON.parse(e.covenantmetadata) as Record<string, unknown>;
      check(
        metadata.occurredAt === e.time && metadata.recordedAt === e.recordedat && metadata.actorId === e.actor && metadata.correlationId === e.correlation && metadata.causationId === e.causation,
        `${at}: extensions disagree with the hashed metadata`,
      );
      const prevHash = e.prevhash === '' ? null : e.prevhash;
      check(prevHash === prev, `${at}: prevHash does not link to the previous event's hash`);
      const hash = computeEventHash({ id: e.id, streamId: b.stream, version: e.version, position: e.position, type: e.type, schemaVersion: e.schemaversion, data: e.data, metadata: metadata as EvidenceBundleMetadata, prevHash });
      check(hash === e.hash, `${at}: hash mismatch (recomputed ${hash})`);
      const p = b.proofs[i];
      check(p.position === e.position && p.eventHash === e.hash, `${at}: its proof is for another event`);
      check(verifyInclusionProofJson({ ...p, checkpoint: b.checkpoint }, key), `${at}: inclusion proof does not lead to the checkpoint root`);
      prev = e.hash;
    });
    const { reportHtml, ...rest } = b;
    check(reportHtml === renderBundleReport(rest), 'reportHtml is not the report of these events');
    return { ok: true, events: b.events.length, treeSize: b.checkpoint.treeSize };
  } catch (err) {
    if (err instanceof BundleFailure) return { ok: false, failure: err.message };
    return { ok: false, failure: `malformed bundle: ${(err as Error).message}` };
  }
}

type EvidenceBundleMetadata = { occurredAt: string; recordedAt: string; [key: string]: unknown };
