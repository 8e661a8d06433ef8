import { Command } from 'commander';
import { loadConfig } from '@covenant/application/config/covenant-config';
import { DeadlineScheduler, SchedulerRound } from '@covenant/application/scheduler/scheduler';
import { parseNow } from './seed.command';

function printRound(round: SchedulerRound): void {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  if (!round.leader) {
    out(`Another scheduler instance holds the scheduler lock: nothing done as of ${round.now}.`);
    return;
  }
  if (round.routed.length > 0) {
    out('Coordination (facts of one contract routed to another):');
    for (const r of round.routed) {
      const what = r.outcome === 'void' ? `nothing to do (${r.reason ?? ''})` : r.replayed ? 'already sent (answered from its idempotency record)' : `v${r.version ?? '?'}`;
      out(`  ${r.sourceType} ${r.sourceEventId} → ${r.contractId}  ${r.command}: ${what}`);
    }
  }
  out(`Deadlines due by ${round.now}:`);
  if (round.fired.length === 0) out('  none');
  for (const f of round.fired) {
    const what = f.outcome === 'void' ? `nothing to do (${f.reason ?? 'nothing-due'})` : f.replayed ? 'already sent (answered from its idempotency record)' : `${f.events.length} event(s)`;
    out(`  ${f.runAt}  ${f.contractId}  ${f.kind}${f.ref ? ` ${f.ref}` : ''}  ${f.command}: ${what}`);
    for (const e of f.events) out(`      v${e.version} ${e.type} at ${e.occurredAt}`);
  }
  const fired = round.fired.filter((f) => f.outcome === 'fired').length;
  const events = round.fired.reduce((n, f) => n + f.events.length, 0);
  out(`${round.fired.length} deadline(s): ${fired} fired, ${round.fired.length - fired} void, ${events} event(s) written.`);
}

export function registerTickCommand(program: Command): void {
  program
    .command('tick')
    .description('Run the deadline scheduler once as of a time, on the configured store, and print what it did')
    .option('--now <iso>', 'the instant to run as of (default: the current time)')
    .option('--json', 'print the round as JSON')
    .action(async (opts: { now?: string; json?: boolean }) => {
      let now: string;
      try {
        now = parseNow(opts.now);
      } catch (err) {
        process.stderr.write(`covenant tick: ${(err as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      // The interval scheduler stays off: this process runs exactly one round.
      const config = { ...loadConfig(), scheduler: 'off' as const };
      const { demoContext } = await import('./seed-run');
      const app = await demoContext(config);
      try {
        const round = await app.get(DeadlineScheduler).runDue(new Date(now));
        if (opts.json) process.stdout.write(`${JSON.stringify(round, null, 2)}\n`);
        else printRound(round);
      } finally {
        await app.close();
      }
    });
}
