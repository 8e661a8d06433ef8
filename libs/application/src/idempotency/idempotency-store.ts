import { hash } from 'node:crypto';
import type { EventEnvelope, StoreTransaction } from '@covenant/event-store';
import { runInTransaction, SqlSession, Statement } from '../sql/sql-session';

/**
 * Idempotency-Key records, kept in the same database as the events and written in the append's
 * transaction: a key is stored if and only if its events are. Keys are scoped by actor, so two
 * clients choosing the same key never see each other's responses.
 */
export const IDEMPOTENCY_DDL = `
CREATE TABLE IF NOT EXISTS covenant_idempotency (
  scoped_key TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`;

export interface StoredResponse {
  status: number;
  body: unknown;
}

export class IdempotencyKeyReusedError extends Error {
  readonly code = 'IDEMPOTENCY.KEY_REUSED';
  constructor(readonly key: string) {
    super(`Idempotency-Key ${key} was already used with a different request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

export interface IdempotencyRequest {
  key: string;
  actorId: string;
  /** Hash of method, path and canonical body: the same key with another request is a 422. */
  requestHash: string;
}

export function scopedKey(r: IdempotencyRequest): string {
  return hash('sha256', `${r.actorId}\n${r.key}`, 'hex');
}

/**
 * Event ids derived from the key: a duplicate racing the first request appends the same ids, which
 * the store recognises and answers with the original result instead of writing twice.
 */
export function eventIdFor(r: IdempotencyRequest, index: number): string {
  const h = hash('sha256', `${scopedKey(r)}:${index}`, 'hex');
  // Laid out as an RFC 9562 UUIDv8 (custom): version nibble 8, variant 10.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class IdempotencyStore {
  constructor(private readonly sql: SqlSession) {}

  async find(r: IdempotencyRequest): Promise<StoredResponse | null> {
    const rows = await this.sql.all<{ request_hash: string; status: number; body: string }>(
      'SELECT request_hash, status, body FROM covenant_idempotency WHERE scoped_key = ?',
      [scopedKey(r)],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.request_hash !== r.requestHash) throw new IdempotencyKeyReusedError(r.key);
    return { status: Number(row.status), body: JSON.parse(row.body) };
  }

  private statement(r: IdempotencyRequest, response: StoredResponse, at: string): Statement {
    return [
      'INSERT INTO covenant_idempotency (scoped_key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (scoped_key) DO NOTHING',
      [scopedKey(r), r.requestHash, response.status, JSON.stringify(response.body), at],
    ];
  }

  /** In-transaction work that records the response built from the appended events. */
  recordWith(r: IdempotencyRequest, respond: (events: EventEnvelope[]) => StoredResponse) {
    return (events: EventEnvelope[], tx: StoreTransaction): void | Promise<void> =>
      runInTransaction(tx, [this.statement(r, respond(events), events[events.length - 1].metadata.recordedAt)]);
  }

  /** For a command that appended nothing (a tick with nothing due): record the answer on its own. */
  async record(r: IdempotencyRequest, response: StoredResponse, at: string): Promise<void> {
    const [sql, params] = this.statement(r, response, at);
    await this.sql.run(sql, params);
  }
}
