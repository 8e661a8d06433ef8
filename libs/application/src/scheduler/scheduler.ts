import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { contractStream, ContractTickCommandType, DomainError, tickCommand } from '@covenant/domain';
import type { EventStore } from '@covenant/event-store';
import type { ReadModelDb } from '@covenant/projections/framework/read-model-db';
import { sqlOps } from '@covenant/projections/framework/sql-ops';
import type { CommandGateway } from '../commands/command-gateway';
import type { CoordinationRouter, RoutedCommand } from './coordination-router';

export const SCHEDULER_ACTOR = 'system:scheduler';

/** Advisory lock key of the scheduler ('cov-schd' as an int64), distinct from the store's and the projections'. */
export const SCHEDULER_LOCK_KEY = '7165075719135933540';

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export interface DueDeadline {
  deadlineId: string;
  contractId: string;
  kind: string;
  ref: string | null;
  deadline: string;
  runAt: string;
  command: ContractTickCommandType;
}

export interface FiredDeadline extends DueDeadline {
  /** `fired`: the command was accepted (events written, or an idempotent repeat); `void`: it had nothing to do. */
  outcome: 'fired' | 'void';
  /** True when the idempotency record answered: this deadline's command had already been sent. */
  replayed: boolean;
  /** The events the command wrote (none for a repeat or a void deadline). */
  events: Array<{ version: number; type: string; occurredAt: string }>;
  /** For `void`: why (a DomainError code, or `nothing-due`). */
  reason?: string;
}

export interface SchedulerRound {
  now: string;
  /** False when another instance holds the scheduler lock (PostgreSQL): this round did nothing. */
  leader: boolean;
  /** Commands the coordination process manager sent on other contracts (linked reviews, addenda following a master). */
  routed: RoutedCommand[];
  fired: FiredDeadline[];
}

/**
 * Who may act: on SQLite one process owns the database file, so always this one; on PostgreSQL the
 * holder of a session advisory lock on a dedicated connection (kept until `release`), so only one
 * instance acts at a time and another takes over when it goes.
 */
export interface SchedulerLease {
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

export const soleLease: SchedulerLease = { acquire: async () => true, release: async () => undefined };

export class PgAdvisoryLease implements SchedulerLease {
  private client: PoolClient | null = null;

  constructor(private readonly pool: Pool) {}

  async acquire(): Promise<boolean> {
    if (this.client) return true;
    const client = await this.pool.connect();
    try {
      const rows = (await client.query<{ held: boolean }>(`SELECT pg_try_advisory_lock(${SCHEDULER_LOCK_KEY}) AS held`)).rows;
      if (rows[0]?.held) {
        this.client = client;
        // A dropped connection ends the session and with it the lock: act no more until taken again.
        client.on('error', () => void this.drop());
        return true;
      }
    } catch {
      // Treated as "not held": the next round tries again.
    }
    client.release();
    return false;
  }

  private drop(): void {
    const client = this.client;
    this.client = null;
    client?.release(true);
  }

  async release(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = null;
    try {
      await client.query(`SELECT pg_advisory_unlock(${SCHEDULER_LOCK_KEY})`);
      client.release();
    } catch {
      client.release(true);
    }
  }
}

export interface SchedulerOptions {
  gateway: CommandGateway;
  store: EventStore;
  /** The read-model database holding rm_deadlines (the deadlines projection). */
  db: ReadModelDb;
  lease?: SchedulerLease;
  clock?: Clock;
  /** Rows read per query (the round loops until nothing is due). */
  batchSize?: number;
  log?: (message: string) => void;
  /** Called after a deadline's command returned and before its row is marked (a crash-test seam). */
  onSent?: (deadline: DueDeadline) => void | Promise<void>;
  /** Routes facts of one contract to others (LinkedReviewRequested, a master's termination) first in each round. */
  router?: CoordinationRouter;
  /** Runs last in each round, as leader (the notification webhook delivery). */
  afterRound?: (now: string) => Promise<void>;
}

interface Row {
  deadline_id: string;
  contract_id: string;
  kind: string;
  ref: string | null;
  deadline: string;
  run_at: string;
  command: string;
}

/** A stable hash of the command a deadline sends: the idempotency record's request hash. */
export function commandHash(contractId: string, command: { type: string; now: string }): string {
  return createHash('sha256').update(JSON.stringify([contractId, command.type, command.now])).digest('hex');
}

const MAX_ROUNDS = 10_000;

/**
 * The process manager of deadlines: reads the due rows of the deadlines read model and sends each
 * one's time command through the normal command handlers, with the deadline id as idempotency key, so
 * a crash between sending and marking the row never fires a deadline twice (the repeat is answered
 * from the idempotency record and writes nothing).
 *
 * The command carries `now = runAt`, the deadline instant, not the clock's time: the domain dates the
 * fact at the deadline whatever the tick time, and a command that is a pure function of the deadline
 * hashes the same on every retry (a retry after a crash, hours later, is still recognised as the same
 * request). A scheduler that was down catches up deadline by deadline, each at its own instant, and a
 * tick that creates a new due deadline (level 2 → 3 when far behind) is picked up in the same round.
 */
export class DeadlineScheduler {
  private readonly lease: SchedulerLease;
  readonly clock: Clock;
  private readonly batchSize: number;
  private running: Promise<SchedulerRound> | null = null;

  constructor(private readonly options: SchedulerOptions) {
    this.lease = options.lease ?? soleLease;
    this.clock = options.clock ?? systemClock;
    this.batchSize = options.batchSize ?? 100;
  }

