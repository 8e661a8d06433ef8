import type { EventEnvelope, StoreTransaction } from '@covenant/event-store';
import { runInTransaction, SqlSession, Statement } from '../sql/sql-session';

/**
 * Which contract an escalation, dispute or change belongs to, and which addenda hang off a master.
 * Routes like POST /escalations/{id}/resolution need the owning stream before they can load it, and
 * a master's decisions need its addenda; both are answered from this index, written in the append's
 * transaction so it is never behind the log.
 */
export const LOOKUP_DDL = `
CREATE TABLE IF NOT EXISTS covenant_lookup (
  kind TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  contract_id TEXT NOT NULL,
  partnership_id TEXT,
  PRIMARY KEY (kind, entity_id)
);
CREATE INDEX IF NOT EXISTS covenant_lookup_by_contract ON covenant_lookup (kind, contract_id);
`;

export type LookupKind = 'contract' | 'addendum' | 'escalation' | 'dispute' | 'change';

const INSERT = 'INSERT INTO covenant_lookup (kind, entity_id, contract_id, partnership_id) VALUES (?, ?, ?, ?) ON CONFLICT (kind, entity_id) DO NOTHING';

function statementsFor(e: EventEnvelope): Statement[] {
  const d = e.data as Record<string, string | undefined>;
  switch (e.type) {
    case 'ContractDrafted':
      return [[INSERT, ['contract', d.contractId, d.contractId, d.partnershipId ?? null]]];
    case 'AddendumAttached':
      // entity = the addendum, contract = its master: "addenda of master M" is a lookup by contract.
      return [[INSERT, ['addendum', d.contractId, d.masterContractId, null]]];
    case 'EscalationRaised':
      return [[INSERT, ['escalation', d.escalationId, d.contractId, null]]];
    case 'DisputeOpened':
      return [[INSERT, ['dispute', d.disputeId, d.contractId, null]]];
    case 'ChangeRequested':
      return [[INSERT, ['change', d.changeId, d.contractId, null]]];
    default:
      return [];
  }
}

export function indexInTransaction(events: EventEnvelope[], tx: StoreTransaction): void | Promise<void> {
  return runInTransaction(tx, events.flatMap(statementsFor));
}

export class LookupIndex {
  constructor(private readonly sql: SqlSession) {}

  async contractOf(kind: Exclude<LookupKind, 'addendum'>, entityId: string): Promise<string | null> {
    const rows = await this.sql.all<{ contract_id: string }>('SELECT contract_id FROM covenant_lookup WHERE kind = ? AND entity_id = ?', [kind, entityId]);
    return rows[0]?.contract_id ?? null;
  }

  /** The partnership a contract, escalation, dispute or change belongs to; null when unknown. */
  async partnershipOf(kind: Exclude<LookupKind, 'addendum'>, entityId: string): Promise<string | null> {
    const rows =
      kind === 'contract'
        ? await this.sql.all<{ partnership_id: string | null }>("SELECT partnership_id FROM covenant_lookup WHERE kind = 'contract' AND entity_id = ?", [entityId])
        : await this.sql.all<{ partnership_id: string | null }>(
            "SELECT c.partnership_id FROM covenant_lookup e JOIN covenant_lookup c ON c.kind = 'contract' AND c.entity_id = e.contract_id WHERE e.kind = ? AND e.entity_id = ?",
            [kind, entityId],
          );
    return rows[0]?.partnership_id ?? null;
  }

  async addendaOf(masterContractId: string): Promise<string[]> {
    const rows = await this.sql.all<{ entity_id: string }>(
      'SELECT entity_id FROM covenant_lookup WHERE kind = ? AND contract_id = ? ORDER BY entity_id',
      ['addendum', masterContractId],
    );
    return rows.map((r) => r.entity_id);
  }
}
