import { CONTRACT_EVENT_TYPES, ContractDeadline, contractDeadlines, contractDecider, ContractEvent, ContractState } from '@covenant/domain';
import type { ProjectedEvent, Projection, SqlOp } from '../../framework/projection';
import type { SqlOps } from '../../framework/sql-ops';
import type { ReadModelTable } from '../../framework/table';
import { canonicalInstant } from '../contract-state/contract-view';
import { applyContractNotifications, applyMemberEvent, NOTIFICATION_MEMBERS_TABLE, NOTIFICATIONS_TABLE } from './notifications.projection';

export const DEADLINE_STATUSES = ['pending', 'fired', 'void'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/**
 * What is due when: one row per deadline a contract has had, pending until the scheduler fires it
 * (`fired`) or finds it has nothing to do (`void`). A pending deadline the contract no longer has (the
 * escalation was resolved, an amendment moved the expiry) is deleted; fired and void rows stay as the
 * scheduler's record.
 */
export const DEADLINES_TABLE: ReadModelTable = {
  name: 'rm_deadlines',
  columns: [
    /** `<contractId>:<kind>:<ref or ''>:<deadline instant>`: stable, so it is the scheduler's idempotency key. */
    { name: 'deadline_id', kind: 'text' },
    { name: 'contract_id', kind: 'text' },
    { name: 'kind', kind: 'text' },
    { name: 'ref', kind: 'text', nullable: true },
    { name: 'deadline', kind: 'text' },
    { name: 'run_at', kind: 'text' },
    { name: 'command', kind: 'text' },
    /** The global position of the event after which this deadline was first listed. */
    { name: 'source_position', kind: 'bigint' },
    { name: 'status', kind: 'text' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['deadline_id'],
  indexes: [{ columns: ['status', 'run_at'] }, { columns: ['contract_id'] }],
};

/**
 * This projection's own copy of each contract's domain state, folded with the domain's evolve, from
 * which the pending deadlines are recomputed. SLA events are not folded: `evolveSla` changes only
 * `state.sla`, which neither `contractDeadlines` nor any other evolve reads, so the copy keeps an empty
 * ledger and stays small (a deadlines.int-spec test compares with a full replay). The collections that
 * grow with a contract's life (its terms history above all) are kept apart, in
 * `rm_deadline_contract_parts`, and written only by the events that change them.
 */
export const DEADLINE_CONTRACTS_TABLE: ReadModelTable = {
  name: 'rm_deadline_contracts',
  columns: [
    { name: 'contract_id', kind: 'text' },
    /** The state without its parts. */
    { name: 'state', kind: 'json' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['contract_id'],
};

/** A part of a contract's state (one of STATE_PARTS), as of its row's `last_position` in rm_deadline_contracts. */
export const DEADLINE_CONTRACT_PARTS_TABLE: ReadModelTable = {
  name: 'rm_deadline_contract_parts',
  columns: [
    { name: 'contract_id', kind: 'text' },
    { name: 'part', kind: 'text' },
    { name: 'value', kind: 'json' },
  ],
  primaryKey: ['contract_id', 'part'],
};

/**
 * Kept apart from the rest of the state. Evolve replaces one of them only when an event changes it and
 * otherwise passes the same object on, so "changed" is "not the same object as before". On the
 * benchmark's 1M-event history a contract's state is about 22 KB: its terms history 15 KB, changes
 * 4 KB, the terms in force 1.5 KB, escalations 1 KB; the rest, written by every event, about 400 bytes.
 * Only a revision, an amendment or a renewal changes the terms and their history.
 */
const STATE_PARTS = ['terms', 'termsHistory', 'changes', 'escalations', 'disputes'] as const;
type StatePart = (typeof STATE_PARTS)[number];

const SLA_EVENTS = new Set(['SlaMeasurementRecorded', 'SlaBreached', 'ServiceCreditAccrued', 'ServiceCreditWaived']);
const EMPTY_LEDGER = { breaches: {}, accrued: {} };

export function deadlineId(contractId: string, d: Pick<ContractDeadline, 'kind' | 'ref' | 'deadline'>): string {
  return `${contractId}:${d.kind}:${d.ref ?? ''}:${canonicalInstant(d.deadline)}`;
}

type Gen = Generator<SqlOp, void, unknown>;

/**
 * Parsed states by contract, valid while the stored row is at the same position: the fold is
 * deterministic, so a row at position p holds this state whoever wrote it. Saves a JSON.parse of the
 * whole state per event; bounded, and never trusted without the position check.
 */
const parsed = new Map<string, { position: number; state: ContractState }>();
const PARSED_MAX = 2_000;

/** Forgets every remembered state: the next event of each contract reads its state back from the tables. */
export function forgetRememberedStates(): void {
  parsed.clear();
}

function remember(contractId: string, position: number, state: ContractState): void {
  if (parsed.size >= PARSED_MAX && !parsed.has(contractId)) parsed.delete(parsed.keys().next().value as string);
  parsed.set(contractId, { position, state });
}

/** The state without its parts, as stored in rm_deadline_contracts. */
function coreOf(state: ContractState): Record<string, unknown> {
  if (state.status === 'none') return state;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { terms, termsHistory, changes, escalations, disputes, ...core } = state;
  return core;
}

function* readState(sql: SqlOps, contractId: string, core: string): Generator<SqlOp, ContractState, unknown> {
  const state = JSON.parse(core) as Record<string, unknown>;
  const parts = yield* sql.all<{ part: StatePart; value: string }>('SELECT part, value FROM {rm_deadline_contract_parts} WHERE contract_id = ?', [contractId]);
  for (const { part, value } of parts) state[part] = JSON.parse(value);
  return state as unknown as ContractState;
}

function* writeState(sql: SqlOps, contractId: string, before: ContractState, state: ContractState, position: number, exists: boolean): Gen {
  const core = JSON.stringify(coreOf(state));
  if (exists) yield* sql.run('UPDATE {rm_deadline_contracts} SET state = ?, last_position = ? WHERE contract_id = ?', [core, position, contractId]);
  else yield* sql.run('INSERT INTO {rm_deadline_contracts} (contract_id, state, last_position) VALUES (?, ?, ?) ON CONFLICT (contract_id) DO NOTHING', [contractId, core, position]);
  if (state.status === 'none') return;
  for (const part of STATE_PARTS) {
    if (before.status !== 'none' && before[part] === state[part]) continue;
    yield* sql.run(
      'INSERT INTO {rm_deadline_contract_parts} (contract_id, part, value) VALUES (?, ?, ?) ON CONFLICT (contract_id, part) DO UPDATE SET value = excluded.value',
      [contractId, part, JSON.stringify(state[part])],
    );
  }
}

function* applyContractEvent(sql: SqlOps, e: ProjectedEvent): Gen {
  const contractId = (e.data as { contractId: string }).contractId;
  // The stored state comes back only when the copy remembered here is not at the row's position: one
  // read either way (and then one of its parts).
  const remembered = parsed.get(contractId);
  const row = yield* sql.get<{ state: string | null; last_position: number | string }>(
    'SELECT CASE WHEN last_position = ? THEN NULL ELSE state END AS state, last_position FROM {rm_deadline_contracts} WHERE contract_id = ?',
    [remembered?.position ?? -1, contractId],
  );
  if (row && Number(row.last_position) >= e.position) return;
  const before: ContractState = !row
    ? contractDecider.initialState
    : row.state === null
      ? (remembered as { state: ContractState }).state
      : yield* readState(sql, contractId, row.state);
  const event = { type: e.type, schemaVersion: e.envelope.schemaVersion, data: e.data, occurredAt: e.occurredAt } as unknown as ContractEvent;
  const evolved = contractDecider.evolve(before, event);
  const state: ContractState = evolved.status === 'none' ? evolved : { ...evolved, sla: EMPTY_LEDGER };
  yield* writeState(sql, contractId, before, state, e.position, row !== undefined);
  remember(contractId, e.position, state);

  const wanted = contractDeadlines(state).map((d) => ({ id: deadlineId(contractId, d), d }));
  const keep = new Set(wanted.map((w) => w.id));
  const pending = yield* sql.all<{ deadline_id: string }>("SELECT deadline_id FROM {rm_deadlines} WHERE contract_id = ? AND status = 'pending'", [contractId]);
  for (const p of pending) if (!keep.has(p.deadline_id)) yield* sql.run("DELETE FROM {rm_deadlines} WHERE deadline_id = ? AND status = 'pending'", [p.deadline_id]);
  const listed = new Set(pending.map((p) => p.deadline_id));
  for (const { id, d } of wanted) {
    if (listed.has(id)) continue; // already pending: most events leave the contract's deadlines as they were
    yield* sql.run(
      `INSERT INTO {rm_deadlines} (deadline_id, contract_id, kind, ref, deadline, run_at, command, source_position, status, last_position)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (deadline_id) DO NOTHING`,
      [id, contractId, d.kind, d.ref, canonicalInstant(d.deadline), canonicalInstant(d.runAt), d.command, e.position, e.position],
    );
  }
  yield* applyContractNotifications(sql, e, contractId, state);
}

const MEMBER_EVENTS = ['GovernanceMemberAppointed', 'GovernanceMemberRemoved'] as const;

/**
 * The deadlines the scheduler acts on: every contract's upcoming deadlines as the domain's
 * `contractDeadlines` lists them from the contract's state after each of its events, so an amendment
 * that moves the expiry moves the pending renewal deadlines. The scheduler marks rows fired or void
 * (`markDeadline`); a rebuild lists them again as pending and the scheduler's idempotency keys keep a
 * second firing from writing anything.
 *
 * From the same folded state it keeps the notification outbox (`rm_notifications`, version 2): who must
 * act by when (the domain's `actionsDue`), one row per seated member of the tier concerned, from the
 * governance seats it follows in the partnership streams (`rm_notification_members`).
 */
export const deadlinesProjection: Projection = {
  name: 'deadlines',
  version: 4,
  handles: [...MEMBER_EVENTS, ...CONTRACT_EVENT_TYPES.filter((t) => !SLA_EVENTS.has(t))],
  tables: [DEADLINES_TABLE, DEADLINE_CONTRACTS_TABLE, DEADLINE_CONTRACT_PARTS_TABLE, NOTIFICATIONS_TABLE, NOTIFICATION_MEMBERS_TABLE],
  *apply(event, sql) {
    if ((MEMBER_EVENTS as readonly string[]).includes(event.type)) yield* applyMemberEvent(sql, event);
    else yield* applyContractEvent(sql, event);
  },
};
