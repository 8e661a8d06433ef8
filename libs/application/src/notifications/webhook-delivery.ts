import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ReadModelDb } from '@covenant/projections/framework/read-model-db';
import { sqlOps } from '@covenant/projections/framework/sql-ops';
import { PROCESS_CHECKPOINTS_DDL } from '../scheduler/coordination-router';

export const SIGNATURE_HEADER = 'X-Covenant-Signature';
const CHECKPOINT = 'webhook';

/** One delivery per notification, in the read-model database next to rm_notifications (survives restarts). */
export const WEBHOOK_DELIVERIES_DDL = `CREATE TABLE IF NOT EXISTS covenant_webhook_deliveries (
  notification_id TEXT PRIMARY KEY,
  payload TEXT NOT NULL,
  source_position BIGINT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at TEXT NOT NULL,
  status TEXT NOT NULL,
  last_error TEXT,
  delivered_at TEXT
)`;
const DELIVERIES_INDEX_DDL = 'CREATE INDEX IF NOT EXISTS covenant_webhook_deliveries_due ON covenant_webhook_deliveries (status, next_attempt_at)';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`: the timestamp is signed with the body,
 * so a receiver can refuse a replayed delivery that is too old.
 */
export function signature(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute the HMAC over "<t>.<raw body>" and compare in constant time. */
export function verifySignature(secret: string, body: string, header: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || typeof parts.v1 !== 'string') return false;
  const expected = Buffer.from(signature(secret, body, t).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface WebhookSettings {
  url: string;
  secret: string;
  maxAttempts: number;
  backoffSeconds: number;
}

export interface DeadLetter {
  notificationId: string;
  payload: unknown;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string;
}

export interface DeliveryReport {
  enqueued: number;
  delivered: string[];
  retried: string[];
  dead: string[];
}

interface DeliveryRow {
  notification_id: string;
  payload: string;
  attempts: number | string;
}

/**
 * The webhook side of the notification outbox. Each notification row is written by the deadlines
 * projection in the transaction of the event that opened the action; `enqueue` follows those rows by
 * `source_position` from its own checkpoint and copies the still-pending ones into the delivery table
 * in one transaction with the checkpoint, so each is queued exactly once (a rebuild of the read model
 * rewrites rows at the same positions, behind the checkpoint, and the notification id keys the queue).
 * `deliverDue` POSTs what is due; a failure (non-2xx, network error, timeout) is retried after
 * backoff × 2^(attempt−1) until maxAttempts, then the delivery is dead-lettered. Delivery is at least
 * once: a receiver deduplicates on the notification id (also in the X-Covenant-Delivery header).
 */
export class WebhookDelivery {
  private schemaReady = false;

  constructor(
    private readonly db: ReadModelDb,
    private readonly settings: WebhookSettings | null,
    private readonly options: { timeoutMs?: number; log?: (message: string) => void } = {},
  ) {}

  get enabled(): boolean {
    return this.settings !== null;
  }

  /** One pass as of `now`: queue new notifications, then deliver what is due. Nothing when webhooks are off. */
  async run(now: string): Promise<DeliveryReport> {
    if (!this.settings) return { enqueued: 0, delivered: [], retried: [], dead: [] };
    const enqueued = await this.enqueue(now);
    return { enqueued, ...(await this.deliverDue(now)) };
  }

  async enqueue(now: string): Promise<number> {
    await this.ensureSchema();
    const cp = await this.db.query<{ position: number | string }>('SELECT position FROM covenant_process_checkpoints WHERE name = ?', [CHECKPOINT]);
    const after = cp.length ? Number(cp[0].position) : 0;
    const positions = await this.db.query<{ source_position: number | string }>(
      'SELECT source_position FROM rm_notifications WHERE source_position > ? GROUP BY source_position ORDER BY source_position LIMIT 200',
      [after],
    );
    if (positions.length === 0) return 0;
    const upTo = Number(positions[positions.length - 1].source_position);
    const rows = await this.db.query<Record<string, string | number | null>>(
      "SELECT notification_id, partnership_id, contract_id, kind, ref, tier, party_id, person_id, deadline, link, source_event_id, source_position FROM rm_notifications WHERE source_position > ? AND source_position <= ? AND status = 'pending' ORDER BY source_position, notification_id",
      [after, upTo],
    );
    await this.db.transact(function* () {
      for (const r of rows) {
        const payload = {
          type: 'notification.created',
          notificationId: r.notification_id,
          partnershipId: r.partnership_id,
          contractId: r.contract_id,
          kind: r.kind,
          ref: r.ref,
          tier: r.tier,
          personId: r.person_id,
          partyId: r.party_id,
          deadline: r.deadline,
          link: r.link,
          sourceEventId: r.source_event_id,
        };
        yield* sqlOps.run(
          `INSERT INTO covenant_webhook_deliveries (notification_id, payload, source_position, attempts, next_attempt_at, status, last_error, delivered_at)
           VALUES (?, ?, ?, 0, ?, 'pending', NULL, NULL) ON CONFLICT (notification_id) DO NOTHING`,
          [r.notification_id, JSON.stringify(payload), Number(r.source_position), now],
        );
      }
      yield* sqlOps.run('INSERT INTO covenant_process_checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position', [CHECKPOINT, upTo]);
    });
    return rows.length + (positions.length === 200 ? await this.enqueue(now) : 0);
  }

  async deliverDue(now: string): Promise<Omit<DeliveryReport, 'enqueued'>> {
    const report = { delivered: [] as string[], retried: [] as string[], dead: [] as string[] };
    if (!this.settings) return report;
    await this.ensureSchema();
    const due = await this.db.query<DeliveryRow>(
      "SELECT notification_id, payload, attempts FROM covenant_webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, notification_id LIMIT 100",
      [now],
    );
    for (const row of due) {
      const attempt = Number(row.attempts) + 1;
      const error = await this.post(row, attempt, now);
      if (error === null) {
        await this.update("UPDATE covenant_webhook_deliveries SET status = 'delivered', attempts = ?, delivered_at = ?, last_error = NULL WHERE notification_id = ?", [attempt, now, row.notification_id]);
        report.delivered.push(row.notification_id);
      } else if (attempt >= this.settings.maxAttempts) {
        await this.update("UPDATE covenant_webhook_deliveries SET status = 'dead', attempts = ?, next_attempt_at = ?, last_error = ? WHERE notification_id = ?", [attempt, now, error, row.notification_id]);
        report.dead.push(row.notification_id);
      } else {
        const next = new Date(Date.parse(now) + this.settings.backoffSeconds * 1000 * 2 ** (attempt - 1)).toISOString();
        await this.update('UPDATE covenant_webhook_deliveries SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE notification_id = ?', [attempt, next, error, row.notification_id]);
        report.retried.push(row.notification_id);
      }
      this.options.log?.(`webhook ${row.notification_id} attempt ${attempt}: ${error ?? 'delivered'}`);
    }
    return report;
  }

  /** The delivery's failure, or null when the receiver answered 2xx. */
  private async post(row: DeliveryRow, attempt: number, now: string): Promise<string | null> {
    const settings = this.settings as WebhookSettings;
    try {
      const response = await fetch(settings.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signature(settings.secret, row.payload, Math.floor(Date.parse(now) / 1000)),
          'X-Covenant-Delivery': row.notification_id,
          'X-Covenant-Attempt': String(attempt),
        },
        body: row.payload,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok ? null : `HTTP ${response.status}`;
    } catch (error) {
      return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
  }

  async deadLetters(): Promise<DeadLetter[]> {
    await this.ensureSchema();
    const rows = await this.db.query<{ notification_id: string; payload: string; attempts: number | string; last_error: string | null; next_attempt_at: string }>(
      "SELECT notification_id, payload, attempts, last_error, next_attempt_at FROM covenant_webhook_deliveries WHERE status = 'dead' ORDER BY next_attempt_at, notification_id",
    );
    return rows.map((r) => ({ notificationId: r.notification_id, payload: JSON.parse(r.payload) as unknown, attempts: Number(r.attempts), lastError: r.last_error, lastAttemptAt: r.next_attempt_at }));
  }

  /** Puts a dead letter back in the queue, due at `now` with its attempts reset; false when there is no such dead letter. */
  async requeue(notificationId: string, now: string): Promise<boolean> {
    await this.ensureSchema();
    const dead = await this.db.query<{ notification_id: string }>("SELECT notification_id FROM covenant_webhook_deliveries WHERE notification_id = ? AND status = 'dead'", [notificationId]);
    if (dead.length === 0) return false;
    await this.update("UPDATE covenant_webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE notification_id = ? AND status = 'dead'", [now, notificationId]);
    return true;
  }

  private async update(sql: string, params: unknown[]): Promise<void> {
    await this.db.transact(() => sqlOps.run(sql, params));
  }

  private async ensureSchema(): Promise<void> {
    if (this.schemaReady) return;
    await this.db.exec([PROCESS_CHECKPOINTS_DDL, WEBHOOK_DELIVERIES_DDL, DELIVERIES_INDEX_DDL]);
    this.schemaReady = true;
  }
}
