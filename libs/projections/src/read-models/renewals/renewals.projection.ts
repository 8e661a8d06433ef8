import {
  applyDiff,
  ContractActivated,
  ContractAmended,
  ContractDrafted,
  ContractRenewed,
  ContractTerms,
  declineDeadline,
  DraftRevised,
  Json,
  pointerSegments,
  renewalDates,
} from '@covenant/domain';
import type { ProjectedEvent, Projection, SqlOp } from '../../framework/projection';
import type { SqlOps } from '../../framework/sql-ops';
import type { ReadModelTable } from '../../framework/table';
import { canonicalInstant } from '../contract-state/contract-view';
import { stableJson } from '../contract-state/stable-json';

/** The renewal phases committees see: the domain's, plus `renewed` (a new term, its window not yet open) and `ended`. */
export const RENEWAL_PHASES = ['pending', 'window-open', 'decision-due', 'renewed', 'declined', 'ended'] as const;
export type RenewalPhaseView = (typeof RENEWAL_PHASES)[number];

export const RENEWALS_TABLE: ReadModelTable = {
  name: 'rm_renewals',
  columns: [
    { name: 'contract_id', kind: 'text' },
    { name: 'partnership_id', kind: 'text' },
    { name: 'title', kind: 'text' },
    /** The part of the terms renewal depends on, kept with every revision and amendment (this projection's own copy). */
    { name: 'terms', kind: 'json' },
    /** Null until the contract is activated: a draft has no renewal cycle yet. */
    { name: 'phase', kind: 'text', nullable: true },
    { name: 'expires_at', kind: 'text' },
    { name: 'window_opens_at', kind: 'text' },
    { name: 'decision_due_at', kind: 'text' },
    { name: 'decline_by', kind: 'text' },
    { name: 'cycle_since', kind: 'text', nullable: true },
    { name: 'auto_renew', kind: 'boolean' },
    { name: 'renewal_term_days', kind: 'integer' },
    { name: 'renewals', kind: 'integer' },
    { name: 'version', kind: 'integer' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['contract_id'],
  indexes: [{ columns: ['decision_due_at'] }, { columns: ['partnership_id'] }],
};

/** What renewal reads of the terms: the expiry, auto-renewal, the term and notice, the window rules, the title. */
type RenewalTerms = Pick<ContractTerms, 'title' | 'expiresAt' | 'autoRenew' | 'renewalTermDays' | 'noticePeriodDays' | 'renewal'>;
const RENEWAL_KEYS = new Set(['title', 'expiresAt', 'autoRenew', 'renewalTermDays', 'noticePeriodDays', 'renewal']);

const subset = (t: ContractTerms): RenewalTerms => ({
  title: t.title,
  expiresAt: t.expiresAt,
  autoRenew: t.autoRenew,
  renewalTermDays: t.renewalTermDays,
  noticePeriodDays: t.noticePeriodDays,
  renewal: t.renewal,
});

/** A terms diff applied to the renewal subset: only the changes under its keys matter. */
const patched = (t: RenewalTerms, diff: DraftRevised['data']['diff']): RenewalTerms =>
  applyDiff(t as unknown as Json, diff.filter((c) => RENEWAL_KEYS.has(pointerSegments(c.path)[0]))) as unknown as RenewalTerms;

interface Row {
  terms: string;
  phase: RenewalPhaseView | null;
  last_position: number;
}

type Gen = Generator<SqlOp, void, unknown>;

/** Every column derived from the terms and the expiry in force, with the domain's own renewal rules. */
function derived(t: RenewalTerms, expiresAt: string): unknown[] {
  const terms = t as ContractTerms;
  const { opensAt, decisionDueAt } = renewalDates(terms, expiresAt);
  return [t.title, stableJson(t), canonicalInstant(expiresAt), canonicalInstant(opensAt), canonicalInstant(decisionDueAt), canonicalInstant(declineDeadline({ ...terms, expiresAt })), t.autoRenew, t.renewalTermDays];
}
const DERIVED = 'title = ?, terms = ?, expires_at = ?, window_opens_at = ?, decision_due_at = ?, decline_by = ?, auto_renew = ?, renewal_term_days = ?';
const GUARD = 'version = ?, last_position = ? WHERE contract_id = ? AND last_position < ?';

function* update(sql: SqlOps, e: ProjectedEvent, contractId: string, sets: string, params: readonly unknown[]): Gen {
  yield* sql.run(`UPDATE {rm_renewals} SET ${sets}, ${GUARD}`, [...params, e.version, e.position, contractId, e.position]);
}

function* drafted(sql: SqlOps, e: ProjectedEvent<ContractDrafted['data']>): Gen {
  const t = subset(e.data.terms);
  yield* sql.run(
    `INSERT INTO {rm_renewals} (contract_id, partnership_id, title, terms, expires_at, window_opens_at, decision_due_at, decline_by, auto_renew,
      renewal_term_days, phase, cycle_since, renewals, version, last_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, ?, ?)
     ON CONFLICT (contract_id) DO NOTHING`,
    [e.data.contractId, e.data.partnershipId, ...derived(t, t.expiresAt), e.version, e.position],
  );
}

/**
 * New terms (revision, amendment, renewal): read this projection's copy, apply, write every derived
 * column. `cycle` moves the expiry in force and the phase when the change starts a new renewal cycle.
 */
function* retermed(sql: SqlOps, e: ProjectedEvent, contractId: string, next: (t: RenewalTerms, row: Row) => { terms: RenewalTerms; cycle?: { phase: RenewalPhaseView; since: string; renewals?: number } }): Gen {
  const row = yield* sql.get<Row>('SELECT terms, phase, last_position FROM {rm_renewals} WHERE contract_id = ?', [contractId]);
  if (!row || row.last_position >= e.position) return;
  const { terms, cycle } = next(JSON.parse(row.terms) as RenewalTerms, row);
  if (!cycle) return yield* update(sql, e, contractId, DERIVED, derived(terms, terms.expiresAt));
  const renewals = cycle.renewals === undefined ? [] : [cycle.renewals];
  yield* update(sql, e, contractId, `${DERIVED}, phase = ?, cycle_since = ?${cycle.renewals === undefined ? '' : ', renewals = ?'}`, [
    ...derived(terms, terms.expiresAt),
    cycle.phase,
    canonicalInstant(cycle.since),
    ...renewals,
  ]);
}

/** A phase the domain moves to, unless the renewal was declined (the notice stands) or the contract ended. */
const PHASE = "phase = CASE WHEN phase IN ('declined', 'ended') THEN phase ELSE ? END";

/**
 * Renewals for committees: the expiry in force, when the renewal discussion opens and when the
 * decision is due (the domain's renewalDates of the terms in force, so an amendment moving the expiry
 * moves both), the last day to decline, the phase, the renewals so far. "Due within N days" and
 * "overdue" are asked at query time against `now`.
 */
export const renewalsProjection: Projection = {
  name: 'renewals',
  version: 1,
  handles: [
    'ContractDrafted',
    'DraftRevised',
    'ContractActivated',
    'ContractAmended',
    'RenewalWindowOpened',
    'RenewalDecisionDue',
    'RenewalDeclined',
    'ContractRenewed',
    'ContractExpired',
    'ContractTerminated',
  ],
  tables: [RENEWALS_TABLE],
  *apply(event, sql) {
    const contractId = (event.data as { contractId: string }).contractId;
    switch (event.type) {
      case 'ContractDrafted':
        return yield* drafted(sql, event as ProjectedEvent<ContractDrafted['data']>);
      case 'DraftRevised':
        return yield* retermed(sql, event, contractId, (t) => ({ terms: patched(t, (event.data as DraftRevised['data']).diff) }));
      case 'ContractActivated': {
        const d = event.data as ContractActivated['data'];
        return yield* update(sql, event, contractId, "phase = 'pending', cycle_since = ?, expires_at = ?", [canonicalInstant(event.occurredAt), canonicalInstant(d.expiresAt)]);
      }
      case 'ContractAmended': {
        const d = event.data as ContractAmended['data'];
        return yield* retermed(sql, event, contractId, (before, row) => {
          const terms = patched(before, d.diff);
          // As the domain has it: a moved expiry starts a new cycle for the new date; a declined renewal stays declined.
          const moved = row.phase !== null && row.phase !== 'ended' && terms.expiresAt !== before.expiresAt;
          return moved ? { terms, cycle: { phase: row.phase === 'declined' ? 'declined' : 'pending', since: d.effectiveAt } } : { terms };
        });
      }
      case 'RenewalWindowOpened':
        return yield* update(sql, event, contractId, PHASE, ['window-open']);
      case 'RenewalDecisionDue':
        return yield* update(sql, event, contractId, PHASE, ['decision-due']);
      case 'RenewalDeclined':
        return yield* update(sql, event, contractId, PHASE, ['declined']);
      case 'ContractRenewed': {
        const d = event.data as ContractRenewed['data'];
        return yield* retermed(sql, event, contractId, (t) => ({ terms: { ...t, expiresAt: d.newExpiresAt }, cycle: { phase: 'renewed', since: event.occurredAt, renewals: d.renewalNumber } }));
      }
      case 'ContractExpired':
      case 'ContractTerminated':
        return yield* update(sql, event, contractId, "phase = 'ended'", []);
      default:
        return;
    }
  },
};
