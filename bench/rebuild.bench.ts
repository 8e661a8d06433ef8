/**
 * bench:rebuild — generates a realistic history (partnerships, contracts, months of SLA measurements,
 * escalations, amendments, disputes, renewals; seeded, so every run rebuilds the same log) into a
 * SQLite file, then runs the real `covenant rebuild --fresh` (the production build in dist/) on it and
 * reports events/s and that process's peak RSS, sampled from /proc as it runs. The generated file is
 * cached in the OS temp dir by size and seed.
 *
 *   BENCH_EVENTS (default 1000000), BENCH_SEED (default 1), BENCH_REGENERATE=1 to ignore the cache.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { appendHistory } from '@covenant/testing/history-generator';
import { ALL_PROJECTIONS } from '@covenant/projections/registry';
import { printJsonLine, printTable } from './lib/report';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

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

function memoryOf(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

/** Runs `covenant rebuild --fresh` on the file's directory, sampling its memory every 100 ms. */
function rebuildWithCli(file: string): Promise<{ output: string; seconds: number; peakRssMb: number; samples: number[] }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI, 'rebuild', '--fresh'], {
      env: { ...process.env, COVENANT_STORE: 'sqlite', COVENANT_DATA_DIR: dirname(file), LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    let peak = 0;
    const samples: number[] = [];
    const timer = setInterval(() => {
      const m = memoryOf(child.pid as number);
      if (!m) return;
      peak = Math.max(peak, m.peakMb);
      samples.push(m.rssMb);
    }, 100);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0) return reject(new Error(`covenant rebuild exited with ${code}`));
      resolve({ output, seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMb: peak, samples });
    });
  });
}

async function main(): Promise<void> {
  if (!existsSync(CLI) || process.env.BENCH_BUILD !== '0') execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const dir = join(tmpdir(), `covenant-bench-history-${EVENTS}-seed${SEED}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'covenant.db');
  if (process.env.BENCH_REGENERATE === '1' || !existsSync(file)) await generate(file);
  else console.log(`Using the cached history ${file}`);
  const run = await rebuildWithCli(file);
  const match = /from ([\d,]+) events in ([\d.]+) s/.exec(run.output);
  if (!match) throw new Error(`unexpected output of covenant rebuild: ${run.output}`);
  const events = Number(match[1].replace(/,/g, ''));
  const rebuildSeconds = Number(match[2]);
  const eventsPerSec = Math.round(events / rebuildSeconds);
  const tenth = Math.max(1, Math.floor(run.samples.length / 10));
  printTable(`Rebuild of ${ALL_PROJECTIONS.length} read models (${ALL_PROJECTIONS.map((p) => p.name).join(', ')}) by covenant rebuild on sqlite`, [
    { measure: 'events', value: events },
    { measure: 'rebuild seconds (as reported by the CLI)', value: rebuildSeconds },
    { measure: 'process seconds (start-up included)', value: Number(run.seconds.toFixed(2)) },
    { measure: 'events/s (bar: >= 50,000)', value: eventsPerSec },
    { measure: 'peak RSS MB (bar: < 300, flat)', value: run.peakRssMb },
  ]);
  printTable('RSS of the rebuild process over time (every tenth of the run)', run.samples.filter((_, i) => i % tenth === 0).map((rss, i) => ({ 'tenth': i, 'rss MB': rss })));
  printJsonLine({ events, eventsPerSec, peakRssMb: run.peakRssMb });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
