import type { KeyObject } from 'node:crypto';
import {
  CheckpointTable,
  consistencyProof,
  createIntegritySchema,
  eventLeafHash,
  inclusionProof,
  issueCheckpoint,
  MerkleNodeTable,
  publicKeyInfo,
  signedPart,
  verifyLog,
  type ConsistencyProofJson,
  type EventStore,
  type InclusionProofJson,
  type IssueResult,
  type PublicKeyInfo,
  type SignedCheckpoint,
  type SqlExecutor,
  type StoredCheckpoint,
  type VerifyReport,
} from '@covenant/event-store';
import { InvalidCursorError } from '@covenant/projections/framework/pagination';
import { AuditError } from './audit-errors';
import type { SigningKey } from './signing-key';

export const CHECKPOINTS_DEFAULT_LIMIT = 50;
export const CHECKPOINTS_MAX_LIMIT = 500;

export interface CheckpointPage {
  items: SignedCheckpoint[];
  nextCursor: string | null;
}

const hex = (b: Buffer) => b.toString('hex');

/**
 * The auditor's toolkit over one store: checkpoints, proofs, verification and the public key. The
 * API (through the query bus), the checkpointer and the CLI all use it. `sql` is the store's own
 * database; there is none on EventStoreDB, where only verification of the events is offered.
 */
export class AuditLog {
  private readonly nodes?: MerkleNodeTable;
  private readonly checkpoints?: CheckpointTable;

  constructor(
    readonly store: EventStore,
    sql: SqlExecutor | undefined,
    readonly key: SigningKey | null,
    private readonly now: () => Date = () => new Date(),
  ) {
    if (sql) {
      this.nodes = new MerkleNodeTable(sql);
      this.checkpoints = new CheckpointTable(sql);
    }
  }

  static async open(store: EventStore, sql: SqlExecutor | undefined, key: SigningKey | null): Promise<AuditLog> {
    if (sql) await createIntegritySchema(sql, store.kind === 'postgres' ? 'postgres' : 'sqlite');
    return new AuditLog(store, sql, key);
  }

