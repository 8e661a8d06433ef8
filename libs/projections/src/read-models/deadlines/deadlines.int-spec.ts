import { contractDeadlines } from '@covenant/domain';
import { runStory } from '@covenant/testing/domain-story';
import { appendHistory } from '@covenant/testing/history-generator';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { canonicalInstant } from '../contract-state/contract-view';
import { appendStory, replayAll } from '../contract-state/test-support/replay';
import { deadlineId, deadlinesProjection, forgetRememberedStates } from './deadlines.projection';

interface Row {
  deadline_id: string;
  contract_id: string;
  kind: string;
  ref: string | null;
  deadline: string;
  run_at: string;
  command: string;
}

describe.each(['sqlite', 'postgres'] as const)('deadlines read model on %s', (engine) => {
  let h: ProjectionHarness;
  beforeEach(async () => {
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite([deadlinesProjection]) : await ProjectionHarness.postgres([deadlinesProjection]);
  });
  afterEach(() => h.close());

  /** The oracle: every contract replayed in full by the domain (SLA events included), its deadlines listed. */
  const expected = async (): Promise<Row[]> => {
    const rows: Row[] = [];
    for (const [contractId, r] of await replayAll(h)) {
      for (const d of contractDeadlines(r.state)) {
        rows.push({ deadline_id: deadlineId(contractId, d), contract_id: contractId, kind: d.kind, ref: d.ref, deadline: canonicalInstant(d.deadline), run_at: canonicalInstant(d.runAt), command: d.command });
      }
    }
    return rows.sort((a, b) => a.deadline_id.localeCompare(b.deadline_id));
  };
  const actual = async (): Promise<Row[]> =>
    (await h.db.query<Row>("SELECT deadline_id, contract_id, kind, ref, deadline, run_at, command FROM {rm_deadlines} WHERE status = 'pending'")).sort((a, b) =>
      a.deadline_id.localeCompare(b.deadline_id),
    );

  it('the pending deadlines are exactly contractDeadlines of each contract replayed in full, after the demo story', async () => {
    await appendStory(h, runStory());
    const want = await expected();
    expect(want.length).toBeGreaterThan(0);
    expect(await actual()).toEqual(want);
  });

  it('and after a generated multi-partnership history (SLA measurements, breaches and credits included, not folded here)', async () => {
    await appendHistory(h.store, { seed: 11, partnerships: 2, contractsPerPartnership: 3, months: 8 });
    const want = await expected();
    expect(want.length).toBeGreaterThan(0);
    expect(await actual()).toEqual(want);
  });

  it('keeps the growing parts of a state apart; read back from the tables, the state is the contract replayed in full', async () => {
    // Half the history with states remembered in memory, then the rest with every state read back
    // from its row and its parts: the deadlines and the stored states must not tell the difference.
    await appendHistory(h.store, { seed: 12, partnerships: 2, contractsPerPartnership: 3, months: 4 });
    forgetRememberedStates();
    await appendHistory(h.store, { seed: 13, partnerships: 2, contractsPerPartnership: 3, months: 4 });
    forgetRememberedStates();
    await appendStory(h, runStory());
    expect(await actual()).toEqual(await expected());
    const parts = await h.db.query<{ contract_id: string; part: string; value: string }>('SELECT contract_id, part, value FROM {rm_deadline_contract_parts}');
    const rows = await h.db.query<{ contract_id: string; state: string }>('SELECT contract_id, state FROM {rm_deadline_contracts}');
    const replayed = await replayAll(h);
    expect(rows.length).toBe(replayed.size);
    for (const row of rows) {
      const core = JSON.parse(row.state) as Record<string, unknown>;
      expect(core).not.toHaveProperty('termsHistory');
      expect(core).not.toHaveProperty('terms');
      const stored = { ...core, ...Object.fromEntries(parts.filter((p) => p.contract_id === row.contract_id).map((p) => [p.part, JSON.parse(p.value)])) };
      const r = replayed.get(row.contract_id);
      expect(stored).toEqual({ ...r?.state, sla: { breaches: {}, accrued: {} } });
    }
  });

  it('applying every event again changes nothing (idempotent per position)', async () => {
    await appendStory(h, runStory());
    const before = await h.snapshot();
    await h.reapplyEverything();
    expect(await h.snapshot()).toEqual(before);
  });
});
