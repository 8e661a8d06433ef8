import fc from 'fast-check';
import { aPartnershipWithCharter, at, days, PEOPLE } from '@covenant/testing/builders';
import { DomainError } from '../shared/errors';
import { replay, replayAsOf } from '../shared/replay';
import { addMs, MINUTE_MS } from '../shared/time';
import { TIERS } from '../governance/tiers';
import { PartnershipCommand } from './partnership.commands';
import { partnershipDecider } from './partnership.decider';
import { LIFE_STAGES, PartnershipEvent } from './partnership.events';
import { PartnershipState } from './partnership.state';

const intent = fc.record({ gap: fc.integer({ min: 1, max: 60 * 24 * 30 }), kind: fc.nat({ max: 4 }), n: fc.nat({ max: 9 }), flag: fc.boolean() });
const persons = ['p0', 'p1', 'p2', 'p3', PEOPLE.erin.personId, PEOPLE.frank.personId, PEOPLE.alice.personId];

function commandFor(i: { kind: number; n: number; flag: boolean }, t: string, seq: number): PartnershipCommand {
  const base = { actorId: 'mallory', occurredAt: t };
  const person = persons[i.n % persons.length];
  switch (i.kind) {
    case 0:
      return { ...base, type: 'AppointGovernanceMember', personId: person, name: person, partyId: i.flag ? 'acme' : 'globex', tier: TIERS[i.n % 3] };
    case 1:
      return { ...base, type: 'RemoveGovernanceMember', personId: person, reason: 'rotation' };
    case 2:
      return { ...base, type: 'HoldBusinessReview', reviewId: `r-${seq}`, kind: 'quarterly', attendees: [person], summary: 's' };
    case 3:
      return { ...base, type: 'RecordHealthAssessment', assessmentId: `a-${seq}`, source: { kind: 'survey', surveyId: `s-${seq}` }, scores: { operational: i.n * 10, relational: 100 - i.n * 10, strategic: 50 } };
    default:
      return { ...base, actorId: person, type: 'ChangePartnershipStage', stage: LIFE_STAGES[i.n % 4], reason: 'r' };
  }
}

describe('Partnership decider laws (property-based)', () => {
  it('folding the emitted events gives the state the decider saw, and state as of T is the fold of events with occurredAt ≤ T', () => {
    fc.assert(
      fc.property(fc.array(intent, { maxLength: 60, size: 'max' }), (intents) => {
        const events: PartnershipEvent[] = [...aPartnershipWithCharter()];
        let state: PartnershipState = replay(partnershipDecider, events);
        const checkpoints: Array<{ at: string; state: PartnershipState }> = [];
        let t = at(days(1));
        intents.forEach((i, seq) => {
          t = addMs(t, i.gap * MINUTE_MS);
          try {
            for (const e of partnershipDecider.decide(commandFor(i, t, seq), state)) {
              const dated = { ...e, occurredAt: e.occurredAt ?? t };
              state = partnershipDecider.evolve(state, dated);
              events.push(JSON.parse(JSON.stringify(dated)) as PartnershipEvent);
            }
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
          }
          expect(replay(partnershipDecider, events)).toEqual(state);
          checkpoints.push({ at: t, state });
        });
        for (const c of checkpoints) expect(replayAsOf(partnershipDecider, events, c.at)).toEqual(c.state);
      }),
      { numRuns: 100 },
    );
  });
});
