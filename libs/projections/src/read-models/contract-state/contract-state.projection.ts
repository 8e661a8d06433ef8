import {
  applyDiff,
  CONTRACT_EVENT_TYPES,
  ContractActivated,
  ContractAmended,
  ContractDrafted,
  ContractExpired,
  ContractRenewed,
  ContractSigned,
  ContractTerminated,
  ContractTerms,
  DraftRevised,
  Json,
} from '@covenant/domain';
import type { ProjectedEvent, Projection, SqlOp } from '../../framework/projection';
import type { SqlOps } from '../../framework/sql-ops';
import type { ReadModelTable } from '../../framework/table';
import { canonicalInstant, SignatureView } from './contract-view';
import { stableJson } from './stable-json';

export const CONTRACTS_TABLE: ReadModelTable = {
  name: 'rm_contracts',
  columns: [
    { name: 'contract_id', kind: 'text' },
    { name: 'partnership_id', kind: 'text' },
    { name: 'kind', kind: 'text' },
    { name: 'master_contract_id', kind: 'text', nullable: true },
    { name: 'title', kind: 'text' },
    { name: 'status', kind: 'text' },
    { name: 'parties', kind: 'json' },
    { name: 'terms', kind: 'json' },
    { name: 'terms_version', kind: 'integer' },
    { name: 'slas', kind: 'json' },
    { name: 'effective_from', kind: 'text' },
    { name: 'expires_at', kind: 'text' },
    { name: 'activated_at', kind: 'text', nullable: true },
    { name: 'ended_at', kind: 'text', nullable: true },
    { name: 'value_amount', kind: 'text' },
    { name: 'value_currency', kind: 'text' },
    { name: 'auto_renew', kind: 'boolean' },
    { name: 'signatures', kind: 'json' },
    { name: 'amendments', kind: 'integer' },
    { name: 'open_escalations', kind: 'integer' },
    { name: 'drafted_at', kind: 'text' },
    { name: 'version', kind: 'integer' },
    { name: 'last_position', kind: 'bigint' },
    { name: 'updated_at', kind: 'text' },
  ],
  primaryKey: ['contract_id'],
  indexes: [{ columns: ['partnership_id'] }, { columns: ['status'] }, { columns: ['expires_at'] }],
};

/** Who is party to which contract, for the party filter (kept equal to the parties of the latest terms). */
export const CONTRACT_PARTIES_TABLE: ReadModelTable = {
  name: 'rm_contract_parties',
  columns: [
    { name: 'contract_id', kind: 'text' },
    { name: 'party_id', kind: 'text' },
  ],
  primaryKey: ['contract_id', 'party_id'],
  indexes: [{ columns: ['party_id'] }],
};

interface TermsRow {
  terms: string;
  parties: string;
  terms_version: number;
  last_position: number;
}

interface SignaturesRow {
  signatures: string;
  parties: string;
  last_position: number;
}

type Gen = Generator<SqlOp, void, unknown>;

/** Version, position and time of the event, applied once: the row must be behind the event. */
const TOUCH = 'version = ?, last_position = ?, updated_at = ? WHERE contract_id = ? AND last_position < ?';

function* update(sql: SqlOps, e: ProjectedEvent, contractId: string, sets: string, params: readonly unknown[]): Gen {
  yield* sql.run(`UPDATE {rm_contracts} SET ${sets}${sets ? ', ' : ''}${TOUCH}`, [...params, e.version, e.position, e.recordedAt, contractId, e.position]);
}

function* insertParties(sql: SqlOps, contractId: string, terms: ContractTerms): Gen {
  if (terms.parties.length === 0) return;
  const values = terms.parties.map(() => '(?, ?)').join(', ');
  yield* sql.run(
    `INSERT INTO {rm_contract_parties} (contract_id, party_id) VALUES ${values} ON CONFLICT (contract_id, party_id) DO NOTHING`,
    terms.parties.flatMap((p) => [contractId, p.partyId]),
  );
}

function* drafted(sql: SqlOps, e: ProjectedEvent<ContractDrafted['data']>): Gen {
  const { contractId, partnershipId, terms } = e.data;
  // Inserted once: re-applying the draft must not bring back a party a later amendment removed.
  if (yield* sql.get<{ last_position: number }>('SELECT last_position FROM {rm_contracts} WHERE contract_id = ?', [contractId])) return;
  yield* sql.run(
    `INSERT INTO {rm_contracts} (contract_id, partnership_id, kind, master_contract_id, title, status, parties, terms, terms_version, slas,
      effective_from, expires_at, activated_at, ended_at, value_amount, value_currency, auto_renew, signatures, amendments, open_escalations,
      drafted_at, version, last_position, updated_at)
     VALUES (?, ?, 'master', NULL, ?, 'draft', ?, ?, 1, ?, ?, ?, NULL, NULL, ?, ?, ?, '[]', 0, 0, ?, ?, ?, ?) ON CONFLICT (contract_id) DO NOTHING`,
    [
      contractId,
      partnershipId,
      terms.title,
      stableJson(terms.parties),
      stableJson(terms),
      stableJson(terms.slas),
      canonicalInstant(terms.effectiveFrom),
      canonicalInstant(terms.expiresAt),
      terms.value.amount,
      terms.value.currency,
      terms.autoRenew,
      canonicalInstant(e.occurredAt),
      e.version,
      e.position,
      e.recordedAt,
    ],
  );
  yield* insertParties(sql, contractId, terms);
}

