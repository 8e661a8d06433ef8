/**
 * A scheduler in its own OS process, for the SIGKILL test: `setup <file>` records a contract with
 * several deadlines; `run <file> <now> <pauseAfter>` runs one round and, when pauseAfter > 0, stops
 * for good right after that many commands were sent (before their rows are marked), waiting to be
 * killed.
 */
import { ContractEvent, contractStream, partnershipStream } from '@covenant/domain';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { Projector } from '@covenant/projections/framework/projector';
import { SqliteReadModelDb } from '@covenant/projections/framework/read-model-db';
import { deadlinesProjection } from '@covenant/projections/read-models/deadlines/deadlines.projection';
import { aPartnershipWithCharter, aSignedContract, at, contractContext, days, masterTerms, MSA_ID, RECORDER, runContract } from '@covenant/testing/builders';
import { CommandGateway } from '../../commands/command-gateway';
import { IDEMPOTENCY_DDL, IdempotencyStore } from '../../idempotency/idempotency-store';
import { indexInTransaction, LOOKUP_DDL, LookupIndex } from '../../lookup/lookup-index';
import { sqliteSession } from '../../sql/sql-session';
import { DeadlineScheduler } from '../scheduler';

async function main(): Promise<void> {
  const [mode, file, now, pauseAfterRaw] = process.argv.slice(2);
  const store = new SqliteEventStore({ file });
  const db = new SqliteReadModelDb(store.db);
  const projector = new Projector({ store, db, projections: [deadlinesProjection], mode: 'inline' });
  await projector.ensureSchema();
  projector.registerInline();
  const session = sqliteSession(store.db);
  await session.exec(LOOKUP_DDL);
  await session.exec(IDEMPOTENCY_DDL);
  store.registerInTransaction(indexInTransaction);

  if (mode === 'setup') {
    const append = async (streamId: string, events: readonly ContractEvent[] | ReturnType<typeof aPartnershipWithCharter>): Promise<void> => {
      await store.appendToStream(
        streamId,
        events.map((e) => ({ type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: { actorId: RECORDER, ...(e.occurredAt ? { occurredAt: e.occurredAt } : {}) } })),
        { expectedVersion: 'no-stream' },
      );
    };
    await append(partnershipStream('acme-globex'), aPartnershipWithCharter());
    const signed = aSignedContract({ terms: masterTerms({ expiresAt: at(days(200)) }) });
    // Active from T0 (Monday 09:00), expiring 200 days later; an escalation raised Tuesday 09:00.
    const raised = runContract([{ type: 'ActivateIfDue', actorId: 'system:scheduler', now: at(0) }, { type: 'RaiseEscalation', actorId: RECORDER, occurredAt: at(days(1)), escalationId: 'esc-1', subject: 'Invoices rejected' }], contractContext(), signed);
    await append(contractStream(MSA_ID), raised);
    process.stdout.write('setup done\n');
  } else {
    const pauseAfter = Number(pauseAfterRaw ?? '0');
    let sent = 0;
    const gateway = new CommandGateway(store, new LookupIndex(session), new IdempotencyStore(session));
    const scheduler = new DeadlineScheduler({
      gateway,
      store,
      db,
      onSent: async (d) => {
        sent += 1;
        process.stdout.write(`sent ${d.deadlineId}\n`);
        if (sent === pauseAfter) {
          process.stdout.write('paused\n');
          await new Promise(() => setInterval(() => undefined, 1000));
        }
      },
    });
    const round = await scheduler.runDue(new Date(now));
    process.stdout.write(`${JSON.stringify(round.fired.map((f) => ({ id: f.deadlineId, outcome: f.outcome, replayed: f.replayed, events: f.events.length })))}\n`);
  }
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
