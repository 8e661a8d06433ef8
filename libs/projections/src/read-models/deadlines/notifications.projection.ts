import { ActionDue, actionsDue, ContractState, GovernanceMemberAppointed, GovernanceMemberRemoved } from '@covenant/domain';
import type { ProjectedEvent, SqlOp } from '../../framework/projection';
import type { SqlOps } from '../../framework/sql-ops';
import type { ReadModelTable } from '../../framework/table';
import { canonicalInstant } from '../contract-state/contract-view';

export const NOTIFICATION_STATUSES = ['pending', 'done'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * The notification outbox: who must act by when, one row per action and person. Pending while the
 * action is open (the escalation at that level unresolved, the review still running, the exit step not
 * done, ...), then done. Rows are never deleted: the webhook delivery follows them by `source_position`.
 */
export const NOTIFICATIONS_TABLE: ReadModelTable = {
  name: 'rm_notifications',
  columns: [
    /** `<actionId>:<personId>`. */
    { name: 'notification_id', kind: 'text' },
    /** `<contractId>:<kind>:<ref or ''>:<deadline>`: the action, shared by the people notified of it. */
    { name: 'action_id', kind: 'text' },
    { name: 'partnership_id', kind: 'text' },
    { name: 'contract_id', kind: 'text' },
    { name: 'kind', kind: 'text' },
    { name: 'ref', kind: 'text', nullable: true },
    { name: 'tier', kind: 'text' },
    { name: 'party_id', kind: 'text' },
    { name: 'person_id', kind: 'text' },
    { name: 'deadline', kind: 'text' },
    /** The API path of the resource to act on. */
    { name: 'link', kind: 'text' },
    /** The event after which the action was open (its id and global position). */
    { name: 'source_event_id', kind: 'text' },
    { name: 'source_position', kind: 'bigint' },
    { name: 'status', kind: 'text' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['notification_id'],
  indexes: [{ columns: ['person_id', 'deadline'] }, { columns: ['partnership_id', 'deadline'] }, { columns: ['contract_id', 'status'] }, { columns: ['source_position'] }],
};

/** Governance seats by partnership, from the partnership's own events: who sits on which tier now. */
export const NOTIFICATION_MEMBERS_TABLE: ReadModelTable = {
  name: 'rm_notification_members',
  columns: [
    { name: 'partnership_id', kind: 'text' },
    { name: 'person_id', kind: 'text' },
    { name: 'tier', kind: 'text' },
    { name: 'party_id', kind: 'text' },
    { name: 'seated', kind: 'boolean' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['partnership_id', 'person_id', 'tier'],
};

type Gen = Generator<SqlOp, void, unknown>;

export function actionId(contractId: string, a: Pick<ActionDue, 'kind' | 'ref' | 'deadline'>): string {
  return `${contractId}:${a.kind}:${a.ref ?? ''}:${canonicalInstant(a.deadline)}`;
}

/** Where the person acts: the API path of the escalation, change, dispute or contract. */
export function linkOf(contractId: string, a: Pick<ActionDue, 'kind' | 'ref'>): string {
  const id = encodeURIComponent(a.ref ?? '');
  switch (a.kind) {
    case 'escalation-response':
      return `/escalations/${id}`;
    case 'collaborative-review':
      return `/changes/${id}`;
    case 'mediation-scheduling':
      return `/disputes/${id}`;
    case 'renewal-decision':
    case 'exit-step':
      return `/contracts/${encodeURIComponent(contractId)}`;
    default: {
      const _exhaustive: never = a.kind;
      return _exhaustive;
    }
  }
}

export function* applyMemberEvent(sql: SqlOps, e: ProjectedEvent): Gen {
  if (e.type === 'GovernanceMemberAppointed') {
    const d = e.data as unknown as GovernanceMemberAppointed['data'];
    yield* sql.run(
      `INSERT INTO {rm_notification_members} (partnership_id, person_id, tier, party_id, seated, last_position) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (partnership_id, person_id, tier) DO UPDATE SET party_id = excluded.party_id, seated = excluded.seated, last_position = excluded.last_position
       WHERE {rm_notification_members}.last_position < excluded.last_position`,
      [d.partnershipId, d.personId, d.tier, d.partyId, true, e.position],
    );
  } else if (e.type === 'GovernanceMemberRemoved') {
    const d = e.data as unknown as GovernanceMemberRemoved['data'];
    yield* sql.run('UPDATE {rm_notification_members} SET seated = ?, last_position = ? WHERE partnership_id = ? AND person_id = ? AND tier = ? AND last_position < ?', [
      false,
      e.position,
      d.partnershipId,
      d.personId,
      d.tier,
      e.position,
    ]);
  }
}

/**
 * After a contract event: the actions the contract now asks for (the domain's `actionsDue`) are
 * compared with its pending notifications. A new action notifies each member seated on its tier at
 * that moment (of the owning party only, for an exit step); an action no longer asked for is done.
 */
export function* applyContractNotifications(sql: SqlOps, e: ProjectedEvent, contractId: string, state: ContractState): Gen {
  const wanted = state.status === 'none' ? [] : actionsDue(state).map((a) => ({ id: actionId(contractId, a), a }));
  const pending = yield* sql.all<{ action_id: string }>("SELECT DISTINCT action_id FROM {rm_notifications} WHERE contract_id = ? AND status = 'pending'", [contractId]);
  if (wanted.length === 0 && pending.length === 0) return;
  const keep = new Set(wanted.map((w) => w.id));
  for (const p of pending) {
    // contract_id first: the (contract_id, status) index finds the action's few rows; action_id alone has no index.
    if (!keep.has(p.action_id)) {
      yield* sql.run("UPDATE {rm_notifications} SET status = 'done', last_position = ? WHERE contract_id = ? AND status = 'pending' AND action_id = ?", [e.position, contractId, p.action_id]);
    }
  }
  if (state.status === 'none') return;
  const open = new Set(pending.map((p) => p.action_id));
  for (const { id, a } of wanted) {
    if (open.has(id)) continue;
    const members = yield* sql.all<{ person_id: string; party_id: string }>(
      `SELECT person_id, party_id FROM {rm_notification_members} WHERE partnership_id = ? AND tier = ? AND seated = ?${a.partyId === null ? '' : ' AND party_id = ?'} ORDER BY person_id`,
      a.partyId === null ? [state.partnershipId, a.tier, true] : [state.partnershipId, a.tier, true, a.partyId],
    );
    for (const m of members) {
      yield* sql.run(
        `INSERT INTO {rm_notifications} (notification_id, action_id, partnership_id, contract_id, kind, ref, tier, party_id, person_id, deadline, link, source_event_id, source_position, status, last_position)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (notification_id) DO NOTHING`,
        [`${id}:${m.person_id}`, id, state.partnershipId, contractId, a.kind, a.ref, a.tier, m.party_id, m.person_id, canonicalInstant(a.deadline), linkOf(contractId, a), e.id, e.position, e.position],
      );
    }
  }
}
