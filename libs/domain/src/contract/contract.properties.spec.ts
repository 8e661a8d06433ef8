import fc from 'fast-check';
import { at, contractContext } from '@covenant/testing/builders';
import { commandFor, FUZZ_START, Intent, intentArb, prefixCommands } from '@covenant/testing/domain-fuzz';
import { replay, replayAsOf } from '../shared/replay';
import { DomainError } from '../shared/errors';
import { DOMAIN_ERROR_CODES } from '../shared/error-codes';
import { addMs, MINUTE_MS } from '../shared/time';
import { ContractCommand } from './contract.commands';
import { contractDecider } from './contract.decider';
import { ContractEvent } from './contract.events';
import { ContractState } from './contract.state';

const ctx = contractContext();
const roundTrip = (e: ContractEvent): ContractEvent => ({ ...(JSON.parse(JSON.stringify({ type: e.type, schemaVersion: e.schemaVersion, data: e.data })) as ContractEvent), occurredAt: e.occurredAt });

interface Run {
  events: ContractEvent[];
  /** For each accepted command: the state the decider saw and how many events preceded it. */
  seen: Array<{ state: ContractState; eventCount: number }>;
  /** After everything at a command's time (scheduler, command, scheduler): the time and the state. */
  checkpoints: Array<{ at: string; state: ContractState }>;
  rejections: string[];
}

/** Runs intents chronologically with a punctual scheduler: it catches up before and after every command. */
function run(intents: Intent[]): Run {
  const r: Run = { events: [], seen: [], checkpoints: [], rejections: [] };
  let state = contractDecider.initialState;
  const apply = (c: ContractCommand, when: string): void => {
    r.seen.push({ state, eventCount: r.events.length });
    for (const e of contractDecider.decide(c, state, ctx)) {
      const dated = e.occurredAt === undefined ? { ...e, occurredAt: when } : e;
      state = contractDecider.evolve(state, dated);
      r.events.push(dated);
    }
  };
  const tick = (now: string): void => apply({ type: 'ProcessDueDeadlines', actorId: 'system:scheduler', now }, now);
  for (const c of prefixCommands()) apply(c, (c as { occurredAt: string }).occurredAt);
  let t = FUZZ_START;
  intents.forEach((intent, seq) => {
    t = addMs(t, intent.gapMinutes * MINUTE_MS);
    tick(t);
    const command = commandFor(intent, state, t, seq);
    try {
      apply(command, t);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      r.seen.pop();
      r.rejections.push(e.code);
    }
    tick(t);
    r.checkpoints.push({ at: t, state });
  });
  return r;
}

const histories = fc.array(intentArb, { minLength: 1, maxLength: 80, size: 'max' });

describe('Contract decider laws (property-based)', () => {
  it('folding the emitted events from initialState gives the state the decider saw, at every step', () => {
    fc.assert(
      fc.property(histories, (intents) => {
        const r = run(intents);
        for (const s of r.seen) expect(replay(contractDecider, r.events.slice(0, s.eventCount).map(roundTrip))).toEqual(s.state);
        expect(replay(contractDecider, r.events.map(roundTrip))).toEqual(r.checkpoints.at(-1)?.state);
      }),
      { numRuns: 40 },
    );
  });

  it('state as of time T equals the fold of the events with occurredAt ≤ T', () => {
    fc.assert(
      fc.property(histories, (intents) => {
        const r = run(intents);
        for (const c of r.checkpoints) expect(replayAsOf(contractDecider, r.events.map(roundTrip), c.at)).toEqual(c.state);
      }),
      { numRuns: 80 },
    );
  });

  it('events are never dated after the command that emitted them was decided', () => {
    fc.assert(
      fc.property(histories, (intents) => {
        const r = run(intents);
        const last = r.checkpoints.at(-1)?.at ?? at(0);
        for (const e of r.events) expect(Date.parse(e.occurredAt as string)).toBeLessThanOrEqual(Date.parse(last));
      }),
      { numRuns: 50 },
    );
  });

  it('every event round-trips through JSON unchanged', () => {
    fc.assert(
      fc.property(histories, (intents) => {
        for (const e of run(intents).events) expect(JSON.parse(JSON.stringify(e))).toStrictEqual(e);
      }),
      { numRuns: 100 },
    );
  });

  it('random commands are either accepted or rejected with a documented code, never with another error', () => {
    fc.assert(
      fc.property(histories, (intents) => {
        for (const code of run(intents).rejections) expect(Object.keys(DOMAIN_ERROR_CODES)).toContain(code);
      }),
      { numRuns: 150 },
    );
  });

  it('the generator reaches deep states (sanity: not everything is rejected)', () => {
    const types = new Set<string>();
    fc.assert(
      fc.property(histories, (intents) => {
        for (const e of run(intents).events) types.add(e.type);
      }),
      { numRuns: 300, seed: 42 },
    );
    expect(types.size).toBeGreaterThanOrEqual(30);
  });
});
