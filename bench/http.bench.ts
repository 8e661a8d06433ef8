import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { measurementTime, tempDataDir } from './lib/contracts-fixture';
import { printJsonLine, printTable, type Cell } from './lib/report';
import { ENGINE_NODE_FLAGS } from './lib/engine-flags';
import { mintToken, tokenKeysFrom } from '../libs/application/src/auth/tokens';

/*
 * HTTP commands under load: the API (createApp on a temp SQLite dir, 127.0.0.1, a free port) runs in
 * its own process with 1,000 active contracts set up untimed (bench/lib/http-server.ts); autocannon
 * here keeps 50 connections busy with a mix of SLA facts spread round-robin over the contracts:
 * 80 % measurements that meet the SLA (1 event), 10 % breaching measurements (3 events: measurement,
 * breach, service credit), 10 % breaches reported directly (2 events). Every request has its own ids,
 * so every one is a new fact. A short warm-up run (JIT, caches) comes first and is not reported.
 * Usage: npm run bench:http [-- --duration=20] [--connections=50] [--contracts=1000]
 */
const arg = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const DURATION_S = arg('duration', 20);
const CONNECTIONS = arg('connections', 50);
const CONTRACTS = arg('contracts', 1_000);
const WARMUP_S = 5;
const BARS = { requestsPerSec: 3_000, p99Ms: 50 };
// Every request carries an admin bearer token (subject bench.recorder), minted once the API has
// generated its secret: the run includes verifying it on every request, as in production.
const HEADERS: Record<string, string> = { 'content-type': 'application/json' };

const contractId = (i: number): string => `bench-contract-${String(i).padStart(5, '0')}`;

/** The k-th request of a run: path and body vary per request, ids are unique across runs via `run`. */
function requestFor(run: string, k: number): autocannon.Request {
  const contract = contractId(k % CONTRACTS);
  // Each contract's facts are a minute apart from its activation on, well inside its five-year term.
  const occurredAt = measurementTime(Math.floor(k / CONTRACTS) + (run === 'warmup' ? 0 : 500_000));
  const kind = k % 10;
  if (kind === 9) {
    return {
      method: 'POST',
      path: `/contracts/${contract}/sla-breaches`,
      headers: HEADERS,
      body: JSON.stringify({ breachId: `${run}-b-${k}`, slaId: 'availability', description: 'Outage reported by the customer', value: '98.10', occurredAt }),
    };
  }
  const value = kind === 8 ? '99.42' : '99.95';
  return {
    method: 'POST',
    path: `/contracts/${contract}/sla-measurements`,
    headers: HEADERS,
    body: JSON.stringify({ measurementId: `${run}-m-${k}`, slaId: 'availability', value, occurredAt }),
  };
}

function load(port: number, run: string, seconds: number): Promise<autocannon.Result> {
  let k = 0;
  return Promise.resolve(
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: seconds,
      timeout: 10,
      requests: [{ method: 'POST', setupRequest: () => requestFor(run, k++) }],
    }),
  );
}

/** The API process's CPU seconds from its /metrics (prom-client's process metrics); null without them. */
async function serverCpuSeconds(port: number): Promise<number | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: HEADERS.authorization ?? '' } });
    const m = /^process_cpu_seconds_total (\S+)$/m.exec(await res.text());
    return res.ok && m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

function startServer(dataDir: string): Promise<{ child: ChildProcess; port: number; setupMs: number }> {
  const child = fork(join(__dirname, 'lib', 'http-server.ts'), [], {
    // BENCH_SERVER_CPU_PROF=<dir> writes the API process's CPU profile there (for finding hot spots).
    execArgv: [...ENGINE_NODE_FLAGS, '-r', '@swc-node/register', ...(process.env.BENCH_SERVER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_CPU_PROF}`] : [])],
    env: { ...process.env, COVENANT_DATA_DIR: dataDir, BENCH_CONTRACTS: String(CONTRACTS) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the API did not start within 180 s')), 180_000);
    child.once('message', (m: { port: number; setupMs: number }) => {
      clearTimeout(timer);
      resolve({ child, ...m });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API process exited (${code}) before listening`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const temp = tempDataDir('covenant-http-');
  let child: ChildProcess | undefined;
  // Bounded in time whatever happens: set-up, warm-up and the run, plus a generous margin.
  const deadline = setTimeout(() => {
    console.error('bench:http: out of time');
    child?.kill('SIGKILL');
    temp.remove();
    process.exit(1);
  }, (240 + WARMUP_S + DURATION_S) * 1000);
  try {
    const server = await startServer(temp.dir);
    child = server.child;
    HEADERS.authorization = `Bearer ${await mintToken(tokenKeysFrom({ dataDir: temp.dir }), { sub: 'bench.recorder', role: 'admin', ttlSeconds: 3600 })}`;
    await load(server.port, 'warmup', WARMUP_S);
    const serverCpuBefore = await serverCpuSeconds(server.port);
    const ownCpuBefore = process.cpuUsage();
    const r = await load(server.port, 'run', DURATION_S);
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const serverCpuAfter = await serverCpuSeconds(server.port);
    const percentOf = (seconds: number): number => Math.round((seconds / r.duration) * 100);
    const serverCpu = serverCpuBefore === null || serverCpuAfter === null ? null : percentOf(serverCpuAfter - serverCpuBefore);
    const total = r['2xx'] + r.non2xx;
    const errors = r.non2xx + r.errors + r.timeouts;
    const requestsPerSec = Math.round(total / r.duration);
    const codes = Object.entries(r.statusCodeStats)
      .map(([code, s]) => `${code}: ${s.count}`)
      .join(', ');
    const table: Array<Record<string, Cell>> = [
      { measure: `set-up: partnership + ${CONTRACTS} active contracts through the gateway (untimed)`, value: server.setupMs, unit: 'ms' },
      { measure: `requests answered in ${r.duration.toFixed(1)} s, ${CONNECTIONS} connections (status ${codes})`, value: total, unit: 'requests' },
      { measure: `throughput (bar: >= ${BARS.requestsPerSec.toLocaleString('en-US')})`, value: requestsPerSec, unit: 'requests/s' },
      { measure: 'latency p50', value: r.latency.p50, unit: 'ms' },
      { measure: 'latency p90', value: r.latency.p90, unit: 'ms' },
      { measure: `latency p99 (bar: <= ${BARS.p99Ms})`, value: r.latency.p99, unit: 'ms' },
      { measure: 'latency max', value: r.latency.max, unit: 'ms' },
      { measure: 'non-2xx answers', value: r.non2xx, unit: 'requests' },
      { measure: 'connection errors / timeouts', value: `${r.errors} / ${r.timeouts}`, unit: '' },
      { measure: 'CPU of the API process during the run (100 = one core)', value: serverCpu, unit: '%' },
      { measure: 'CPU of this process (autocannon) during the run', value: percentOf((ownCpu.user + ownCpu.system) / 1e6), unit: '%' },
    ];
    printTable(
      `HTTP commands (API in its own process on a temp sqlite dir; 80 % met measurements, 10 % breaching measurements, 10 % reported breaches over ${CONTRACTS} contracts)`,
      table,
    );
    printJsonLine({ requestsPerSec, p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors });
  } finally {
    if (child) await stopServer(child);
    temp.remove();
    clearTimeout(deadline);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
