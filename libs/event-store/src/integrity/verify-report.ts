/**
 * What `covenant verify` and `GET /audit/verify` answer. Reasons are stable codes (scripts match on
 * them); `detail` is for people and may change wording.
 */
export const INTEGRITY_REASONS = [
  /** No event at this position although later positions exist, or a checkpoint covers more events than the log holds (deleted rows). */
  'position-missing',
  /** The event at this position is not the one recorded there: moved or swapped (it hashes correctly at another position), out of its stream's version order, or recorded earlier than the event before it. */
  'order-changed',
  /** prevHash is not the hash of the previous event of the same stream (an event of the stream was altered and re-hashed, removed or replaced). */
  'link-broken',
  /** The stored hash does not match the event's content (data, metadata such as recordedAt, type, ids): the event was edited in place. */
  'payload-changed',
  /** A checkpoint's Ed25519 signature does not verify with the public key (forged or edited checkpoint, or another key). */
  'checkpoint-signature-invalid',
  /** A checkpoint does not name the previous one's hash, or its tree size does not grow (a checkpoint removed, replaced or reordered). */
  'checkpoint-chain-broken',
  /** The events up to a checkpoint's tree size no longer hash to its signed root (history rewritten with hashes recomputed). */
  'checkpoint-root-mismatch',
] as const;

export type IntegrityReason = (typeof INTEGRITY_REASONS)[number];

export interface IntegrityFailure {
  /** The first position found bad (for a checkpoint reason: the last position the checkpoint covers). */
  position: number;
  reason: IntegrityReason;
  detail: string;
  /** Set when a checkpoint is involved: its tree size. */
  checkpointTreeSize?: number;
}

export interface VerifyReport {
  ok: boolean;
  /** Events read and found intact (every event when ok). */
  events: number;
  /** Checkpoints found valid (every checkpoint when ok). */
  checkpoints: number;
  failure: IntegrityFailure | null;
}

/** The one-line summary the CLI prints. */
export function formatReport(r: VerifyReport): string {
  if (r.ok) return `OK ${r.events} events, ${r.checkpoints} checkpoints`;
  const f = r.failure as IntegrityFailure;
  return `FAILED at position ${f.position}: ${f.reason} — ${f.detail}`;
}
