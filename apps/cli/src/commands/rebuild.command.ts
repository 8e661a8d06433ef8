import { Command } from 'commander';
import { loadConfig } from '@covenant/application/config/covenant-config';
import { readModelWiring } from '@covenant/application/projections/read-model-wiring';
import type { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { createEventStore } from '@covenant/application/store/create-event-store';
import { Projector } from '@covenant/projections/framework/projector';
import { rebuildInLanes } from '@covenant/projections/lanes/rebuild-lanes';
import { ALL_PROJECTIONS } from '@covenant/projections/registry';
import { progressReporter } from './progress-bar';

/**
 * `covenant rebuild`: replays the log into shadow tables and swaps them in. Safe while the API runs:
 * the live tables answer queries until the swap, which takes the append lock for an instant.
 * An interrupted rebuild resumes from its last committed batch unless --fresh is given.
 */
export function registerRebuildCommand(program: Command): void {
  program
    .command('rebuild')
    .description('Rebuild read models from the event log (shadow tables, swapped in at the end; resumes if interrupted)')
    .option('--projection <name...>', `only these projections (${ALL_PROJECTIONS.map((p) => p.name).join(', ')})`)
    .option('--fresh', 'start over instead of resuming an interrupted rebuild')
    .option('--lanes <n>', 'on SQLite: 2 replays some read models in a worker thread, on the second core; 1 keeps to one thread (default: 2 from 50,000 events to replay)')
    .action(async (opts: { projection?: string[]; fresh?: boolean; lanes?: string }) => {
      const names = opts.projection ?? ALL_PROJECTIONS.map((p) => p.name);
      const unknown = names.filter((n) => !ALL_PROJECTIONS.some((p) => p.name === n));
      if (unknown.length > 0) {
        process.stderr.write(`covenant rebuild: unknown projection ${unknown.join(', ')}; known: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}\n`);
        process.exitCode = 2;
        return;
      }
      const lanes = opts.lanes === undefined ? 2 : Number(opts.lanes);
      if (lanes !== 1 && lanes !== 2) {
        process.stderr.write(`covenant rebuild: --lanes must be 1 or 2, not ${opts.lanes}\n`);
        process.exitCode = 2;
        return;
      }
      const config = loadConfig();
      const store = await createEventStore(config);
      const wiring = readModelWiring(store, config);
      try {
        const projector = new Projector({ store, db: wiring.db, projections: ALL_PROJECTIONS, mode: wiring.mode, batchSize: 5000 });
        await projector.ensureSchema();
        const selected = ALL_PROJECTIONS.filter((p) => names.includes(p.name));
        const progress = progressReporter();
        const started = Date.now();
        const sqliteDb = store.kind === 'sqlite' ? (store as SqliteEventStore).db : undefined;
        const eventsFile = sqliteDb && !sqliteDb.memory ? sqliteDb.name : undefined;
        const events = await rebuildInLanes(projector, selected, {
          fresh: opts.fresh,
          lanes,
          // Asked for explicitly, two lanes run whatever the length of the log.
          minEvents: opts.lanes === undefined ? undefined : 0,
          eventsFile,
          onProgress: (p) => progress.update(p),
          onLaneFailure: (e) => process.stderr.write(`\ncovenant rebuild: a lane stopped (${e.message}); finishing in one lane from the progress kept\n`),
        });
        progress.done();
        const seconds = (Date.now() - started) / 1000;
        process.stdout.write(
          `Rebuilt ${selected.map((p) => `${p.name} v${p.version}`).join(', ')} from ${events.toLocaleString('en')} events in ${seconds.toFixed(1)} s (${Math.round(events / Math.max(seconds, 0.001)).toLocaleString('en')} events/s).\n`,
        );
      } finally {
        await wiring.close();
        await store.close();
      }
    });
}