/** A new version of the terms (revised draft, amendment, renewal): every column derived from them. */
function* newTerms(sql: SqlOps, e: ProjectedEvent, contractId: string, next: (terms: ContractTerms, row: TermsRow) => { terms: ContractTerms; version: number; amendments?: number }): Gen {
  const row = yield* sql.get<TermsRow>('SELECT terms, parties, terms_version, last_position FROM {rm_contracts} WHERE contract_id = ?', [contractId]);
  if (!row || row.last_position >= e.position) return;
  const { terms, version, amendments } = next(JSON.parse(row.terms) as ContractTerms, row);
  const parties = stableJson(terms.parties);
  yield* update(
    sql,
    e,
    contractId,
    `title = ?, parties = ?, terms = ?, terms_version = ?, slas = ?, effective_from = ?, expires_at = ?, value_amount = ?, value_currency = ?, auto_renew = ?${amendments === undefined ? '' : ', amendments = ?'}`,
    [
      terms.title,
      parties,
      stableJson(terms),
      version,
      stableJson(terms.slas),
      canonicalInstant(terms.effectiveFrom),
      canonicalInstant(terms.expiresAt),
      terms.value.amount,
      terms.value.currency,
      terms.autoRenew,
      ...(amendments === undefined ? [] : [amendments]),
    ],
  );
  if (parties !== row.parties) {
    yield* sql.run('DELETE FROM {rm_contract_parties} WHERE contract_id = ?', [contractId]);
    yield* insertParties(sql, contractId, terms);
  }
}

const patched = (terms: ContractTerms, diff: DraftRevised['data']['diff']): ContractTerms => applyDiff(terms as unknown as Json, diff) as unknown as ContractTerms;

function* signed(sql: SqlOps, e: ProjectedEvent<ContractSigned['data']>): Gen {
  const { contractId, partyId, signatoryName } = e.data;
  const row = yield* sql.get<SignaturesRow>('SELECT signatures, parties, last_position FROM {rm_contracts} WHERE contract_id = ?', [contractId]);
  if (!row || row.last_position >= e.position) return;
  const signatures = [...(JSON.parse(row.signatures) as SignatureView[]), { partyId, signatoryName, signedAt: canonicalInstant(e.occurredAt) }];
  // As the domain has it: signed once there are as many signatures as parties.
  const status = signatures.length >= (JSON.parse(row.parties) as unknown[]).length ? 'signed' : 'draft';
  yield* update(sql, e, contractId, 'signatures = ?, status = ?', [stableJson(signatures), status]);
}

/**
 * Contract state for committees: status as the domain moves it, parties, the terms now agreed (every
 * revision and amendment diff applied with the domain's applyDiff), SLAs, the expiry in force, value,
 * signatures, amendment and open-escalation counts, and the stream version for the ETag. Every event of
 * a contract stream moves `version`, so the row is always at the stream's head.
 */
export const contractStateProjection: Projection = {
  name: 'contract-state',
  version: 1,
  handles: CONTRACT_EVENT_TYPES,
  tables: [CONTRACTS_TABLE, CONTRACT_PARTIES_TABLE],
  *apply(event, sql) {
    const contractId = (event.data as { contractId: string }).contractId;
    switch (event.type) {
      case 'ContractDrafted':
        return yield* drafted(sql, event as ProjectedEvent<ContractDrafted['data']>);
      case 'DraftRevised': {
        const { diff } = (event as ProjectedEvent<DraftRevised['data']>).data;
        return yield* newTerms(sql, event, contractId, (terms) => ({ terms: patched(terms, diff), version: 1 }));
      }
      case 'ContractAmended': {
        const d = (event as ProjectedEvent<ContractAmended['data']>).data;
        return yield* newTerms(sql, event, contractId, (terms) => ({ terms: patched(terms, d.diff), version: d.termsVersion, amendments: d.amendmentNumber }));
      }
      case 'ContractRenewed': {
        const { newExpiresAt } = (event as ProjectedEvent<ContractRenewed['data']>).data;
        return yield* newTerms(sql, event, contractId, (terms, row) => ({ terms: { ...terms, expiresAt: newExpiresAt }, version: row.terms_version + 1 }));
      }
      case 'AddendumAttached':
        return yield* update(sql, event, contractId, "kind = 'addendum', master_contract_id = ?", [(event.data as { masterContractId: string }).masterContractId]);
      case 'ContractSigned':
        return yield* signed(sql, event as ProjectedEvent<ContractSigned['data']>);
      case 'ContractActivated': {
        const d = (event as ProjectedEvent<ContractActivated['data']>).data;
        return yield* update(sql, event, contractId, "status = 'active', activated_at = ?, expires_at = ?", [canonicalInstant(event.occurredAt), canonicalInstant(d.expiresAt)]);
      }
      case 'ContractTerminated':
        return yield* update(sql, event, contractId, "status = 'exiting', ended_at = ?", [canonicalInstant((event.data as ContractTerminated['data']).effectiveAt)]);
      case 'ContractExpired':
        return yield* update(sql, event, contractId, "status = 'expired', ended_at = ?", [canonicalInstant((event.data as ContractExpired['data']).expiresAt)]);
      case 'ContractClosed':
        return yield* update(sql, event, contractId, "status = 'closed'", []);
      case 'EscalationRaised':
        return yield* update(sql, event, contractId, 'open_escalations = open_escalations + 1', []);
      case 'EscalationResolved':
        return yield* update(sql, event, contractId, 'open_escalations = open_escalations - 1', []);
      default:
        return yield* update(sql, event, contractId, '', []);
    }
  },
};
