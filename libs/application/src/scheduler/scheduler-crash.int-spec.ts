import { join } from 'node:path';
import { contractStream } from '@covenant/domain';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { MSA_ID } from '@covenant/testing/builders';
import { spawnTs } from '@covenant/testing/spawn-ts';
import { tempSqliteFile, TempSqliteFile } from '@covenant/testing/sqlite';

const CHILD = join(__dirname, 'test-support/scheduler-child.ts');
// T0 + 150 days: both escalation moves, the renewal window (day 80) and the decision date (day 140) are due.
const NOW = '2025-06-05T09:00:00.000Z';

describe('deadline scheduler killed with SIGKILL between two deadlines', () => {
  let temp: TempSqliteFile;
  beforeEach(() => {
    temp = tempSqliteFile();
  });
  afterEach(() => temp.remove());

  const typesInLog = async (): Promise<string[]> => {
    const store = new SqliteEventStore({ file: temp.file });
    try {
      const out: string[] = [];
      for await (const e of store.readStream(contractStream(MSA_ID))) if (e.metadata.actorId === 'system:scheduler' && e.type !== 'ContractActivated') out.push(`${e.type}@${e.metadata.occurredAt}`);
      return out;
    } finally {
      await store.close();
    }
  };

  it('fires each deadline exactly once after a restart', async () => {
    await spawnTs(CHILD, ['setup', temp.file]).done;
    const first = spawnTs(CHILD, ['run', temp.file, NOW, '2']);
    await first.printed('paused');
    first.process.kill('SIGKILL');
    await first.done.catch(() => undefined);
    // Killed after its second command was written and before that deadline's row was marked.
    expect(await typesInLog()).toEqual(['EscalationEscalated@2025-01-08T09:00:00.000Z', 'EscalationEscalated@2025-01-11T09:00:00.000Z']);

    const second = await spawnTs(CHILD, ['run', temp.file, NOW, '0']).done;
    const fired = JSON.parse(second.trim().split('\n').at(-1) ?? '[]') as Array<{ id: string; outcome: string; replayed: boolean; events: number }>;
    expect(fired.map((f) => [f.id.split(':')[1], f.outcome, f.events])).toEqual([
      ['renewal-window', 'fired', 1],
      ['renewal-decision-due', 'fired', 1],
    ]);
    expect(await typesInLog()).toEqual([
      'EscalationEscalated@2025-01-08T09:00:00.000Z',
      'EscalationEscalated@2025-01-11T09:00:00.000Z',
      'RenewalWindowOpened@2025-03-27T09:00:00.000Z',
      'RenewalDecisionDue@2025-05-26T09:00:00.000Z',
    ]);
    // A third run has nothing left to do.
    const third = await spawnTs(CHILD, ['run', temp.file, NOW, '0']).done;
    expect(third.trim().split('\n').at(-1)).toBe('[]');
  }, 60_000);
});
