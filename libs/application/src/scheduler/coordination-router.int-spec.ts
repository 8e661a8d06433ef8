import { ContractCommand, contractStream, partnershipStream } from '@covenant/domain';
import type { EventEnvelope } from '@covenant/event-store';
import type { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { PgReadModelDb } from '@covenant/projections/framework/read-model-db';
import { deadlinesProjection } from '@covenant/projections/read-models/deadlines/deadlines.projection';
import { ACME, addendumContext, addendumTerms, ADDENDUM_ID, anActiveContract, aPartnershipWithCharter, at, days, hours, masterTerms, MSA_ID, PEOPLE, RECORDER } from '@covenant/testing/builders';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { CommandGateway } from '../commands/command-gateway';
import { IDEMPOTENCY_DDL, IdempotencyStore } from '../idempotency/idempotency-store';
import { indexInTransaction, LOOKUP_DDL, LookupIndex } from '../lookup/lookup-index';
import { pgSession, SqlSession, sqliteSession } from '../sql/sql-session';
import { CoordinationRouter, PROCESS_MANAGER_ACTOR } from './coordination-router';
import { DeadlineScheduler } from './scheduler';

const d = (iso: string): Date => new Date(iso);

describe.each(['sqlite', 'postgres'] as const)('coordination process manager on %s', (engine) => {
  let h: ProjectionHarness;
  let session: SqlSession;
  let gateway: CommandGateway;
  let scheduler: DeadlineScheduler;
  let router: CoordinationRouter;

  beforeEach(async () => {
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite([deadlinesProjection]) : await ProjectionHarness.postgres([deadlinesProjection]);
    session = h.db instanceof PgReadModelDb ? pgSession(h.db.pool) : sqliteSession((h.store as SqliteEventStore).db);
    await session.exec(LOOKUP_DDL);
    await session.exec(IDEMPOTENCY_DDL);
    h.store.registerInTransaction(indexInTransaction);
    const lookup = new LookupIndex(session);
    gateway = new CommandGateway(h.store, lookup, new IdempotencyStore(session));
    router = new CoordinationRouter({ gateway, store: h.store, db: h.db, lookup, batchSize: 2 });
    scheduler = new DeadlineScheduler({ gateway, store: h.store, db: h.db, router });
    await h.append(partnershipStream('acme-globex'), aPartnershipWithCharter());
  });
  afterEach(async () => {
    await scheduler.stop();
    await h.close();
  });

  const streamOf = async (contractId: string): Promise<EventEnvelope[]> => {
    const out: EventEnvelope[] = [];
    for await (const e of h.store.readStream(contractStream(contractId))) out.push(e);
    return out;
  };
  const send = (contractId: string, command: ContractCommand) => gateway.contract(contractId, command, { actorId: command.actorId, correlationId: `corr-${command.type}` });
  const activeMaster = (links: string[]) => h.append(contractStream(MSA_ID), anActiveContract({ terms: masterTerms({ coordinationLinks: links }) }));
  const activeAddendum = () => h.append(contractStream(ADDENDUM_ID), anActiveContract({ contractId: ADDENDUM_ID, terms: addendumTerms(), masterContractId: MSA_ID, context: addendumContext() }));
  const amendMaster = async (): Promise<void> => {
    await send(MSA_ID, { type: 'RequestChange', actorId: RECORDER, occurredAt: at(days(30)), changeId: 'ch-1', title: 'Rename', rationale: 'branding', proposedLevel: 'minor', costImpact: { amount: '0.00', currency: 'EUR' }, proposedTerms: { title: 'MSA 2025' } });
    await send(MSA_ID, { type: 'ApproveChange', actorId: PEOPLE.alice.personId, occurredAt: at(days(31)), changeId: 'ch-1' });
  };

  it('LinkedReviewRequested reaches the linked contract as a review request caused by it, once, even when the checkpoint is lost', async () => {
    await activeMaster([ADDENDUM_ID]);
    await activeAddendum();
    await amendMaster();
    const request = (await streamOf(MSA_ID)).find((e) => e.type === 'LinkedReviewRequested');
    expect(request?.data).toMatchObject({ linkedContractId: ADDENDUM_ID, changeId: 'ch-1', amendmentNumber: 1 });

    const round = await scheduler.runDue(d(at(days(31) + hours(1))));
    expect(round.routed.map((r) => [r.sourceType, r.contractId, r.command, r.outcome, r.replayed, r.idempotencyKey])).toEqual([
      ['LinkedReviewRequested', ADDENDUM_ID, 'ReceiveLinkedReview', 'sent', false, `linked-review:${request?.id}`],
    ]);
    const received = (await streamOf(ADDENDUM_ID)).filter((e) => e.type === 'LinkedReviewReceived');
    expect(received.map((e) => ({ data: e.data, causationId: e.metadata.causationId, correlationId: e.metadata.correlationId, actorId: e.metadata.actorId, occurredAt: e.metadata.occurredAt }))).toEqual([
      {
        data: { contractId: ADDENDUM_ID, sourceContractId: MSA_ID, changeId: 'ch-1', amendmentNumber: 1 },
        causationId: request?.id,
        correlationId: 'corr-ApproveChange',
        actorId: PROCESS_MANAGER_ACTOR,
        occurredAt: at(days(31)),
      },
    ]);

    expect((await scheduler.runDue(d(at(days(32))))).routed).toEqual([]);
    // As after a crash between sending and saving the checkpoint: sent again, answered from its idempotency record.
    await h.db.exec(['UPDATE covenant_process_checkpoints SET position = 0']);
    const again = await scheduler.runDue(d(at(days(32))));
    expect(again.routed.map((r) => [r.contractId, r.outcome, r.replayed])).toEqual([[ADDENDUM_ID, 'sent', true]]);
    expect((await streamOf(ADDENDUM_ID)).filter((e) => e.type === 'LinkedReviewReceived')).toHaveLength(1);
  });

  it("a master's termination terminates each of its addenda with it (effective on the master's date), once", async () => {
    await activeMaster([]);
    await activeAddendum();
    const effectiveAt = at(days(100));
    await send(MSA_ID, {
      type: 'TerminateContract',
      actorId: PEOPLE.erin.personId,
      occurredAt: at(days(40)),
      reason: 'mutual',
      grounds: 'strategy change',
      effectiveAt,
      exitPlan: [{ stepId: 'kt', kind: 'knowledge-transfer', description: 'Runbooks', dueAt: at(days(90)), ownerPartyId: ACME.partyId }],
    });
    const terminated = (await streamOf(MSA_ID)).find((e) => e.type === 'ContractTerminated');

    const round = await scheduler.runDue(d(at(days(41))));
    // The addendum's own termination is not routed any further.
    expect(round.routed.map((r) => [r.contractId, r.command, r.outcome, r.idempotencyKey])).toEqual([[ADDENDUM_ID, 'TerminateWithMaster', 'sent', `terminate-with-master:${terminated?.id}:${ADDENDUM_ID}`]]);
    const followed = (await streamOf(ADDENDUM_ID)).filter((e) => e.type === 'ContractTerminated');
    expect(followed.map((e) => ({ data: e.data, causationId: e.metadata.causationId, actorId: e.metadata.actorId }))).toEqual([
      {
        data: { contractId: ADDENDUM_ID, reason: 'master-terminated', grounds: `master agreement ${MSA_ID} terminated`, effectiveAt, exitPlan: [], masterContractId: MSA_ID },
        causationId: terminated?.id,
        actorId: PROCESS_MANAGER_ACTOR,
      },
    ]);
    expect((await scheduler.runDue(d(at(days(42))))).routed).toEqual([]);
  });

  it('moves its checkpoint past a stretch with nothing to route, so a round never reads it again; what comes later is still routed', async () => {
    await activeMaster([ADDENDUM_ID]);
    await activeAddendum();
    expect(await router.checkpoint()).toBe(0);
    expect((await scheduler.runDue(d(at(days(20))))).routed).toEqual([]);
    const head = await h.store.headPosition();
    expect(head).toBeGreaterThan(4); // more than two batches (of 2) of events, none of them routed
    expect(await router.checkpoint()).toBe(head);

    await amendMaster();
    const round = await scheduler.runDue(d(at(days(31) + hours(1))));
    expect(round.routed.map((r) => [r.contractId, r.command, r.outcome])).toEqual([[ADDENDUM_ID, 'ReceiveLinkedReview', 'sent']]);
    // The round's own command appended after it read the head: the next round passes over it.
    expect((await scheduler.runDue(d(at(days(32))))).routed).toEqual([]);
    expect(await router.checkpoint()).toBe(await h.store.headPosition());
  });

  it('a review request for a contract that does not exist is recorded as nothing to do and the log moves on', async () => {
    await activeMaster(['ghost-contract']);
    await amendMaster();
    const round = await scheduler.runDue(d(at(days(31) + hours(1))));
    expect(round.routed.map((r) => [r.contractId, r.outcome, r.reason])).toEqual([['ghost-contract', 'void', 'CONTRACT.NOT_FOUND']]);
    expect(await h.store.streamVersion(contractStream('ghost-contract'))).toBe(-1);
    expect((await scheduler.runDue(d(at(days(32))))).routed).toEqual([]);
  });
});
