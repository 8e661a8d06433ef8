import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { SQLITE_EVENTS_FILE } from '@covenant/application/store/create-event-store';
import { appendDated, LONG_CONTRACT_ID, longContractHistory } from '@covenant/application/replay/test-support/long-contract';
import { runStory } from '@covenant/testing/domain-story';

jest.setTimeout(120_000);

const root = join(__dirname, '..', '..', '..', '..');
const covenant = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: 'error', ...env }, encoding: 'utf8', timeout: 60_000 });

const PARTNERSHIP = 'acme-globex';

describe('covenant replay and covenant diff', () => {
  let dataDir: string;
  let env: Record<string, string>;
  const history = longContractHistory(46);
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'covenant-replay-'));
    env = { COVENANT_DATA_DIR: dataDir };
    let now = '2024-12-01T00:00:00.000Z';
    const store = new SqliteEventStore({ file: join(dataDir, SQLITE_EVENTS_FILE), clock: () => new Date(now) });
    const partnership = runStory().streams[`partnership-${PARTNERSHIP}`];
    await store.appendToStream(`partnership-${PARTNERSHIP}`, partnership.map((e) => ({ type: e.type, data: e.data, metadata: { occurredAt: e.occurredAt } })));
    await appendDated(store, history, (at) => (now = at));
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('replays a contract as of a business instant, listing the events applied (human and --json)', () => {
    const human = covenant(['replay', 'contract', LONG_CONTRACT_ID, '--as-of', '2025-01-06T09:00:00Z'], env);
    expect(human.status).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      `Contract ${LONG_CONTRACT_ID} as of 2025-01-06T09:00:00Z, as known at now`,
      `version 4, updated ${history[4].recordedAt}`,
      'status active; "Master Services Agreement"; terms version 1, 0 amendment(s)',
    ]);
    expect(lines[4]).toBe('5 event(s) applied:');
    // 13 partnership events come first in the log: the activation (v4) is at position 18.
    expect(lines[9]).toBe(`  #${13 + 5}  v4  ${'ContractActivated'.padEnd(28)} occurred 2025-01-06T09:00:00.000Z  recorded ${history[4].recordedAt}`);
    const json = covenant(['replay', 'contract', LONG_CONTRACT_ID, '--known-at', history[14].recordedAt, '--json'], env);
    const view = JSON.parse(json.stdout);
    expect({ status: json.status, version: view.version, amendments: view.amendments, termsVersion: view.termsVersion, applied: view.eventsApplied.length }).toEqual({ status: 0, version: 14, amendments: 1, termsVersion: 2, applied: 15 });
  });

  it('replays a partnership, and exits 1 before it was formed and 2 on a bad instant', () => {
    const json = covenant(['replay', 'partnership', PARTNERSHIP, '--json'], env);
    const view = JSON.parse(json.stdout);
    expect({ status: json.status, id: view.partnershipId, applied: view.eventsApplied.length, version: view.version }).toEqual({ status: 0, id: PARTNERSHIP, applied: 13, version: 12 });
    expect(covenant(['replay', 'partnership', PARTNERSHIP, '--as-of', '2000-01-01T00:00:00Z'], env)).toMatchObject({ status: 1, stdout: '' });
    expect(covenant(['replay', 'contract', LONG_CONTRACT_ID, '--as-of', 'yesterday'], env)).toMatchObject({ status: 2, stderr: expect.stringMatching(/^covenant replay: --as-of must be an ISO-8601 instant/) });
  });

  it('diffs the terms between two instants and names the amending events and change ids', () => {
    const r = covenant(['diff', 'contract', LONG_CONTRACT_ID, '--from', '2025-01-10T00:00:00Z', '--to', '2025-03-31T00:00:00Z', '--json'], env);
    const diff = JSON.parse(r.stdout);
    expect(r.status).toBe(0);
    expect(diff.changes.map((c: { path: string }) => c.path)).toEqual(['/title', '/value/amount']);
    expect(diff.changes.flatMap((c: { events: Array<{ changeId: string; version: number }> }) => c.events.map((e) => `${e.version}:${e.changeId}`))).toEqual(['14:ch-1', '33:ch-4']);
    const human = covenant(['diff', 'contract', LONG_CONTRACT_ID, '--from', '2025-01-10T00:00:00Z', '--to', '2025-03-31T00:00:00Z'], env);
    expect(human.stdout.split('\n')[0]).toBe(`Contract ${LONG_CONTRACT_ID}: terms from 2025-01-10T00:00:00Z to 2025-03-31T00:00:00Z (as known now): ${diff.changes.length} change(s)`);
    expect(covenant(['diff', 'contract', 'nope', '--from', '2025-01-10T00:00:00Z', '--to', '2025-03-31T00:00:00Z'], env)).toMatchObject({ status: 1 });
  });
});
