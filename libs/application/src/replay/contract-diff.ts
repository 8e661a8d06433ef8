import { compareInstants, contractDecider, ContractEvent, ContractState, contractStream, diffJson, getIn, Json, JsonChange, jsonEqual } from '@covenant/domain';
import type { EventStore } from '@covenant/event-store';
import { toDomainEvent } from '../write/execute-command';

/** An event that changed a path of the terms between the two instants. */
export interface TermsChangeEvent {
  position: number;
  version: number;
  type: string;
  occurredAt: string;
  /** The change request behind an amendment; null for draft revisions and other events. */
  changeId: string | null;
}

export interface ContractTermsDiff {
  contractId: string;
  from: string;
  to: string;
  /** The terms agreed as of each instant (the latest terms version then), as known now; null before drafting. */
  termsAtFrom: Json | null;
  termsAtTo: Json | null;
  changes: Array<JsonChange & { events: TermsChangeEvent[] }>;
}

const termsOf = (s: ContractState): Json | null => (s.status === 'none' ? null : (s.terms as unknown as Json));

/**
 * Which terms changed between two business instants and by which events: the stream is folded as of
 * `to` (as known now); the state as of `from` is the fold of the events that occurred by `from`. An
 * event occurring in (from, to] is listed under every changed path whose value it altered. A
 * backdated event recorded later still counts: this is the history as known now. Null when the
 * contract does not exist.
 */
export async function diffContractTerms(store: EventStore, contractId: string, from: string, to: string): Promise<ContractTermsDiff | null> {
  let atFrom: ContractState = contractDecider.initialState;
  let atTo: ContractState = contractDecider.initialState;
  const touched: Array<{ event: TermsChangeEvent; before: Json | null; after: Json | null }> = [];
  let seen = false;
  for await (const env of store.readStream(contractStream(contractId))) {
    seen = true;
    const occurred = env.metadata.occurredAt;
    if (compareInstants(occurred, to) > 0) continue;
    const event = toDomainEvent<ContractEvent>(env);
    if (compareInstants(occurred, from) <= 0) atFrom = contractDecider.evolve(atFrom, event);
    const before = termsOf(atTo);
    atTo = contractDecider.evolve(atTo, event);
    const after = termsOf(atTo);
    if (compareInstants(occurred, from) > 0 && after !== before) {
      const changeId = (env.data as { changeId?: unknown }).changeId;
      touched.push({ event: { position: env.position, version: env.version, type: env.type, occurredAt: occurred, changeId: typeof changeId === 'string' ? changeId : null }, before, after });
    }
  }
  if (!seen) return null;
  const termsAtFrom = termsOf(atFrom);
  const termsAtTo = termsOf(atTo);
  const changes = diffJson(termsAtFrom ?? {}, termsAtTo ?? {}).map((change) => ({
    ...change,
    events: touched.filter((t) => !sameAt(t.before, t.after, change.path)).map((t) => t.event),
  }));
  return { contractId, from, to, termsAtFrom, termsAtTo, changes };
}

function sameAt(a: Json | null, b: Json | null, path: string): boolean {
  const x = a === null ? undefined : getIn(a, path);
  const y = b === null ? undefined : getIn(b, path);
  return jsonEqual(x, y);
}
