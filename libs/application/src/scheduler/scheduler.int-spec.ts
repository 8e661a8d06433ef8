import { addDays, ContractCommand, ContractEvent, contractStream, partnershipStream } from '@covenant/domain';
import { PgReadModelDb } from '@covenant/projections/framework/read-model-db';
import { deadlinesProjection } from '@covenant/projections/read-models/deadlines/deadlines.projection';
import { ADDENDUM_ID, addendumContext, addendumTerms, anActiveContract, aPartnershipWithCharter, aSignedContract, at, contractContext, days, hours, masterTerms, MSA_ID, PEOPLE, RECORDER, runContract, T0 } from '@covenant/testing/builders';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { CommandGateway } from '../commands/command-gateway';
import { IDEMPOTENCY_DDL, IdempotencyStore } from '../idempotency/idempotency-store';
import { indexInTransaction, LOOKUP_DDL, LookupIndex } from '../lookup/lookup-index';
import { pgSession, SqlSession, sqliteSession } from '../sql/sql-session';
import type { HttpAdapterHost } from '@nestjs/core';
import type { CovenantConfig } from '../config/covenant-config';
import { commandHash, DeadlineScheduler, PgAdvisoryLease, SchedulerRound, SCHEDULER_ACTOR } from './scheduler';
import { SchedulerRunner } from './scheduler.module';
import type { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';

// T0 is Monday 2025-01-06 09:00 UTC.
const MONDAY_0900 = T0;
const TUESDAY_0900 = at(hours(24));
const FRIDAY_0900 = at(hours(24 + 72));
const EXPIRY = at(days(200));
const ms = (iso: string, delta: number): string => new Date(Date.parse(iso) + delta).toISOString();
const d = (iso: string): Date => new Date(iso);

/** Active from T0 (activated by the scheduler), expiring 200 days later. */
const signed = (): ContractEvent[] => aSignedContract({ terms: masterTerms({ expiresAt: EXPIRY }) });
const activated = (): ContractEvent[] => runContract([{ type: 'ActivateIfDue', actorId: SCHEDULER_ACTOR, now: T0 }], contractContext(), signed());
const raise: ContractCommand = { type: 'RaiseEscalation', actorId: RECORDER, occurredAt: MONDAY_0900, escalationId: 'esc-1', subject: 'Invoices rejected twice' };

const summary = (round: SchedulerRound): Array<[string, string, string[]]> => round.fired.map((f) => [f.kind, f.outcome, f.events.map((e) => `${e.type}@${e.occurredAt}`)]);

describe.each(['sqlite', 'postgres'] as const)('deadline scheduler on %s', (engine) => {
  let h: ProjectionHarness;
  let session: SqlSession;
  let gateway: CommandGateway;
  const schedulers: DeadlineScheduler[] = [];

  const newScheduler = (clock: () => Date = () => d('1970-01-01T00:00:00Z')): DeadlineScheduler => {
    const lease = h.db instanceof PgReadModelDb ? new PgAdvisoryLease(h.db.pool) : undefined;
    const s = new DeadlineScheduler({ gateway, store: h.store, db: h.db, lease, clock });
    schedulers.push(s);
    return s;
  };

  beforeEach(async () => {
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite([deadlinesProjection]) : await ProjectionHarness.postgres([deadlinesProjection]);
    session = h.db instanceof PgReadModelDb ? pgSession(h.db.pool) : sqliteSession((h.store as SqliteEventStore).db);
    await session.exec(LOOKUP_DDL);
    await session.exec(IDEMPOTENCY_DDL);
    h.store.registerInTransaction(indexInTransaction);
    gateway = new CommandGateway(h.store, new LookupIndex(session), new IdempotencyStore(session));
    await h.append(partnershipStream('acme-globex'), aPartnershipWithCharter());
  });
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
    await h.close();
  });

  const pending = async (): Promise<Array<{ kind: string; run_at: string; status: string }>> =>
    h.db.query("SELECT kind, run_at, status FROM {rm_deadlines} WHERE status = 'pending' ORDER BY run_at, kind");
  const eventsOf = async (type: string): Promise<Array<{ type: string; occurredAt: string; actorId: string }>> => {
    const out: Array<{ type: string; occurredAt: string; actorId: string }> = [];
    for await (const e of h.store.readStream(contractStream(MSA_ID))) if (e.type === type) out.push({ type: e.type, occurredAt: e.metadata.occurredAt, actorId: e.metadata.actorId ?? '' });
    return out;
  };

  it('activates a signed contract at its effective date, not a millisecond before', async () => {
    await h.append(contractStream(MSA_ID), signed());
    const s = newScheduler();
    expect((await s.runDue(d(ms(T0, -1)))).fired).toEqual([]);
    expect(summary(await s.runDue(d(T0)))).toEqual([['activation', 'fired', [`ContractActivated@${T0}`]]]);
    expect(await eventsOf('ContractActivated')).toEqual([{ type: 'ContractActivated', occurredAt: T0, actorId: SCHEDULER_ACTOR }]);
  });

  it("a master's deadline at the same instant goes before its addendum's: a coterminous auto-renewing addendum renews with its master", async () => {
    // 'addendum-analytics' sorts before 'msa-acme-globex': by id alone the addendum's expiry ran first.
    expect(ADDENDUM_ID < MSA_ID).toBe(true);
    await h.append(contractStream(MSA_ID), activated());
    await h.append(contractStream(ADDENDUM_ID), anActiveContract({ contractId: ADDENDUM_ID, terms: addendumTerms({ expiresAt: EXPIRY }), masterContractId: MSA_ID, context: addendumContext(activated()) }));
    const round = await newScheduler().runDue(d(EXPIRY));
    const renewedTo = addDays(EXPIRY, 365);
    expect(round.fired.filter((f) => f.kind === 'expiry').map((f) => [f.contractId, f.events.map((e) => `${e.type}@${e.occurredAt}`)])).toEqual([
      [MSA_ID, [`ContractRenewed@${EXPIRY}`]],
      [ADDENDUM_ID, [`ContractRenewed@${EXPIRY}`]],
    ]);
    const renewals: unknown[] = [];
    for await (const e of h.store.readStream(contractStream(ADDENDUM_ID))) if (e.type === 'ContractRenewed') renewals.push(e.data);
    expect(renewals).toMatchObject([{ previousExpiresAt: EXPIRY, newExpiresAt: renewedTo, automatic: true }]);
  });

  it('escalation ladder: raised Monday 09:00, level 2 at Tuesday 09:00 exactly, level 3 at Friday 09:00', async () => {
    await h.append(contractStream(MSA_ID), runContract([raise], contractContext(), activated()));
    const s = newScheduler();
    expect((await s.runDue(d(ms(TUESDAY_0900, -1)))).fired).toEqual([]);
    expect(summary(await s.runDue(d(TUESDAY_0900)))).toEqual([['escalation', 'fired', [`EscalationEscalated@${TUESDAY_0900}`]]]);
    expect((await s.runDue(d(ms(FRIDAY_0900, -1)))).fired).toEqual([]);
    expect(summary(await s.runDue(d(FRIDAY_0900)))).toEqual([['escalation', 'fired', [`EscalationEscalated@${FRIDAY_0900}`]]]);
    const moves = (await eventsOf('EscalationEscalated')).map((e) => e.occurredAt);
    expect(moves).toEqual([TUESDAY_0900, FRIDAY_0900]);
    // Level 3 is the top: nothing further pending for the escalation.
    expect((await pending()).filter((p) => p.kind === 'escalation')).toEqual([]);
  });

  it('a scheduler far behind catches up level by level in one round, each move dated at its deadline', async () => {
    await h.append(contractStream(MSA_ID), runContract([raise], contractContext(), activated()));
    const round = await newScheduler().runDue(d(at(days(30))));
    expect(summary(round)).toEqual([
      ['escalation', 'fired', [`EscalationEscalated@${TUESDAY_0900}`]],
      ['escalation', 'fired', [`EscalationEscalated@${FRIDAY_0900}`]],
    ]);
  });

  it('renewal: a contract expiring in 200 days opens its window at T-120 and marks the decision due at T-60', async () => {
    await h.append(contractStream(MSA_ID), activated());
    const windowAt = addDays(EXPIRY, -120);
    const dueAt = addDays(EXPIRY, -60);
    expect(await pending()).toEqual([
      { kind: 'renewal-window', run_at: windowAt, status: 'pending' },
      { kind: 'renewal-decision-due', run_at: dueAt, status: 'pending' },
      { kind: 'expiry', run_at: EXPIRY, status: 'pending' },
    ]);
    const s = newScheduler();
    expect((await s.runDue(d(ms(windowAt, -1)))).fired).toEqual([]);
    expect(summary(await s.runDue(d(windowAt)))).toEqual([['renewal-window', 'fired', [`RenewalWindowOpened@${windowAt}`]]]);
    expect((await s.runDue(d(ms(dueAt, -1)))).fired).toEqual([]);
    expect(summary(await s.runDue(d(dueAt)))).toEqual([['renewal-decision-due', 'fired', [`RenewalDecisionDue@${dueAt}`]]]);
    // Auto-renewing: at expiry it renews for another term, whose window is listed again.
    expect(summary(await s.runDue(d(EXPIRY)))).toEqual([['expiry', 'fired', [`ContractRenewed@${EXPIRY}`]]]);
    expect((await pending()).map((p) => p.kind)).toEqual(['renewal-window', 'renewal-decision-due', 'expiry']);
  });

  it('an amendment that moves the expiry moves the pending renewal deadlines', async () => {
    const newExpiry = at(days(300));
    const amended = runContract(
      [
        { type: 'RequestChange', actorId: RECORDER, occurredAt: at(days(30)), changeId: 'ch-1', title: 'Longer term', rationale: 'stable', proposedLevel: 'fundamental', costImpact: { amount: '0.00', currency: 'EUR' }, proposedTerms: { expiresAt: newExpiry } },
        { type: 'ApproveChange', actorId: PEOPLE.erin.personId, occurredAt: at(days(31)), changeId: 'ch-1' },
      ],
      contractContext(),
      activated(),
    );
    await h.append(contractStream(MSA_ID), activated());
    expect((await pending()).map((p) => p.run_at)).toEqual([addDays(EXPIRY, -120), addDays(EXPIRY, -60), EXPIRY]);
    await h.append(contractStream(MSA_ID), amended.slice(activated().length));
    expect(await pending()).toEqual([
      { kind: 'renewal-window', run_at: addDays(newExpiry, -120), status: 'pending' },
      { kind: 'renewal-decision-due', run_at: addDays(newExpiry, -60), status: 'pending' },
      { kind: 'expiry', run_at: newExpiry, status: 'pending' },
    ]);
    const s = newScheduler();
    // The old window (day 80) and decision date (day 140) pass with nothing to do.
    expect((await s.runDue(d(addDays(EXPIRY, -60)))).fired).toEqual([]);
    expect((await s.runDue(d(ms(addDays(newExpiry, -120), -1)))).fired).toEqual([]);
    expect(summary(await s.runDue(d(addDays(newExpiry, -120))))).toEqual([['renewal-window', 'fired', [`RenewalWindowOpened@${addDays(newExpiry, -120)}`]]]);
  });

  it('exactly once: a second round at the same instant sends nothing, and a repeat of a deadline command is answered from its idempotency record', async () => {
    await h.append(contractStream(MSA_ID), runContract([raise], contractContext(), activated()));
    const s = newScheduler();
    expect((await s.runDue(d(TUESDAY_0900))).fired).toHaveLength(1);
    expect((await s.runDue(d(TUESDAY_0900))).fired).toEqual([]);
    const [row] = await h.db.query<{ deadline_id: string; status: string }>("SELECT deadline_id, status FROM {rm_deadlines} WHERE kind = 'escalation' AND status <> 'pending'");
    expect(row).toEqual({ deadline_id: `${MSA_ID}:escalation:esc-1:${TUESDAY_0900}`, status: 'fired' });
    // As after a crash between sending and marking: the same command with the same key writes nothing.
    const version = await h.store.streamVersion(contractStream(MSA_ID));
    const command = { type: 'EscalateOverdue' as const, actorId: SCHEDULER_ACTOR, now: TUESDAY_0900 };
    const repeat = await gateway.contract(MSA_ID, command, { actorId: SCHEDULER_ACTOR, correlationId: 'x', idempotency: { key: `deadline:${row.deadline_id}`, requestHash: commandHash(MSA_ID, command) } });
    expect(repeat.replayed).toBe(true);
    expect(await h.store.streamVersion(contractStream(MSA_ID))).toBe(version);
    expect(await eventsOf('EscalationEscalated')).toHaveLength(1);
  });

  it('a deadline whose row is pending again (crash before marking) is sent again and answered from the idempotency record', async () => {
    await h.append(contractStream(MSA_ID), signed());
    const s = newScheduler();
    await s.runDue(d(T0));
    await h.db.exec(["UPDATE rm_deadlines SET status = 'pending' WHERE kind = 'activation'"]);
    const again = await s.runDue(d(T0));
    expect(again.fired.map((f) => [f.kind, f.outcome, f.replayed, f.events.length])).toEqual([['activation', 'fired', true, 0]]);
    expect(await eventsOf('ContractActivated')).toHaveLength(1);
  });

  it('in the api process: runs on its interval by its clock only in an HTTP application with COVENANT_SCHEDULER on', async () => {
    await h.append(contractStream(MSA_ID), signed());
    let clock = ms(T0, -1);
    const s = newScheduler(() => d(clock));
    const http = { httpAdapter: {} } as unknown as HttpAdapterHost;
    const runner = (scheduler: 'on' | 'off', host?: HttpAdapterHost) => new SchedulerRunner(s, { scheduler } as CovenantConfig, host);
    const cli = runner('on');
    cli.onApplicationBootstrap();
    expect(cli.running).toBe(false);
    const off = runner('off', http);
    off.onApplicationBootstrap();
    expect(off.running).toBe(false);
    const api = runner('on', http);
    api.onApplicationBootstrap();
    expect(api.running).toBe(true);
    api.stop();
    api.start(5);
    await new Promise((r) => setTimeout(r, 50));
    expect(await eventsOf('ContractActivated')).toEqual([]);
    clock = T0;
    for (let i = 0; i < 200 && (await eventsOf('ContractActivated')).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await api.onModuleDestroy();
    expect(api.running).toBe(false);
    expect(await eventsOf('ContractActivated')).toEqual([{ type: 'ContractActivated', occurredAt: T0, actorId: SCHEDULER_ACTOR }]);
  });

  if (engine === 'postgres') {
    it('two schedulers on one PostgreSQL: only the lock holder acts; the other takes over when it stops', async () => {
      await h.append(contractStream(MSA_ID), runContract([raise], contractContext(), activated()));
      const a = newScheduler();
      const b = newScheduler();
      const [ra, rb] = await Promise.all([a.runDue(d(TUESDAY_0900)), b.runDue(d(TUESDAY_0900))]);
      expect([ra.leader, rb.leader].sort()).toEqual([false, true]);
      expect(ra.fired.length + rb.fired.length).toBe(1);
      const [leader, follower] = ra.leader ? [a, b] : [b, a];
      expect((await follower.runDue(d(FRIDAY_0900))).leader).toBe(false);
      await leader.stop();
      const took = await follower.runDue(d(FRIDAY_0900));
      expect(took.leader).toBe(true);
      expect(summary(took)).toEqual([['escalation', 'fired', [`EscalationEscalated@${FRIDAY_0900}`]]]);
      expect(await eventsOf('EscalationEscalated')).toHaveLength(2);
    });
  }
});
