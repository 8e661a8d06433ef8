import { Command } from 'commander';
import { CovenantConfig, loadConfig } from '@covenant/application/config/covenant-config';
import type { SeedResult } from './seed-run';

/** `--now`: an ISO-8601 instant or date; the current time when absent. */
export function parseNow(raw: string | undefined): string {
  if (raw === undefined) return new Date().toISOString();
  const ok = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(raw) && !Number.isNaN(Date.parse(raw));
  if (!ok) throw new SeedUsageError(`--now must be an ISO-8601 date or instant with a zone (e.g. 2026-03-01T12:00:00Z), got ${JSON.stringify(raw)}`);
  return new Date(raw).toISOString();
}

export class SeedUsageError extends Error {}

function printSummary(result: SeedResult, config: CovenantConfig): void {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  if (result.status !== 'seeded') return;
  out(`Seeded the demo partnership as of ${result.now} (store: ${config.store}${config.store === 'sqlite' ? `, data: ${config.dataDir}` : ''}).`);
  out(`  ${result.commands} commands, ${result.events} events:`);
  for (const [stream, version] of Object.entries(result.streams)) out(`    ${stream.padEnd(40)} ${version + 1} events`);
  out('  Partnership demo-acme-globex: Acme Corp × Globex Services, charter with two members per tier, stage renewing.');
  out('  Master demo-msa (active, amended once through a collaborative review: APAC support, +18 %),');
  out('    six months of daily availability and weekly P1-response measurements, breaches with service credits (one waived),');
  out('    escalation demo-escalation-eu-outages at level 2 (moved up by its deadline), renewal window open.');
  out('    change demo-change-eu-second-zone (+17 %) in its collaborative review, dispute demo-dispute-eu-credits at mediation (not scheduled yet).');
  out('  Addendum demo-addendum-analytics (active): dispute demo-dispute-model-ownership at mediation (scheduled, both position papers in), renewal window open.');
  out('  Statement of work demo-sow-dc-migration (active, fixed term, no auto-renewal): escalation demo-escalation-cutover at level 1.');
  out('  Agreement demo-security-operations (signed by both parties, in force in 14 days).');
  out('  Master demo-onsite-maintenance (terminated by mutual agreement, two exit steps open) and its addendum demo-addendum-onsite-spares.');
  out('  Watch the deadlines fire: covenant tick --now <a later instant> (see the README, "Deadlines and notifications").');
}

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Load a realistic demo partnership through the command handlers (no HTTP), on the configured store')
    .option('--demo', 'the demo partnership (the only data set)')
    .option('--now <iso>', 'the demo\'s "now": every fact happens before it (default: the current time)')
    .action(async (opts: { demo?: boolean; now?: string }) => {
      if (!opts.demo) {
        process.stderr.write('covenant seed: say which data set to load: --demo\n');
        process.exitCode = 2;
        return;
      }
      let now: string;
      try {
        now = parseNow(opts.now);
      } catch (err) {
        process.stderr.write(`covenant seed: ${(err as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const config = loadConfig();
      // NestJS and the API's modules load only when a command needs them: every other command of the
      // CLI (a rebuild above all) starts faster and smaller without them.
      const { demoContext, seedDemo } = await import('./seed-run');
      const app = await demoContext(config);
      try {
        const result = await seedDemo(app, now);
        if (result.status === 'already-seeded') {
          process.stdout.write(`The store is already seeded: the demo partnership exists (${describe(result.streams)}). Nothing written.\n`);
        } else if (result.status === 'partially-seeded') {
          process.stderr.write(`covenant seed: the demo partnership is only partly recorded (${describe(result.streams)}), an earlier seed stopped half-way. Nothing written; seed an empty store.\n`);
          process.exitCode = 1;
        } else {
          printSummary(result, config);
        }
      } finally {
        await app.close();
      }
    });
}

function describe(streams: Record<string, number>): string {
  return Object.entries(streams)
    .map(([s, v]) => `${s}: ${v + 1} events`)
    .join(', ');
}
