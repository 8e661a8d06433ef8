import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { contractStream, DomainError, partnershipStream } from '@covenant/domain';
import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { CommandGateway, RequestContext } from '@covenant/application/commands/command-gateway';
import { SendContractCommand, SendPartnershipCommand } from '@covenant/application/commands/command-messages';
import type { CovenantConfig } from '@covenant/application/config/covenant-config';
import { DEMO_ADDENDUM_ID, demoPlan, DemoPlan, SeedStep } from './seed-demo';

/*
 * The seeding that needs NestJS (the API's command handlers in an application context), apart from
 * seed.command.ts so that the command line loads it only for `seed` and `tick`.
 */

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

/** A Nest application context of the API's module (no HTTP), on the configured store. */
export async function demoContext(config: CovenantConfig): Promise<INestApplicationContext> {
  // Loaded lazily so commands that never seed don't pay for the API's modules.
  const { AppModule } = await import('../../../api/src/app.module');
  return NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'fatal', 'warn'] });
}

