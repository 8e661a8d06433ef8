import {
  contractDecider,
  ContractEvent,
  ContractState,
  contractStream,
  FormedPartnership,
  partnershipDecider,
  PartnershipEvent,
  PartnershipState,
  partnershipStream,
} from '@covenant/domain';
import type { EventStore } from '@covenant/event-store';
import { canonicalInstant, ContractView, contractViewOf } from '@covenant/projections/read-models/contract-state/contract-view';
import type { SnapshotStore } from './snapshot-store';
import { AppliedEvent, AsOfRequest, ensureSnapshots, replayStream, StreamFold } from './stream-replay';

/** Bump when evolveContract or ContractState changes shape: older contract snapshots are then ignored. */
export const CONTRACT_FOLD: StreamFold<ContractState, ContractEvent> = { snapshotVersion: 'contract/1', ...contractDecider };
/** Bump when evolvePartnership or PartnershipState changes shape. */
export const PARTNERSHIP_FOLD: StreamFold<PartnershipState, PartnershipEvent> = { snapshotVersion: 'partnership/1', ...partnershipDecider };

interface ReplayMeta {
  asOf: string | null;
  knownAt: string | null;
  eventsApplied: AppliedEvent[];
}

/** The contract as of a business instant, as known at a record instant, and the events that made it so. */
export type ContractAsOfView = ContractView & ReplayMeta;

/** The partnership so replayed: its state (parties, stage, charter, seats ever held, reviews, assessments). */
export type PartnershipAsOfView = Omit<FormedPartnership, 'status'> & { version: number; updatedAt: string } & ReplayMeta;

const meta = (request: AsOfRequest, eventsApplied: AppliedEvent[]): ReplayMeta => ({
  asOf: request.asOf === undefined ? null : canonicalInstant(request.asOf),
  knownAt: request.knownAt === undefined ? null : canonicalInstant(request.knownAt),
  eventsApplied,
});

/**
 * Snapshots are brought up to date before reading (a no-op but for one small query when they are),
 * so a long stream's first replay pays for them once and every later replay starts near its instant.
 */
async function replay<S, E extends ContractEvent | PartnershipEvent>(store: EventStore, fold: StreamFold<S, E>, streamId: string, request: AsOfRequest, snapshots?: SnapshotStore) {
  if (snapshots) await ensureSnapshots(store, fold, streamId, snapshots);
  return replayStream(store, fold, streamId, request, snapshots);
}

/** Null when, so replayed, there is no contract. */
export async function replayContract(store: EventStore, contractId: string, request: AsOfRequest, snapshots?: SnapshotStore): Promise<ContractAsOfView | null> {
  const { state, applied } = await replay(store, CONTRACT_FOLD, contractStream(contractId), request, snapshots);
  const last = applied[applied.length - 1];
  if (state.status === 'none' || last === undefined) return null;
  return { ...contractViewOf(state, last.version, last.recordedAt), ...meta(request, applied) };
}

export async function replayPartnership(store: EventStore, partnershipId: string, request: AsOfRequest, snapshots?: SnapshotStore): Promise<PartnershipAsOfView | null> {
  const { state, applied } = await replay(store, PARTNERSHIP_FOLD, partnershipStream(partnershipId), request, snapshots);
  const last = applied[applied.length - 1];
  if (state.status === 'none' || last === undefined) return null;
  const { status: _status, ...formed } = state;
  return { ...formed, version: last.version, updatedAt: last.recordedAt, ...meta(request, applied) };
}