  get supported(): boolean {
    return this.checkpoints !== undefined;
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | null> {
    return this.tables().checkpoints.latest();
  }

  /** Signs a checkpoint of the whole log now, unless no event is new since the latest. */
  async issueCheckpoint(): Promise<IssueResult> {
    const { nodes, checkpoints } = this.tables();
    if (!this.key) throw new AuditError('AUDIT.NO_SIGNING_KEY', 'no signing key is configured or stored in the data directory');
    return issueCheckpoint({ store: this.store, nodes, checkpoints, privateKey: this.key.privateKey, now: this.now });
  }

  /** Checkpoints smallest tree first; the cursor is the last tree size served, opaque to clients. */
  async listCheckpoints(limit = CHECKPOINTS_DEFAULT_LIMIT, cursor?: string): Promise<CheckpointPage> {
    const after = cursor === undefined ? 0 : decodeCursor(cursor);
    const take = Math.min(Math.max(limit, 1), CHECKPOINTS_MAX_LIMIT);
    const rows = await this.tables().checkpoints.page(after, take + 1);
    const items = rows.slice(0, take);
    const nextCursor = rows.length > take ? encodeCursor(items[items.length - 1].treeSize) : null;
    return { items: items.map(signedPart), nextCursor };
  }

  /** Proof that the event at `position` is in the tree of a checkpoint: the one of `treeSize`, else the latest. */
  async inclusionProof(position: number, treeSize?: number): Promise<InclusionProofJson> {
    const { nodes, checkpoints } = this.tables();
    const head = await this.store.headPosition();
    if (position > head) throw new AuditError('AUDIT.POSITION_NOT_FOUND', `no event at position ${position}: the log ends at ${head}`);
    const checkpoint = treeSize === undefined ? await checkpoints.latest() : await this.checkpointOfSize(treeSize, 'treeSize');
    if (!checkpoint || checkpoint.treeSize < position) {
      if (treeSize !== undefined) throw new AuditError('AUDIT.POSITION_BEYOND_TREE', `the checkpoint of tree size ${treeSize} does not cover position ${position}`, 'treeSize');
      const covered = checkpoint ? `the latest covers 1..${checkpoint.treeSize}` : 'none has been issued yet';
      throw new AuditError('AUDIT.POSITION_NOT_CHECKPOINTED', `no checkpoint covers position ${position} yet (${covered})`);
    }
    const eventHash = await this.eventHashAt(position);
    const proof = await inclusionProof(nodes, position - 1, checkpoint.treeSize);
    return {
      position,
      leafIndex: position - 1,
      treeSize: checkpoint.treeSize,
      eventHash,
      leafHash: hex(eventLeafHash(eventHash)),
      proof: proof.map(hex),
      checkpoint: signedPart(checkpoint),
    };
  }

  /** Proof that the checkpoint of tree size `from` is a prefix of the one of `to`. */
  async consistencyProof(from: number, to: number): Promise<ConsistencyProofJson> {
    const { nodes } = this.tables();
    if (from > to) throw new AuditError('AUDIT.CONSISTENCY_RANGE_INVALID', `from (${from}) must not be greater than to (${to})`, 'from');
    const older = await this.checkpointOfSize(from, 'from');
    const newer = await this.checkpointOfSize(to, 'to');
    const proof = await consistencyProof(nodes, from, to);
    return { fromTreeSize: from, toTreeSize: to, proof: proof.map(hex), from: signedPart(older), to: signedPart(newer) };
  }

  /** Recomputes every hash, link, position and checkpoint; `publicKey` overrides the configured key. */
  async verify(publicKey?: KeyObject): Promise<VerifyReport> {
    const key = publicKey ?? this.key?.publicKey;
    return verifyLog({
      store: this.store,
      checkpoints: this.checkpoints ? this.checkpoints.all() : noCheckpoints(),
      publicKey: key,
      missingKeyReason: 'no signing key is configured or stored in the data directory, and no public key was given',
    });
  }

  publicKey(): PublicKeyInfo {
    if (!this.key) throw new AuditError('AUDIT.NO_SIGNING_KEY', 'no signing key is configured or stored in the data directory');
    return publicKeyInfo(this.key.publicKey);
  }

  private tables(): { nodes: MerkleNodeTable; checkpoints: CheckpointTable } {
    if (!this.nodes || !this.checkpoints) {
      throw new AuditError('AUDIT.UNSUPPORTED_STORE', `checkpoints and proofs are kept in the SQL stores (sqlite, postgres), not on ${this.store.kind}`);
    }
    return { nodes: this.nodes, checkpoints: this.checkpoints };
  }

  private async checkpointOfSize(treeSize: number, field: string): Promise<StoredCheckpoint> {
    const found = await this.tables().checkpoints.byTreeSize(treeSize);
    if (!found) throw new AuditError('AUDIT.CHECKPOINT_NOT_FOUND', `no checkpoint has tree size ${treeSize} (${field})`, field);
    return found;
  }

  private async eventHashAt(position: number): Promise<string> {
    for await (const e of this.store.readAll({ after: position - 1, limit: 1 })) if (e.position === position) return e.hash;
    throw new AuditError('AUDIT.POSITION_NOT_FOUND', `no event at position ${position}`);
  }
}

async function* noCheckpoints(): AsyncGenerator<SignedCheckpoint> {
  // EventStoreDB: no checkpoint table.
}

const CURSOR_PREFIX = 'checkpoints:';

function encodeCursor(treeSize: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${treeSize}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = new RegExp(`^${CURSOR_PREFIX}(\\d{1,15})$`).exec(text);
  if (!m || encodeCursor(Number(m[1])) !== cursor) throw new InvalidCursorError();
  return Number(m[1]);
}
