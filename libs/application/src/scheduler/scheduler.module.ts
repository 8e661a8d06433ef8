import { Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Pool } from 'pg';
import { createPgPool } from '@covenant/event-store/adapters/postgres/pg-pool';
import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { CommandGateway } from '../commands/command-gateway';
import { COVENANT_CONFIG } from '../config/config.module';
import { CovenantConfig } from '../config/covenant-config';
import { readModelWiring, ReadModelWiring } from '../projections/read-model-wiring';
import { LookupIndex } from '../lookup/lookup-index';
import { WebhookDelivery } from '../notifications/webhook-delivery';
import { CoordinationRouter } from './coordination-router';
import { DeadlineScheduler, PgAdvisoryLease, SchedulerLease, soleLease } from './scheduler';

export const SCHEDULER_RESOURCES = Symbol('SCHEDULER_RESOURCES');

interface SchedulerResources {
  wiring: ReadModelWiring;
  leasePool: Pool | null;
  lease: SchedulerLease;
}

/**
 * Runs the deadline scheduler every second inside the api process: only in an HTTP application (not in
 * the CLI's application contexts: `seed`, `tick`, ...) and only with COVENANT_SCHEDULER=on (the
 * default). The timer is unref'd and a round never overlaps the previous one.
 */
@Injectable()
export class SchedulerRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Scheduler');
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    readonly scheduler: DeadlineScheduler,
    @Inject(COVENANT_CONFIG) private readonly config: CovenantConfig,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.scheduler !== 'off' && this.adapterHost?.httpAdapter) this.start();
  }

  get running(): boolean {
    return this.timer !== null;
  }

  start(everyMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.scheduler.runDue();
    } catch (error) {
      this.logger.error(`deadline round failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.busy = false;
    }
  }

  /** Before the stores close: no new round, the current one finished, the PostgreSQL lock released. */
  async onModuleDestroy(): Promise<void> {
    this.stop();
    await this.scheduler.stop();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: SCHEDULER_RESOURCES,
      inject: [EVENT_STORE, COVENANT_CONFIG],
      useFactory: (store: EventStore, config: CovenantConfig): SchedulerResources => {
        const wiring = readModelWiring(store, config);
        const leasePool = config.readModels === 'postgres' && config.databaseUrl ? createPgPool({ connectionString: config.databaseUrl, max: 1, application_name: 'covenant-scheduler' }) : null;
        leasePool?.on('error', () => undefined);
        return { wiring, leasePool, lease: leasePool ? new PgAdvisoryLease(leasePool) : soleLease };
      },
    },
    {
      // The notification webhooks (off unless COVENANT_WEBHOOK_URL is set); the dead letters are read here too.
      provide: WebhookDelivery,
      inject: [SCHEDULER_RESOURCES, COVENANT_CONFIG],
      useFactory: (r: SchedulerResources, config: CovenantConfig) => {
        const logger = new Logger('Webhooks');
        const settings =
          config.webhookUrl && config.webhookSecret
            ? { url: config.webhookUrl, secret: config.webhookSecret.value(), maxAttempts: config.webhookMaxAttempts ?? 8, backoffSeconds: config.webhookBackoffSeconds ?? 10 }
            : null;
        return new WebhookDelivery(r.wiring.db, settings, { log: (m) => logger.log(m) });
      },
    },
    {
      provide: DeadlineScheduler,
      inject: [CommandGateway, EVENT_STORE, SCHEDULER_RESOURCES, LookupIndex, WebhookDelivery],
      useFactory: (gateway: CommandGateway, store: EventStore, r: SchedulerResources, lookup: LookupIndex, webhooks: WebhookDelivery) => {
        const logger = new Logger('Scheduler');
        const log = (m: string) => logger.log(m);
        const router = new CoordinationRouter({ gateway, store, db: r.wiring.db, lookup, log });
        // Only the scheduler's lease holder delivers webhooks, after its round.
        const afterRound = webhooks.enabled ? async (now: string) => void (await webhooks.run(now)) : undefined;
        return new DeadlineScheduler({ gateway, store, db: r.wiring.db, lease: r.lease, log, router, afterRound });
      },
    },
    SchedulerRunner,
  ],
  exports: [DeadlineScheduler, SchedulerRunner, WebhookDelivery],
})
export class SchedulerModule implements OnApplicationShutdown {
  constructor(@Inject(SCHEDULER_RESOURCES) private readonly resources: SchedulerResources) {}

  async onApplicationShutdown(): Promise<void> {
    await this.resources.leasePool?.end();
    await this.resources.wiring.close();
  }
}
