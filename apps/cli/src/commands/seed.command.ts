import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { Command } from 'commander';
import { contractStream, DomainError, partnershipStream } from '@covenant/domain';
import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { CommandGateway, RequestContext } from '@covenant/application/commands/command-gateway';
import { SendContractCommand, SendPartnershipCommand } from '@covenant/application/commands/command-messages';
import { CovenantConfig, loadConfig } from '@covenant/application/config/covenant-config';
import { DEMO_ADDENDUM_ID, demoPlan, DemoPlan, SeedStep } from './seed-demo';

export type SeedResult =
  | { status: 'seeded'; now: string; commands: number; events: number; streams: Record<string, number> }
  | { status: 'already-seeded' | 'partially-seeded'; streams: Record<string, number> };

/** The stream versions (-1: absent) of the demo's streams, keyed by stream id. */
async function streamVersions(store: EventStore, plan: DemoPlan): Promise<Record<string, number>> {
  const ids = [partnershipStream(plan.streams.partnership), ...plan.streams.contracts.map(contractStream)];
  const out: Record<string, number> = {};
  for (const id of ids) out[id] = await store.streamVersion(id);
  return out;
}

/**
 * Sends the demo plan through the command bus of an application context (the same handlers as HTTP).
 * Refuses, writing nothing, when the demo partnership already exists: complete (every stream exists and
 * the last step, the analytics addendum's renewal window, is recorded) or partial (an earlier run
 * stopped half-way).
 */
export async function seedDemo(app: INestApplicationContext, now: string): Promise<SeedResult> {
  const plan = demoPlan(now);
  const store = app.get<EventStore>(EVENT_STORE);
  const before = await streamVersions(store, plan);
  if (Object.values(before).some((v) => v >= 0)) {
    // The last step of the plan opens the analytics addendum's renewal window.
    const addendum = await app.get(CommandGateway).loadContract(DEMO_ADDENDUM_ID);
    const complete = Object.values(before).every((v) => v >= 0) && addendum.state.status !== 'none' && addendum.state.renewal?.phase === 'window-open';
    return { status: complete ? 'already-seeded' : 'partially-seeded', streams: before };
  }
  const bus = app.get(CommandBus);
  const correlationId = `demo-seed-${plan.now}`;
  for (const [i, step] of plan.steps.entries()) {
    const ctx: RequestContext = { actorId: step.command.actorId, correlationId };
    try {
      await bus.execute(send(step, ctx));
    } catch (err) {
      const why = err instanceof DomainError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
      throw new Error(`seed step ${i + 1}/${plan.steps.length} (${step.command.type} on ${step.aggregate} ${step.id}) was refused: ${why}`, { cause: err });
    }
  }
  const streams = await streamVersions(store, plan);
  const events = Object.values(streams).reduce((n, v) => n + v + 1, 0);
  return { status: 'seeded', now: plan.now, commands: plan.steps.length, events, streams };
}

function send(step: SeedStep, ctx: RequestContext): SendContractCommand | SendPartnershipCommand {
  return step.aggregate === 'partnership' ? new SendPartnershipCommand(step.id, step.command, ctx) : new SendContractCommand(step.id, step.command, ctx);
}

/** `--now`: an ISO-8601 instant or date; the current time when absent. */
export function parseNow(raw: string | undefined): string {
  if (raw === undefined) return new Date().toISOString();
  const ok = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(raw) && !Number.isNaN(Date.parse(raw));
  if (!ok) throw new SeedUsageError(`--now must be an ISO-8601 date or instant with a zone (e.g. 2026-03-01T12:00:00Z), got ${JSON.stringify(raw)}`);
  return new Date(raw).toISOString();
}

export class SeedUsageError extends Error {}

/** A Nest application context of the API's module (no HTTP), on the configured store. */
export async function demoContext(config: CovenantConfig): Promise<INestApplicationContext> {
  // Loaded lazily so commands that never seed don't pay for the API's modules.
  const { AppModule } = await import('../../../api/src/app.module');
  return NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'fatal', 'warn'] });
}

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
