import type { EventEnvelope } from '@covenant/event-store';
import { BUNDLE_FORMAT, EvidenceBundle, serialiseBundle, toCloudEvent } from '@covenant/event-store/bundle/bundle-format';
import { renderBundleReport } from '@covenant/event-store/bundle/bundle-report';
import type { AuditLog } from '../audit/audit-log';

/** Why a bundle cannot be exported: a bad stream name (invalid, 400) or an empty stream (not-found, 404). */
export class BundleError extends Error {
  constructor(
    readonly kind: 'invalid' | 'not-found',
    readonly code: 'BUNDLE.STREAM_INVALID' | 'BUNDLE.STREAM_NOT_FOUND' | 'BUNDLE.NOT_CHECKPOINTED',
    message: string,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

const STREAM = /^(contract|partnership)-[A-Za-z0-9._:-]{1,200}$/;

/**
 * The evidence bundle of one stream (bundle-format.ts), as the file's exact text. When no checkpoint
 * covers the stream's last event yet, one is issued first, so every event has its inclusion proof.
 */
export async function exportBundle(audit: AuditLog, stream: string, now: () => Date = () => new Date()): Promise<string> {
  if (!STREAM.test(stream)) throw new BundleError('invalid', 'BUNDLE.STREAM_INVALID', 'stream must be contract-<id> or partnership-<id>');
  const envelopes: EventEnvelope[] = [];
  for await (const e of audit.store.readStream(stream)) envelopes.push(e);
  if (envelopes.length === 0) throw new BundleError('not-found', 'BUNDLE.STREAM_NOT_FOUND', `no stream ${stream}`);
  const last = envelopes[envelopes.length - 1].position;
  let checkpoint = await audit.latestCheckpoint();
  if (!checkpoint || checkpoint.treeSize < last) {
    await audit.issueCheckpoint();
    checkpoint = await audit.latestCheckpoint();
  }
  if (!checkpoint) throw new BundleError('not-found', 'BUNDLE.NOT_CHECKPOINTED', `no checkpoint covers position ${last}`);
  const proofs = [];
  for (const e of envelopes) {
    const { checkpoint: _signed, ...proof } = await audit.inclusionProof(e.position, checkpoint.treeSize);
    proofs.push(proof);
  }
  const { seq: _seq, ...signed } = checkpoint;
  const body: Omit<EvidenceBundle, 'reportHtml'> = {
    format: BUNDLE_FORMAT,
    stream,
    exportedAt: now().toISOString(),
    events: envelopes.map(toCloudEvent),
    proofs,
    checkpoint: signed,
    publicKeyPem: audit.publicKey().publicKeyPem,
  };
  return serialiseBundle({ ...body, reportHtml: renderBundleReport(body) });
}
