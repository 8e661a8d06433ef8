import { ContractCommand, ContractEvent, contractStream, partnershipEvent, partnershipStream } from '@covenant/domain';
import { anActiveMaster, aPartnershipWithCharter, at, contractContext, days, hours, MSA_ID, PARTNERSHIP_ID, PEOPLE, RECORDER, runContract } from '@covenant/testing/builders';
import { runStory } from '@covenant/testing/domain-story';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { appendStory } from '../contract-state/test-support/replay';
import { deadlinesProjection } from './deadlines.projection';
import { listNotifications } from './notifications.queries';

const SCHED = 'system:scheduler';
const MONDAY = at(days(7));
const TUESDAY = at(days(8));
const FRIDAY = at(days(11));
const raise: ContractCommand = { type: 'RaiseEscalation', actorId: RECORDER, occurredAt: MONDAY, escalationId: 'esc-1', subject: 'Invoices rejected twice' };

describe.each(['sqlite', 'postgres'] as const)('notifications (who must act by when) on %s', (engine) => {
  let h: ProjectionHarness;
  let history: ContractEvent[];
  beforeEach(async () => {
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite([deadlinesProjection]) : await ProjectionHarness.postgres([deadlinesProjection]);
    await h.append(partnershipStream(PARTNERSHIP_ID), aPartnershipWithCharter());
    history = anActiveMaster();
    await h.append(contractStream(MSA_ID), history);
  });
  afterEach(() => h.close());

  /** Runs commands on the master and appends only the new events. */
  const run = async (...commands: ContractCommand[]): Promise<void> => {
    const next = runContract(commands, contractContext(), history);
    await h.append(contractStream(MSA_ID), next.slice(history.length));
    history = next;
  };
  const rows = async (): Promise<Array<[string, string, string, string, string]>> =>
    (await h.db.query<{ kind: string; person_id: string; deadline: string; status: string; link: string }>('SELECT kind, person_id, deadline, status, link FROM {rm_notifications} ORDER BY deadline, person_id')).map((r) => [
      r.kind,
      r.person_id,
      r.deadline,
      r.status,
      r.link,
    ]);

  it('an escalation notifies the members of the tier owning each level by that level’s deadline; a move up closes the previous ones; resolution closes all', async () => {
    await run(raise);
    expect(await rows()).toEqual([
      ['escalation-response', 'alice', TUESDAY, 'pending', '/escalations/esc-1'],
      ['escalation-response', 'bob', TUESDAY, 'pending', '/escalations/esc-1'],
    ]);
    await run({ type: 'EscalateOverdue', actorId: SCHED, now: TUESDAY });
    expect(await rows()).toEqual([
      ['escalation-response', 'alice', TUESDAY, 'done', '/escalations/esc-1'],
      ['escalation-response', 'bob', TUESDAY, 'done', '/escalations/esc-1'],
      ['escalation-response', 'carol', FRIDAY, 'pending', '/escalations/esc-1'],
      ['escalation-response', 'dave', FRIDAY, 'pending', '/escalations/esc-1'],
    ]);
    await run({ type: 'EscalateOverdue', actorId: SCHED, now: FRIDAY });
    const top = at(days(11) + hours(168));
    expect((await rows()).filter((r) => r[3] === 'pending')).toEqual([
      ['escalation-response', 'erin', top, 'pending', '/escalations/esc-1'],
      ['escalation-response', 'frank', top, 'pending', '/escalations/esc-1'],
    ]);
    await run({ type: 'ResolveEscalation', actorId: PEOPLE.erin.personId, occurredAt: at(days(12)), escalationId: 'esc-1', resolution: 'fixed' });
    expect((await rows()).filter((r) => r[3] === 'pending')).toEqual([]);
  });

  it('people seated at the moment an action opens are notified; one who has left is not', async () => {
    await h.append(partnershipStream(PARTNERSHIP_ID), [partnershipEvent('GovernanceMemberRemoved', { partnershipId: PARTNERSHIP_ID, personId: 'bob', partyId: 'globex', tier: 'operational', until: at(days(1)), reason: 'moved on' }, at(days(1)))]);
    await run(raise);
    expect((await rows()).map((r) => r[1])).toEqual(['alice']);
  });

  it('an exit step notifies only the owning party’s operational team, until the step is done', async () => {
    await run({
      type: 'TerminateContract',
      actorId: PEOPLE.erin.personId,
      occurredAt: at(days(10)),
      reason: 'mutual',
      grounds: 'strategy',
      effectiveAt: at(days(100)),
      exitPlan: [{ stepId: 'kt', kind: 'knowledge-transfer', description: 'Runbooks', dueAt: at(days(40)), ownerPartyId: 'globex' }],
    });
    expect(await rows()).toEqual([['exit-step', 'bob', at(days(40)), 'pending', `/contracts/${MSA_ID}`]]);
    await run({ type: 'MarkOverdueExitSteps', actorId: SCHED, now: at(days(40)) });
    expect((await rows())[0][3]).toBe('pending');
    await run({ type: 'CompleteExitStep', actorId: RECORDER, occurredAt: at(days(45)), stepId: 'kt' });
    expect((await rows())[0][3]).toBe('done');
  });

  it('lists by person, kind, deadline and status within the caller’s partnership scope, in pages', async () => {
    await run(raise, { type: 'OpenDispute', actorId: PEOPLE.alice.personId, occurredAt: at(days(8)), disputeId: 'd-1', subject: 'CO-7', raisedByPartyId: 'acme', respondentPartyId: 'globex' });
    const source = await h.source();
    const ids = async (filter: Parameters<typeof listNotifications>[1], scope?: readonly string[]) => (await listNotifications(source, filter, { limit: 50 }, scope)).items.map((n) => `${n.kind}/${n.personId}`);
    expect(await ids({})).toEqual(['escalation-response/alice', 'escalation-response/bob', 'mediation-scheduling/carol', 'mediation-scheduling/dave']);
    expect(await ids({ personId: 'carol' })).toEqual(['mediation-scheduling/carol']);
    expect(await ids({ kind: 'escalation-response', status: 'pending' })).toEqual(['escalation-response/alice', 'escalation-response/bob']);
    expect(await ids({ dueBefore: TUESDAY })).toEqual([]);
    expect(await ids({ dueBefore: at(days(8) + 1) })).toEqual(['escalation-response/alice', 'escalation-response/bob']);
    expect(await ids({ status: 'done' })).toEqual([]);
    expect(await ids({}, [])).toEqual([]);
    expect(await ids({}, ['another-partnership'])).toEqual([]);
    expect(await ids({}, [PARTNERSHIP_ID])).toHaveLength(4);
    const first = await listNotifications(source, {}, { limit: 3 }, undefined);
    const second = await listNotifications(source, {}, { limit: 3, cursor: first.nextCursor ?? undefined }, undefined);
    expect([...first.items, ...second.items].map((n) => n.personId)).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(second.nextCursor).toBeNull();
    expect(first.items[0]).toEqual({
      notificationId: `${MSA_ID}:escalation-response:esc-1:${TUESDAY}:alice`,
      partnershipId: PARTNERSHIP_ID,
      contractId: MSA_ID,
      kind: 'escalation-response',
      ref: 'esc-1',
      tier: 'operational',
      personId: 'alice',
      partyId: 'acme',
      deadline: TUESDAY,
      link: '/escalations/esc-1',
      sourceEventId: expect.any(String),
      status: 'pending',
    });
  });

  it('after the demo story: the same rows when every event is applied twice and when rebuilt', async () => {
    await h.close();
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite([deadlinesProjection]) : await ProjectionHarness.postgres([deadlinesProjection]);
    await appendStory(h, runStory());
    const snapshot = await h.expectReappliedAndRebuiltUnchanged();
    expect(snapshot.rm_notifications.length).toBeGreaterThan(0);
  });
});
