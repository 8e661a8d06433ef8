/**
 * Why an audit request cannot be answered, with a stable code. The HTTP edge maps `kind` to the
 * status (invalid 400, not-found 404, unsupported 501) and the code into problem+json.
 */
export type AuditErrorCode =
  /** No event at that position yet. */
  | 'AUDIT.POSITION_NOT_FOUND'
  /** The event exists but no checkpoint covers it yet (the next one comes within the configured period). */
  | 'AUDIT.POSITION_NOT_CHECKPOINTED'
  /** The checkpoint asked for (by tree size) covers fewer events than the position. */
  | 'AUDIT.POSITION_BEYOND_TREE'
  /** No checkpoint has that tree size. */
  | 'AUDIT.CHECKPOINT_NOT_FOUND'
  /** A consistency proof from a larger tree to a smaller one. */
  | 'AUDIT.CONSISTENCY_RANGE_INVALID'
  /** No signing key to serve or sign with. */
  | 'AUDIT.NO_SIGNING_KEY'
  /** Checkpoints and proofs need the SQL stores (see README, Integrity and verification). */
  | 'AUDIT.UNSUPPORTED_STORE';

const KIND: Record<AuditErrorCode, AuditError['kind']> = {
  'AUDIT.POSITION_NOT_FOUND': 'not-found',
  'AUDIT.POSITION_NOT_CHECKPOINTED': 'not-found',
  'AUDIT.POSITION_BEYOND_TREE': 'invalid',
  'AUDIT.CHECKPOINT_NOT_FOUND': 'not-found',
  'AUDIT.CONSISTENCY_RANGE_INVALID': 'invalid',
  'AUDIT.NO_SIGNING_KEY': 'unsupported',
  'AUDIT.UNSUPPORTED_STORE': 'unsupported',
};

export class AuditError extends Error {
  readonly kind: 'invalid' | 'not-found' | 'unsupported';

  constructor(
    readonly code: AuditErrorCode,
    message: string,
    /** For `invalid`: the request field at fault. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AuditError';
    this.kind = KIND[code];
  }
}
