/**
 * Shared by the contract-side read-model tests: append a story to a harness, and the oracle every
 * projection is held to — each contract stream read back from the store and folded through the
 * domain's own evolve.
 */
import { contractDecider, ContractEvent, ContractState, LiveContract } from '@covenant/domain';
import type { EventEnvelope } from '@covenant/event-store';
import type { Story } from '@covenant/testing/domain-story';
import type { ProjectionHarness, StoryEvent } from '@covenant/testing/projection-harness';
import { ContractView, contractViewOf } from '../contract-view';

/** Appends a story command by command, each command's events under its actor (as the command gateway would). */
export async function appendStory(h: ProjectionHarness, story: Story): Promise<void> {
  for (const step of [...story.partnership, ...story.contracts]) {
    if (step.events.length > 0) await h.append(step.streamId, step.events, step.command.actorId);
  }
}

export async function appendStreams(h: ProjectionHarness, streams: Record<string, readonly StoryEvent[]>): Promise<void> {
  for (const [streamId, events] of Object.entries(streams)) await h.append(streamId, events);
}

export async function readStream(h: ProjectionHarness, streamId: string): Promise<EventEnvelope[]> {
  const out: EventEnvelope[] = [];
  for await (const env of h.store.readStream(streamId)) out.push(env);
  return out;
}

export interface Replayed {
  state: LiveContract;
  last: EventEnvelope;
  envelopes: EventEnvelope[];
}

/** The contract's state as the write side folds it, from the stored envelopes (occurredAt from metadata). */
export function fold(envelopes: readonly EventEnvelope[]): Replayed {
  let state: ContractState = contractDecider.initialState;
  for (const env of envelopes) {
    state = contractDecider.evolve(state, { type: env.type, schemaVersion: env.schemaVersion, data: env.data, occurredAt: env.metadata.occurredAt } as ContractEvent);
  }
  if (state.status === 'none') throw new Error('no contract in these events');
  return { state, last: envelopes[envelopes.length - 1], envelopes: [...envelopes] };
}

/** Every contract of the log, replayed by the domain, keyed by contract id. */
export async function replayAll(h: ProjectionHarness): Promise<Map<string, Replayed>> {
  const byStream = new Map<string, EventEnvelope[]>();
  for await (const env of h.store.readAll({ after: 0 })) {
    if (!env.streamId.startsWith('contract-')) continue;
    const list = byStream.get(env.streamId) ?? [];
    list.push(env);
    byStream.set(env.streamId, list);
  }
  const out = new Map<string, Replayed>();
  for (const envelopes of byStream.values()) {
    const r = fold(envelopes);
    out.set(r.state.contractId, r);
  }
  return out;
}

export function domainView(r: Replayed): ContractView {
  return contractViewOf(r.state, r.last.version, r.last.metadata.recordedAt);
}
