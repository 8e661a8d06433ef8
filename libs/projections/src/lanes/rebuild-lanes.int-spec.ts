import { existsSync } from 'node:fs';
import { appendHistory } from '@covenant/testing/history-generator';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { RebuildSupersededError } from '../framework/rebuild';
import { ALL_PROJECTIONS, projectionNamed } from '../registry';
import { laneFileOf, planLanes, rebuildInLanes } from './rebuild-lanes';

jest.setTimeout(120_000);

/** A SQLite store with a generated history, kept inline: the rows every rebuild must give back. */
async function withHistory(body: (h: ProjectionHarness, file: string, head: number) => Promise<void>): Promise<void> {
  const h = await ProjectionHarness.sqlite(ALL_PROJECTIONS);
  try {
    const { events } = await appendHistory(h.store, { seed: 5, partnerships: 3, months: 6 });
    await body(h, (h.connection as { file: string }).file, events);
  } finally {
    await h.close();
  }
}

describe('planLanes', () => {
  const names = (ps: readonly { name: string }[]) => ps.map((p) => p.name);

  it('gives the worker the heaviest projections it can copy, up to half of the work, and keeps one row per event in the store', () => {
    const plan = planLanes(ALL_PROJECTIONS, new Set());
    expect(names(plan.worker)).toEqual(expect.arrayContaining(['deadlines', 'sla-compliance']));
    expect(names(plan.worker)).not.toContain('audit-trail');
    expect(names(plan.worker)).not.toContain('timeline');
    expect([...names(plan.main), ...names(plan.worker)].sort()).toEqual(names(ALL_PROJECTIONS).sort());
  });

  it('leaves in the store a projection whose rebuild already has progress there', () => {
    const plan = planLanes(ALL_PROJECTIONS, new Set(['deadlines']));
    expect(names(plan.main)).toContain('deadlines');
    expect(names(plan.worker)).toContain('sla-compliance');
  });

  it('has nothing for the worker when only projections that stay remain', () => {
    const plan = planLanes([projectionNamed('audit-trail'), projectionNamed('timeline')].map((p) => p as NonNullable<typeof p>), new Set());
    expect(plan.worker).toEqual([]);
  });
});

describe('a rebuild in two lanes on SQLite', () => {
  it('replays part of the read models in a worker thread and ends with the rows the inline projections kept', async () => {
    await withHistory(async (h, file, head) => {
      const inline = await h.snapshot();
      let laneFileSeen = false;
      const events = await rebuildInLanes(h.projector, ALL_PROJECTIONS, {
        fresh: true,
        eventsFile: file,
        minEvents: 0,
        onProgress: () => (laneFileSeen ||= existsSync(laneFileOf(file))),
      });
      expect(laneFileSeen).toBe(true); // the worker's lane really ran, in its own file
      expect(events).toBe(head);
      expect(existsSync(laneFileOf(file))).toBe(false);
      const rows = await h.projector.catalog();
      expect(rows.every((r) => r.rebuild_generation === null && Number(r.position) === head)).toBe(true);
      expect(await h.snapshot()).toEqual(inline);
    });
  });

  it('runs in one lane when the log is shorter than the threshold', async () => {
    await withHistory(async (h, file, head) => {
      const inline = await h.snapshot();
      let laneFileSeen = false;
      await rebuildInLanes(h.projector, ALL_PROJECTIONS, { fresh: true, eventsFile: file, onProgress: () => (laneFileSeen ||= existsSync(laneFileOf(file))) });
      expect(head).toBeLessThan(50_000);
      expect(laneFileSeen).toBe(false);
      expect(await h.snapshot()).toEqual(inline);
    });
  });

  it('finishes in one lane when a lane runs out of its heap', async () => {
    await withHistory(async (h, file, head) => {
      const inline = await h.snapshot();
      const failures: unknown[] = [];
      const events = await rebuildInLanes(h.projector, ALL_PROJECTIONS, { fresh: true, eventsFile: file, minEvents: 0, laneHeapMb: 2, onLaneFailure: (e) => failures.push(e) });
      expect(failures).toEqual([expect.objectContaining({ code: 'ERR_WORKER_OUT_OF_MEMORY' })]);
      expect(events).toBeGreaterThan(0);
      expect(existsSync(laneFileOf(file))).toBe(false);
      const rows = await h.projector.catalog();
      expect(rows.every((r) => r.rebuild_generation === null && Number(r.position) === head)).toBe(true);
      expect(await h.snapshot()).toEqual(inline);
    });
  });

  it('does not swap in a lane whose projection another rebuild has taken over', async () => {
    await withHistory(async (h, file) => {
      const inline = await h.snapshot();
      let tookOver = false;
      const run = rebuildInLanes(h.projector, ALL_PROJECTIONS, {
        fresh: true,
        eventsFile: file,
        minEvents: 0,
        onProgress: () => {
          if (tookOver) return;
          tookOver = true;
          void h.db.exec(["UPDATE covenant_projections SET rebuild_generation = 'another' WHERE name = 'deadlines'"]);
        },
      });
      await expect(run).rejects.toBeInstanceOf(RebuildSupersededError);
      expect(tookOver).toBe(true);
      expect(await h.snapshot()).toEqual(inline); // the live tables were never touched
    });
  });
});
