/**
 * The measured half of bench:rebuild, in a process of its own so its peak RSS is the rebuild's alone
 * (not the generator's): opens the store, rebuilds every read model from scratch, samples RSS as it
 * goes, and prints one JSON line.
 */
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { Projector } from '@covenant/projections/framework/projector';
import { SqliteReadModelDb } from '@covenant/projections/framework/read-model-db';
import { rebuild } from '@covenant/projections/framework/rebuild';
import { ALL_PROJECTIONS } from '@covenant/projections/registry';
import { progressReporter } from '../../apps/cli/src/commands/progress-bar';

async function main(): Promise<void> {
  const file = process.argv[2];
  const store = new SqliteEventStore({ file });
  const db = new SqliteReadModelDb(store.db);
  const projector = new Projector({ store, db, projections: ALL_PROJECTIONS, mode: 'inline', batchSize: 5000 });
  await projector.ensureSchema();
  const rssAt: Array<{ position: number; rssMb: number }> = [];
  let nextSample = 0;
  const progress = progressReporter(process.stderr, 3000);
  const started = process.hrtime.bigint();
  const events = await rebuild(projector, ALL_PROJECTIONS, {
    fresh: true,
    onProgress: (p) => {
      progress.update(p);
      if (p.position >= nextSample) {
        rssAt.push({ position: p.position, rssMb: Math.round(process.memoryUsage().rss / 1048576) });
        nextSample += Math.max(1, Math.floor(p.head / 10));
      }
    },
  });
  progress.done();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ events, seconds, peakRssMb, rssAt })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
