import type { EventEnvelope } from '../envelope';
import type { EventStore } from '../event-store.port';
import { computeEventHash } from '../integrity/event-hash';
import { eventLeafHash, frontierNodes, MerkleFrontier, type MerkleNode } from '../integrity/merkle';
import { nodeKey, type NodeKey, type NodeSource } from '../integrity/merkle-proofs';
import type { SqlExecutor } from './integrity-schema';

/** Thrown when the log cannot be added to the tree as it is: the checkpointer refuses to sign it. */
export class LogIntegrityError extends Error {
  constructor(
    readonly position: number,
    readonly reason: 'position-missing' | 'payload-changed',
    message: string,
  ) {
    super(message);
    this.name = 'LogIntegrityError';
  }
}

/**
 * Multi-row inserts in power-of-two sizes: at most nine distinct statement texts, so the session's
 * prepared-statement cache (shared with the write path) is never flooded, and few round trips.
 */
const CHUNKS = [256, 128, 64, 32, 16, 8, 4, 2, 1];
/**
 * Rows buffered before a flush and a turn of the event loop (about 128 events: reading them back and
 * re-hashing them takes about a millisecond). Bounds memory over a long log and, in the API process,
 * how long a checkpoint holds requests up: at 2,048 rows the API's p99 under bench:http was 55-62 ms,
 * at 256 it is 44-48 ms.
 */
const FLUSH_ROWS = 256;

/** The covenant_merkle table as a NodeSource, and the code that extends it from the log. */
export class MerkleNodeTable implements NodeSource {
  constructor(private readonly sql: SqlExecutor) {}

  /** Leaves stored: every complete subtree within them is stored too (see extendTo). */
  async leafCount(): Promise<number> {
    const [row] = await this.sql.all<{ n: number | string | null }>('SELECT MAX(idx) AS n FROM covenant_merkle WHERE level = 0');
    return row?.n === null || row?.n === undefined ? 0 : Number(row.n) + 1;
  }

  async getNodes(keys: readonly NodeKey[]): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>();
    for (let i = 0; i < keys.length; i += 64) {
      const part = keys.slice(i, i + 64);
      const where = part.map(() => '(level = ? AND idx = ?)').join(' OR ');
      const rows = await this.sql.all<{ level: number; idx: number | string; hash: string }>(
        `SELECT level, idx, hash FROM covenant_merkle WHERE ${where}`,
        part.flatMap((k) => [k.level, k.index]),
      );
      for (const r of rows) out.set(nodeKey(Number(r.level), Number(r.idx)), Buffer.from(r.hash, 'hex'));
    }
    return out;
  }

  /**
   * Adds the events up to `head` as leaves. Each event's hash is recomputed first and positions must
   * run on without a gap: a checkpoint signs what the tree holds, so nothing altered goes in. Rows are
   * written in the order "nodes a leaf completes, then the leaf", and each statement is atomic, so
   * after a crash every stored leaf has its completed subtrees stored: leafCount stays truthful.
   * Concurrent extenders write identical rows; ON CONFLICT DO NOTHING lets them overlap.
   */
  async extendTo(store: Pick<EventStore, 'readAll'>, head: number): Promise<number> {
    let count = await this.leafCount();
    if (count >= head) return count;
    const frontier = await this.frontierAt(count);
    let rows: MerkleNode[] = [];
    for await (const e of store.readAll({ after: count, limit: head - count })) {
      checkEvent(e, count + 1);
      const completed: MerkleNode[] = [];
      frontier.push(eventLeafHash(e.hash), (n) => completed.push(n));
      // completed[0] is the leaf itself: write it last.
      rows.push(...completed.slice(1), completed[0]);
      count++;
      if (rows.length >= FLUSH_ROWS) {
        await this.insert(rows);
        rows = [];
        // sqlite reads and writes are synchronous: let the API answer requests between flushes.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await this.insert(rows);
    if (count < head) throw new LogIntegrityError(count + 1, 'position-missing', `the log ends at position ${count}, below its head ${head}`);
    return count;
  }

  private async frontierAt(size: number): Promise<MerkleFrontier> {
    const keys = frontierNodes(size);
    const nodes = await this.getNodes(keys);
    return MerkleFrontier.resume(
      size,
      keys.map((k) => {
        const hash = nodes.get(nodeKey(k.level, k.index));
        if (!hash) throw new Error(`covenant_merkle lacks node ${k.level}:${k.index} of a tree of ${size} leaves`);
        return { ...k, hash };
      }),
    );
  }

  private async insert(rows: readonly MerkleNode[]): Promise<void> {
    let at = 0;
    for (const size of CHUNKS) {
      while (rows.length - at >= size) {
        const part = rows.slice(at, at + size);
        const values = part.map(() => '(?, ?, ?)').join(', ');
        await this.sql.run(
          `INSERT INTO covenant_merkle (level, idx, hash) VALUES ${values} ON CONFLICT DO NOTHING`,
          part.flatMap((n) => [n.level, n.index, n.hash.toString('hex')]),
        );
        at += size;
      }
    }
  }
}

function checkEvent(e: EventEnvelope, expected: number): void {
  if (e.position !== expected) {
    throw new LogIntegrityError(expected, 'position-missing', `no event at position ${expected} (the log continues at ${e.position}); run covenant verify`);
  }
  if (computeEventHash(e) !== e.hash) {
    throw new LogIntegrityError(e.position, 'payload-changed', `the event at position ${e.position} does not match its stored hash; run covenant verify`);
  }
}
