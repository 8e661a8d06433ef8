import fc from 'fast-check';
import { ContractCommand, contractDecider, ContractEvent, contractStream, DomainError, partnershipStream } from '@covenant/domain';
import { addMs, MINUTE_MS } from '@covenant/domain';
import { aPartnershipWithCharter, contractContext, MSA_ID, PARTNERSHIP_ID } from '@covenant/testing/builders';
import { commandFor, FUZZ_START, Intent, intentArb, prefixCommands } from '@covenant/testing/domain-fuzz';
import { generateHistory } from '@covenant/testing/history-generator';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { rebuild } from './framework/rebuild';
import { ALL_PROJECTIONS } from './registry';

jest.setTimeout(300_000);

const ctx = contractContext();

/** Each accepted command's events, as the command handler would append them (one append per command). */
function contractAppends(intents: Intent[]): ContractEvent[][] {
  const appends: ContractEvent[][] = [];
  let state = contractDecider.initialState;
  const run = (command: ContractCommand, when: string): void => {
    try {
      const events = contractDecider.decide(command, state, ctx).map((e) => (e.occurredAt === undefined ? { ...e, occurredAt: when } : e));
      for (const e of events) state = contractDecider.evolve(state, e);
      if (events.length > 0) appends.push(events);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  };
  for (const c of prefixCommands()) run(c, (c as { occurredAt: string }).occurredAt);
  let t = FUZZ_START;
  intents.forEach((intent, seq) => {
    t = addMs(t, intent.gapMinutes * MINUTE_MS);
    run({ type: 'ProcessDueDeadlines', actorId: 'system:scheduler', now: t }, t);
    run(commandFor(intent, state, t, seq), t);
  });
  return appends;
}

async function rebuiltEqualsInline(h: ProjectionHarness): Promise<void> {
  const inline = await h.snapshot();
  expect(inline.rm_audit_trail).toHaveLength(await h.store.headPosition()); // inline really ran, on every append
  await rebuild(h.projector, ALL_PROJECTIONS, { fresh: true });
  expect(await h.snapshot()).toEqual(inline);
}

describe.each([
  ['sqlite', 25],
  ['postgres', 6],
] as const)('a full rebuild equals the inline read models on %s', (engine, numRuns) => {
  const harness = () => (engine === 'sqlite' ? ProjectionHarness.sqlite(ALL_PROJECTIONS) : ProjectionHarness.postgres(ALL_PROJECTIONS));

  it('after random command sequences on a contract of a governed partnership', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(intentArb, { minLength: 1, maxLength: 60 }), async (intents) => {
        const h = await harness();
        try {
          await h.append(partnershipStream(PARTNERSHIP_ID), aPartnershipWithCharter());
          for (const events of contractAppends(intents)) await h.append(contractStream(MSA_ID), events);
          await rebuiltEqualsInline(h);
        } finally {
          await h.close();
        }
      }),
      { numRuns, seed: 20261124 },
    );
  });

  it('after generated multi-partnership histories (addenda, SLAs, escalations, amendments, disputes, renewals)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
        const h = await harness();
        try {
          let stream: string | undefined;
          let batch: Array<{ type: string; schemaVersion: number; data: unknown; occurredAt: string }> = [];
          const flush = async () => {
            if (stream && batch.length > 0) await h.append(stream, batch);
            batch = [];
          };
          for (const g of generateHistory({ seed, partnerships: 2, months: 4 })) {
            if (g.streamId !== stream) await flush();
            stream = g.streamId;
            batch.push({ type: g.event.type, schemaVersion: g.event.schemaVersion, data: g.event.data, occurredAt: g.occurredAt });
          }
          await flush();
          await rebuiltEqualsInline(h);
        } finally {
          await h.close();
        }
      }),
      { numRuns: engine === 'sqlite' ? 4 : 2, seed: 11 },
    );
  });
});
