import type { Database } from 'better-sqlite3';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { generateHistory } from '@covenant/testing/history-generator';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { runStory } from '@covenant/testing/domain-story';
import { rebuild } from './framework/rebuild';
import { ALL_PROJECTIONS } from './registry';

jest.setTimeout(120_000);

/** Tables small enough by design that reading them whole is the plan: the projection catalog. */
const WHOLE_TABLE_READS_ALLOWED = new Set(['covenant_projections']);

/** Records the text of every statement prepared on the connection from now on. */
function recordStatements(db: Database): Set<string> {
  const seen = new Set<string>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    seen.add(sql);
    return prepare(sql);
  }) as Database['prepare'];
  return seen;
}

/** The tables a statement reads row by row from the first to the last (SQLite's `SCAN`, with or without an index). */
function fullScans(db: Database, sql: string): string[] {
  const params = (sql.match(/\?/g) ?? []).map(() => null);
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
  return plan.map((p) => /^SCAN ([a-z_]\w*)/i.exec(p.detail)?.[1]).filter((t): t is string => t !== undefined && !WHOLE_TABLE_READS_ALLOWED.has(t));
}

/*
 * A projection statement that scans a whole table makes every event cost time proportional to the log:
 * a rebuild of a million events went from 17,000 to 2,000 events/s because one UPDATE looked rows up by
 * an unindexed column. This runs every read model over a story and generated histories, inline and in
 * a rebuild, and asks SQLite for the plan of every statement they ran.
 */
describe('every statement the projections run finds its rows through an index (sqlite)', () => {
  it('no projection statement, inline or in a rebuild, scans a whole table', async () => {
    const h = await ProjectionHarness.sqlite(ALL_PROJECTIONS);
    const db = (h.store as SqliteEventStore).db;
    const statements = recordStatements(db);
    try {
      const story = runStory();
      for (const [streamId, events] of Object.entries(story.streams)) await h.append(streamId, events);
      let stream: string | undefined;
      let batch: Array<{ type: string; schemaVersion: number; data: unknown; occurredAt: string }> = [];
      const flush = async () => {
        if (stream && batch.length > 0) await h.append(stream, batch);
        batch = [];
      };
      for (const g of generateHistory({ seed: 7, partnerships: 2, months: 6 })) {
        if (g.streamId !== stream) await flush();
        stream = g.streamId;
        batch.push({ type: g.event.type, schemaVersion: g.event.schemaVersion, data: g.event.data, occurredAt: g.occurredAt });
      }
      await flush();
      await rebuild(h.projector, ALL_PROJECTIONS, { fresh: true });

      // A rebuild's statements name the shadow tables, since swapped in under the live names.
      const projectionStatements = [...new Set([...statements].map((sql) => sql.replace(/\b(rm_[a-z_]+)__next\b/g, '$1')))].filter((sql) => /\brm_[a-z_]+/.test(sql) && /^\s*(SELECT|UPDATE|DELETE|INSERT)/i.test(sql));
      expect(projectionStatements.length).toBeGreaterThan(60);
      const scanning = projectionStatements.map((sql) => ({ sql: sql.replace(/\s+/g, ' '), scans: fullScans(db, sql) })).filter((s) => s.scans.length > 0);
      expect(scanning).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
