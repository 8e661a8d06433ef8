import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContractCommand, contractStream, partnershipStream } from '@covenant/domain';
import { PostgresEventStore } from '@covenant/event-store/adapters/postgres/postgres-event-store';
import { anActiveMaster, aPartnershipWithCharter, at, contractContext, days, MSA_ID, RECORDER, runContract } from '@covenant/testing/builders';
import { createTestDatabase, TestDatabase } from '@covenant/testing/postgres';
import { spawnTs, TsChild } from '@covenant/testing/spawn-ts';

const MAIN = join(__dirname, 'main.ts');
const raise = (escalationId: string, day: number): ContractCommand => ({ type: 'RaiseEscalation', actorId: RECORDER, occurredAt: at(days(day)), escalationId, subject: `Issue ${escalationId}` });

interface Running {
  child: TsChild;
  out: () => string;
}

describe('apps/projector: two processes on one PostgreSQL', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let dataDir: string;
  const children: Running[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore({ connectionString: db.url, pollIntervalMs: 50 });
    dataDir = mkdtempSync(join(tmpdir(), 'covenant-projector-'));
  });
  afterAll(async () => {
    for (const r of children) if (r.child.process.exitCode === null) r.child.process.kill('SIGKILL');
    await Promise.all(children.map((r) => r.child.done.catch(() => undefined)));
    await store.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (): Running => {
    const child = spawnTs(MAIN, [], { COVENANT_STORE: 'postgres', DATABASE_URL: db.url, COVENANT_DATA_DIR: dataDir, LOG_LEVEL: 'log', COVENANT_SCHEDULER: 'on' });
    let out = '';
    child.process.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const running = { child, out: () => out };
    children.push(running);
    return running;
  };
  /** The deadlines each process fired (its scheduler's log lines). */
  // eslint-disable-next-line no-control-regex
  const firedBy = (r: Running): string[] => r.out().replace(/\x1b\[[0-9;]*m/g, '').split('\n').flatMap((l) => /\] fired (\S+):/.exec(l)?.[1] ?? []);
  const moves = async (): Promise<string[]> => {
    const out: string[] = [];
    for await (const e of store.readStream(contractStream(MSA_ID))) if (e.type === 'EscalationEscalated') out.push(`${(e.data as { escalationId: string }).escalationId}→${(e.data as { toLevel: number }).toLevel}`);
    return out;
  };
  const until = async (what: () => Promise<boolean>): Promise<void> => {
    for (let i = 0; i < 600 && !(await what()); i++) await new Promise((r) => setTimeout(r, 200));
  };

  it('only the holder of the scheduler lock acts; the other waits and takes over when the holder is killed', async () => {
    const partnership = aPartnershipWithCharter();
    // An escalation raised in January 2025: both of its moves up the ladder are long due.
    const contract = runContract([raise('esc-1', 1)], contractContext(), anActiveMaster());
    const toNew = (events: ReadonlyArray<{ type: string; schemaVersion: number; data: unknown; occurredAt?: string }>) =>
      events.map((e) => ({ type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: { actorId: RECORDER, ...(e.occurredAt ? { occurredAt: e.occurredAt } : {}) } }));
    await store.appendToStream(partnershipStream('acme-globex'), toNew(partnership), { expectedVersion: 'no-stream' });
    await store.appendToStream(contractStream(MSA_ID), toNew(contract), { expectedVersion: 'no-stream' });

    const a = start();
    const b = start();
    await until(async () => (await moves()).length >= 2);
    // Both are up and have had rounds of their own since: the follower never acted.
    await until(async () => a.out().includes('projector running') && b.out().includes('projector running'));
    await new Promise((r) => setTimeout(r, 2500));
    expect(await moves()).toEqual(['esc-1→2', 'esc-1→3']);
    const [leader, follower] = firedBy(a).length > 0 ? [a, b] : [b, a];
    expect(firedBy(leader).map((id) => id.split(':')[2])).toEqual(['esc-1', 'esc-1']);
    expect(firedBy(follower)).toEqual([]);

    // The leader dies without releasing anything: its session ends, and with it the advisory lock.
    leader.child.process.kill('SIGKILL');
    await leader.child.done.catch(() => undefined);
    const version = (await store.streamVersion(contractStream(MSA_ID))) as number;
    const next = runContract([raise('esc-2', 2)], contractContext(), contract).slice(contract.length);
    await store.appendToStream(contractStream(MSA_ID), toNew(next), { expectedVersion: version });
    await until(async () => (await moves()).length >= 4);
    // The events are in the store before the follower's log lines reach this process through its pipe.
    await until(async () => firedBy(follower).length >= 2);
    expect(await moves()).toEqual(['esc-1→2', 'esc-1→3', 'esc-2→2', 'esc-2→3']);
    expect(firedBy(follower).map((id) => id.split(':')[2])).toEqual(['esc-2', 'esc-2']);
  }, 240_000);
});
