import { compareInstants } from '@covenant/domain';
import type { EventEnvelope, EventStore } from '@covenant/event-store';
import type { DomainEventLike } from '../write/decider';
import { toDomainEvent } from '../write/execute-command';
import type { AppliedTuple, SnapshotHeader, SnapshotStore } from './snapshot-store';

/** A snapshot is taken every this many events of a stream (lazily, by the first replay that passes it). */
export const SNAPSHOT_EVERY = 500;

/** One event the replay applied: enough to find it in the log and the audit trail. */
export interface AppliedEvent {
  position: number;
  version: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
}

export interface AsOfRequest {
  /** Business time: apply the events whose fact had occurred by then (all when absent). */
  asOf?: string;
  /** Record time: only the events the engine had recorded by then (all when absent). */
  knownAt?: string;
}

/**
 * A fold a snapshot can cache. `snapshotVersion` names the shape of the state and the evolve that made
 * it: change it whenever evolve or the state changes, and every older snapshot is ignored.
 */
export interface StreamFold<S, E extends DomainEventLike> {
  snapshotVersion: string;
  initialState: S;
  evolve(state: S, event: E): S;
}

export interface ReplayResult<S> {
  state: S;
  applied: AppliedEvent[];
}

const after = (instant: string, bound: string | undefined): boolean => bound !== undefined && compareInstants(instant, bound) > 0;
const fromTuple = (t: AppliedTuple, version: number): AppliedEvent => ({ position: t[0], version, type: t[1], occurredAt: t[2], recordedAt: t[3] });

class StaleSnapshot extends Error {}

/**
 * DOMAIN.md "Time": the state as of X, as known at Y folds the events recorded by Y that occurred by
 * X, in stream order. recordedAt never goes backwards along a stream (RecordClock), so reading stops
 * at the first event recorded after Y; occurredAt does (backdated facts), so it only filters. With
 * snapshots the fold starts from the latest one whose every event would have been applied, and skips
 * the later segments none of whose events can be; the result is the same fold either way.
 */
export async function replayStream<S, E extends DomainEventLike>(
  store: EventStore,
  fold: StreamFold<S, E>,
  streamId: string,
  request: AsOfRequest,
  snapshots?: SnapshotStore,
): Promise<ReplayResult<S>> {
  if (!snapshots) return replayFrom(store, fold, streamId, request, [], undefined);
  try {
    const chain = await snapshots.headers(streamId, fold.snapshotVersion);
    return await replayFrom(store, fold, streamId, request, chain, snapshots);
  } catch (err) {
    if (!(err instanceof StaleSnapshot)) throw err;
    return replayFrom(store, fold, streamId, request, [], undefined);
  }
}

async function replayFrom<S, E extends DomainEventLike>(
  store: EventStore,
  fold: StreamFold<S, E>,
  streamId: string,
  { asOf, knownAt }: AsOfRequest,
  chain: SnapshotHeader[],
  snapshots: SnapshotStore | undefined,
): Promise<ReplayResult<S>> {
  let base = -1;
  while (base + 1 < chain.length && !after(chain[base + 1].maxOccurredAt, asOf) && !after(chain[base + 1].maxRecordedAt, knownAt)) base++;
  let state = fold.initialState;
  const applied: AppliedEvent[] = [];
  if (base >= 0 && snapshots) {
    const loaded = await snapshots.load<S>(streamId, fold.snapshotVersion, chain[base].version);
    state = loaded.state;
    loaded.applied.forEach((t, version) => applied.push(fromTuple(t, version)));
  }
  let expectedPrev = base >= 0 ? chain[base].lastHash : undefined;
  const foldRange = async (fromVersion: number, toVersion?: number): Promise<boolean> => {
    for await (const env of store.readStream(streamId, toVersion === undefined ? { fromVersion } : { fromVersion, toVersion })) {
      if (expectedPrev !== undefined && env.prevHash !== expectedPrev) throw new StaleSnapshot();
      expectedPrev = undefined;
      if (after(env.metadata.recordedAt, knownAt)) return false;
      if (after(env.metadata.occurredAt, asOf)) continue;
      state = fold.evolve(state, toDomainEvent<E>(env));
      applied.push(appliedOf(env));
    }
    return true;
  };
  let next = base >= 0 ? chain[base].version + 1 : 0;
  for (const seg of chain.slice(base + 1)) {
    if (after(seg.minRecordedAt, knownAt)) return { state, applied };
    // A segment all of whose facts occurred after asOf contributes nothing: not even read.
    if (!after(seg.minOccurredAt, asOf) && !(await foldRange(next, seg.version))) return { state, applied };
    if (after(seg.minOccurredAt, asOf)) expectedPrev = seg.lastHash;
    next = seg.version + 1;
  }
  await foldRange(next);
  return { state, applied };
}

export function appliedOf(env: EventEnvelope): AppliedEvent {
  return { position: env.position, version: env.version, type: env.type, occurredAt: env.metadata.occurredAt, recordedAt: env.metadata.recordedAt };
}

const maxOf = (a: string, b: string): string => (compareInstants(a, b) >= 0 ? a : b);
const minOf = (a: string, b: string): string => (compareInstants(a, b) <= 0 ? a : b);

/**
 * Writes the snapshots a stream is missing: one per `every` events past the last one. Returns how many
 * were written. Called by replays before they read (so the first replay of a long stream pays once) and
 * by the benchmark and tests.
 */
export async function ensureSnapshots<S, E extends DomainEventLike>(
  store: EventStore,
  fold: StreamFold<S, E>,
  streamId: string,
  snapshots: SnapshotStore,
  every = SNAPSHOT_EVERY,
): Promise<number> {
  const chain = await snapshots.headers(streamId, fold.snapshotVersion);
  const last = chain[chain.length - 1];
  const head = await store.streamVersion(streamId);
  if (head - (last?.version ?? -1) < every) return 0;
  let state = last ? (await snapshots.load<S>(streamId, fold.snapshotVersion, last.version)).state : fold.initialState;
  let maxOccurredAt = last?.maxOccurredAt;
  let maxRecordedAt = last?.maxRecordedAt;
  let segment: EventEnvelope[] = [];
  let written = 0;
  for await (const env of store.readStream(streamId, { fromVersion: (last?.version ?? -1) + 1 })) {
    state = fold.evolve(state, toDomainEvent<E>(env));
    segment.push(env);
    if (segment.length < every) continue;
    const { occurredAt: o0, recordedAt: r0 } = segment[0].metadata;
    const minOccurredAt = segment.reduce((m, e) => minOf(m, e.metadata.occurredAt), o0);
    const minRecordedAt = segment.reduce((m, e) => minOf(m, e.metadata.recordedAt), r0);
    maxOccurredAt = segment.reduce((m, e) => maxOf(m, e.metadata.occurredAt), maxOccurredAt ?? o0);
    maxRecordedAt = segment.reduce((m, e) => maxOf(m, e.metadata.recordedAt), maxRecordedAt ?? r0);
    await snapshots.save(streamId, fold.snapshotVersion, {
      fromVersion: segment[0].version,
      version: env.version,
      position: env.position,
      lastHash: env.hash,
      maxOccurredAt,
      maxRecordedAt,
      minOccurredAt,
      minRecordedAt,
      applied: segment.map((e): AppliedTuple => [e.position, e.type, e.metadata.occurredAt, e.metadata.recordedAt]),
      state,
    });
    written++;
    segment = [];
  }
  return written;
}