  /** One round as of `now` (default: the clock). Rounds never overlap: a call during one waits for it. */
  async runDue(now: Date = this.clock()): Promise<SchedulerRound> {
    while (this.running) await this.running.catch(() => undefined);
    const round = this.round(now.toISOString());
    this.running = round;
    try {
      return await round;
    } finally {
      this.running = null;
    }
  }

  async stop(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
    await this.lease.release();
  }

  private async round(now: string): Promise<SchedulerRound> {
    if (!(await this.lease.acquire())) return { now, leader: false, routed: [], fired: [] };
    const routed = this.options.router ? await this.options.router.route() : [];
    const fired: FiredDeadline[] = [];
    for (let i = 0; i < MAX_ROUNDS; i++) {
      const rows = await this.options.db.query<Row>(
        "SELECT deadline_id, contract_id, kind, ref, deadline, run_at, command FROM {rm_deadlines} WHERE status = 'pending' AND run_at <= ? ORDER BY run_at, deadline_id LIMIT ?",
        [now, this.batchSize],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const master = await this.masterDueFirst(row);
        const result = await this.fire(master ?? row);
        fired.push(result);
        // Events may list a new, earlier deadline (level 2 → level 3), and a master's deadline went
        // before the row: read again, so facts stay in order.
        if (master || result.events.length > 0) break;
      }
    }
    // A deadline's events may themselves be routed (none today); routing again keeps the round complete.
    if (this.options.router && fired.length > 0) routed.push(...(await this.options.router.route()));
    await this.options.afterRound?.(now);
    return { now, leader: true, routed, fired };
  }

  /**
   * A pending deadline of the row's master due no later than the row, to fire first. An addendum's
   * rules read its master (it renews at most to the master's expiry, activates once the master is
   * active), so at one instant the master acts first; ordered by id alone, a coterminous auto-renewing
   * addendum whose id sorts first was judged against the master's old expiry and expired ("master
   * ends") while the master renewed at the same instant.
   */
  private async masterDueFirst(row: Row): Promise<Row | undefined> {
    const [contract] = await this.options.db.query<{ state: string }>('SELECT state FROM {rm_deadline_contracts} WHERE contract_id = ?', [row.contract_id]);
    const masterId = contract ? (JSON.parse(contract.state) as { masterContractId?: string | null }).masterContractId : null;
    if (!masterId) return undefined;
    const [due] = await this.options.db.query<Row>(
      "SELECT deadline_id, contract_id, kind, ref, deadline, run_at, command FROM {rm_deadlines} WHERE contract_id = ? AND status = 'pending' AND run_at <= ? ORDER BY run_at, deadline_id LIMIT 1",
      [masterId, row.run_at],
    );
    return due;
  }

  private async fire(row: Row): Promise<FiredDeadline> {
    const due: DueDeadline = { deadlineId: row.deadline_id, contractId: row.contract_id, kind: row.kind, ref: row.ref, deadline: row.deadline, runAt: row.run_at, command: row.command as ContractTickCommandType };
    const command = tickCommand(due.command, due.runAt, SCHEDULER_ACTOR);
    const streamId = contractStream(due.contractId);
    const before = await this.options.store.streamVersion(streamId);
    let result: FiredDeadline;
    try {
      const outcome = await this.options.gateway.contract(due.contractId, command, {
        actorId: SCHEDULER_ACTOR,
        correlationId: `deadline:${due.deadlineId}`,
        idempotency: { key: `deadline:${due.deadlineId}`, requestHash: commandHash(due.contractId, command as { type: string; now: string }) },
      });
      const events = outcome.replayed || outcome.body.version <= before ? [] : await this.eventsBetween(streamId, before + 1, outcome.body.version);
      const nothing = !outcome.replayed && events.length === 0;
      result = { ...due, outcome: nothing ? 'void' : 'fired', replayed: outcome.replayed, events, ...(nothing ? { reason: 'nothing-due' } : {}) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      result = { ...due, outcome: 'void', replayed: false, events: [], reason: error.code };
    }
    await this.options.onSent?.(due);
    await this.mark(row, result.outcome);
    this.options.log?.(`${result.outcome} ${due.deadlineId}: ${due.command} at ${due.runAt}${result.replayed ? ' (repeat)' : ''}${result.events.length ? ` → ${result.events.map((e) => e.type).join(', ')}` : ''}`);
    return result;
  }

  private async eventsBetween(streamId: string, fromVersion: number, toVersion: number): Promise<FiredDeadline['events']> {
    const out: FiredDeadline['events'] = [];
    for await (const e of this.options.store.readStream(streamId, { fromVersion, toVersion })) out.push({ version: e.version, type: e.type, occurredAt: e.metadata.occurredAt });
    return out;
  }

  /**
   * Records the outcome on the row. The command's own events may already have removed the pending row
   * (the inline projection drops a deadline the contract no longer has), so it is written back then.
   */
  private async mark(row: Row, status: 'fired' | 'void'): Promise<void> {
    await this.options.db.transact(() =>
      sqlOps.run(
        `INSERT INTO {rm_deadlines} (deadline_id, contract_id, kind, ref, deadline, run_at, command, source_position, status, last_position)
       VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT MAX(last_position) FROM {rm_deadline_contracts} WHERE contract_id = ?), 0), ?, 0)
       ON CONFLICT (deadline_id) DO UPDATE SET status = excluded.status`,
        [row.deadline_id, row.contract_id, row.kind, row.ref, row.deadline, row.run_at, row.command, row.contract_id, status],
      ),
    );
  }
}
