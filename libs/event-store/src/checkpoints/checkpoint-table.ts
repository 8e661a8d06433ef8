import type { SignedCheckpoint } from '../integrity/checkpoint';
import type { SqlExecutor } from './integrity-schema';

export interface StoredCheckpoint extends SignedCheckpoint {
  /** Position in the chain, 1-based (not signed: the chain itself is previousCheckpointHash). */
  seq: number;
}

interface Row {
  seq: number | string;
  tree_size: number | string;
  root_hash: string;
  issued_at: string;
  previous_checkpoint_hash: string | null;
  signature: string;
}

const COLUMNS = 'seq, tree_size, root_hash, issued_at, previous_checkpoint_hash, signature';
const PAGE = 500;

const toCheckpoint = (r: Row): StoredCheckpoint => ({
  seq: Number(r.seq),
  treeSize: Number(r.tree_size),
  rootHash: r.root_hash,
  issuedAt: r.issued_at,
  previousCheckpointHash: r.previous_checkpoint_hash,
  signature: r.signature,
});

/** The covenant_checkpoints table: signed tree heads in chain order. */
export class CheckpointTable {
  constructor(private readonly sql: SqlExecutor) {}

  async latest(): Promise<StoredCheckpoint | null> {
    const [row] = await this.sql.all<Row>(`SELECT ${COLUMNS} FROM covenant_checkpoints ORDER BY seq DESC LIMIT 1`);
    return row ? toCheckpoint(row) : null;
  }

  async byTreeSize(treeSize: number): Promise<StoredCheckpoint | null> {
    const [row] = await this.sql.all<Row>(`SELECT ${COLUMNS} FROM covenant_checkpoints WHERE tree_size = ?`, [treeSize]);
    return row ? toCheckpoint(row) : null;
  }

  /** Checkpoints with treeSize > afterTreeSize, smallest first. */
  async page(afterTreeSize: number, limit: number): Promise<StoredCheckpoint[]> {
    const rows = await this.sql.all<Row>(`SELECT ${COLUMNS} FROM covenant_checkpoints WHERE tree_size > ? ORDER BY tree_size LIMIT ?`, [afterTreeSize, limit]);
    return rows.map(toCheckpoint);
  }

  /** Every checkpoint in chain (seq) order, a page at a time: what the verifier walks. */
  async *all(): AsyncGenerator<StoredCheckpoint> {
    let after = 0;
    for (;;) {
      const rows = await this.sql.all<Row>(`SELECT ${COLUMNS} FROM covenant_checkpoints WHERE seq > ? ORDER BY seq LIMIT ?`, [after, PAGE]);
      for (const r of rows) yield toCheckpoint(r);
      if (rows.length < PAGE) return;
      after = Number(rows[rows.length - 1].seq);
    }
  }

  async count(): Promise<number> {
    const [row] = await this.sql.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM covenant_checkpoints');
    return Number(row.n);
  }

  /**
   * Inserts checkpoint `seq` unless that seq or tree size is taken (another process issued first).
   * Answers whether this insert stored it (RETURNING yields no row when the conflict skipped it).
   */
  async insert(c: StoredCheckpoint): Promise<boolean> {
    const rows = await this.sql.all<{ seq: number | string }>(
      `INSERT INTO covenant_checkpoints (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING seq`,
      [c.seq, c.treeSize, c.rootHash, c.issuedAt, c.previousCheckpointHash, c.signature],
    );
    return rows.length === 1;
  }
}

/** The five signed fields only, as served and embedded in bundles. */
export function signedPart(c: StoredCheckpoint): SignedCheckpoint {
  return { treeSize: c.treeSize, rootHash: c.rootHash, issuedAt: c.issuedAt, previousCheckpointHash: c.previousCheckpointHash, signature: c.signature };
}
