/**
 * bench:rebuild — generates a realistic history (partnerships, contracts, months of SLA measurements,
 * escalations, amendments, disputes, renewals; seeded, so every run rebuilds the same log) into a
 * SQLite file, then rebuilds every read model from it in a child process and reports events/s and the
 * child's peak RSS. The generated file is cached in the OS temp dir by size and seed.
 *
 *   BENCH_EVENTS (default 1000000), BENCH_SEED (default 1), BENCH_REGENERATE=1 to ignore the cache.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { appendHistory } from '@covenant/testing/history-generator';
import { ALL_PROJECTIONS } from '@covenant/projections/registry';
import { printJsonLine, printTable } from './lib/report';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 1);

async function generate(file: string): Promise<void> {
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  const store = new SqliteEventStore({ file: partial });
  const started = Date.now();
  const result = await appendHistory(store, { seed: SEED, targetEvents: EVENTS });
  await store.close();
  renameSync(partial, file);
  console.log(`Generated ${result.events.toLocaleString('en')} events in ${result.streams.toLocaleString('en')} streams in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const file = join(tmpdir(), `covenant-bench-history-${EVENTS}-seed${SEED}.db`);
  if (process.env.BENCH_REGENERATE === '1' || !existsSync(file)) await generate(file);
  else console.log(`Using the cached history ${file}`);
  const output = execFileSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'lib', 'rebuild-child.ts'), file], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  }).toString();
  const result = JSON.parse(output.trim().split('\n').pop() as string) as {
    events: number;
    seconds: number;
    peakRssMb: number;
    rssAt: Array<{ position: number; rssMb: number }>;
  };
  const eventsPerSec = Math.round(result.events / result.seconds);
  printTable(`Rebuild of ${ALL_PROJECTIONS.length} read models (${ALL_PROJECTIONS.map((p) => p.name).join(', ')}) on sqlite`, [
    { measure: 'events', value: result.events },
    { measure: 'seconds', value: Number(result.seconds.toFixed(2)) },
    { measure: 'events/s', value: eventsPerSec },
    { measure: 'peak RSS (MB)', value: result.peakRssMb },
  ]);
  printTable('RSS while rebuilding', result.rssAt.map((s) => ({ position: s.position, 'rss MB': s.rssMb })));
  printJsonLine({ events: result.events, eventsPerSec, peakRssMb: result.peakRssMb });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
