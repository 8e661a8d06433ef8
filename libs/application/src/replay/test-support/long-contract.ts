import { contractDecider, ContractDecisionContext, ContractEvent, ContractState, DomainError } from '@covenant/domain';
import type { EventStore } from '@covenant/event-store';
import { runStory } from '@covenant/testing/domain-story';
import { prng } from '../../demo/prng';

/** The story's master agreement: its stream carries amendments, breaches, disputes before the measurements. */
export const LONG_CONTRACT_ID = 'msa-acme-globex';
export const LONG_CONTRACT_STREAM = `contract-${LONG_CONTRACT_ID}`;

export interface DatedEvent {
  event: ContractEvent;
  occurredAt: string;
  /** When the store is to record it: its clock is set to this for the append. */
  recordedAt: string;
}

const HOUR = 3_600_000;
// Recording a measurement needs no seat: an empty governance view stands in.
const NO_GOVERNANCE: ContractDecisionContext = { governance: { partnershipId: '', parties: [], charterAdopted: false, memberships: [] } };
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * A long, valid contract history for replay benchmarks and snapshot tests: the domain story's master
 * agreement up to its last dispute (drafting, signatures, activation, breaches, two amendments), then
 * hourly SLA measurements decided by the real decider (about one in eight breaches, adding SlaBreached
 * and ServiceCreditAccrued). Every `backdateEvery`-th measurement is backdated by up to 20 days:
 * occurredAt is not monotonic along the stream, recordedAt is (an hour after the latest fact).
 */
export function longContractHistory(count: number, seed = 1, backdateEvery = 17): DatedEvent[] {
  const rnd = prng(seed);
  const story = (runStory().streams[LONG_CONTRACT_STREAM] as ContractEvent[]).filter((e) => e.type !== 'RenewalWindowOpened').slice(0, 46);
  const out: DatedEvent[] = [];
  let state: ContractState = contractDecider.initialState;
  let clock = 0;
  const push = (events: ContractEvent[], occurredAt: string): void => {
    clock = Math.max(clock, Date.parse(occurredAt)) + HOUR;
    for (const e of events) {
      if (out.length >= count) return;
      state = contractDecider.evolve(state, { ...e, occurredAt });
      out.push({ event: { ...e, occurredAt }, occurredAt, recordedAt: iso(clock) });
    }
  };
  for (const e of story) push([e], e.occurredAt as string);
  let at = Date.parse('2025-05-07T00:00:00.000Z');
  for (let m = 1; out.length < count; m++) {
    at += HOUR;
    const occurredAt = iso(m % backdateEvery === 0 ? at - Math.floor(rnd.next() * 20 * 24) * HOUR : at);
    const value = rnd.next() < 0.125 ? '99.50' : '99.95';
    try {
      const events = contractDecider.decide({ type: 'RecordSlaMeasurement', actorId: 'probe', occurredAt, measurementId: `m-${seed}-${m}`, slaId: 'availability', value }, state, NO_GOVERNANCE);
      push(events, occurredAt);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }
  return out;
}

/** Appends a history one command at a time, each recorded at its own instant through `setClock`. */
export async function appendDated(store: EventStore, history: DatedEvent[], setClock: (at: string) => void): Promise<void> {
  let version = -1;
  for (let i = 0; i < history.length; ) {
    let j = i + 1;
    while (j < history.length && history[j].recordedAt === history[i].recordedAt) j++;
    setClock(history[i].recordedAt);
    const batch = history.slice(i, j).map(({ event, occurredAt }) => ({ type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata: { actorId: 'probe', occurredAt } }));
    await store.appendToStream(LONG_CONTRACT_STREAM, batch, { expectedVersion: version === -1 ? 'no-stream' : version });
    version += batch.length;
    i = j;
  }
}
