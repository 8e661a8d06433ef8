import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { ProjectionEngine } from '@covenant/projections/framework/projection-engine';
import { Projector } from '@covenant/projections/framework/projector';
import { ReadModelSource } from '@covenant/projections/framework/read-model-source';
import { ALL_PROJECTIONS } from '@covenant/projections/registry';
import { READ_MODEL_QUERY_HANDLERS } from '@covenant/projections/query-handlers';
import { COVENANT_CONFIG } from '../config/config.module';
import { CovenantConfig } from '../config/covenant-config';
import { readModelWiring, ReadModelWiring } from './read-model-wiring';
import { AccessLog } from '../access-log/access-log';

export const READ_MODEL_WIRING = Symbol('READ_MODEL_WIRING');

/**
 * Read models: the engine that keeps them (started before the first command can be served, so inline
 * projections see every append) and the TypeORM source the query handlers read.
 */
@Global()
@Module({
  providers: [
    {
      provide: READ_MODEL_WIRING,
      inject: [EVENT_STORE, COVENANT_CONFIG],
      useFactory: (store: EventStore, config: CovenantConfig): ReadModelWiring => readModelWiring(store, config),
    },
    {
      provide: ProjectionEngine,
      inject: [EVENT_STORE, READ_MODEL_WIRING],
      useFactory: async (store: EventStore, wiring: ReadModelWiring) => {
        const logger = new Logger('Projections');
        const projector = new Projector({ store, db: wiring.db, projections: ALL_PROJECTIONS, mode: wiring.mode });
        const engine = new ProjectionEngine(projector, {
          log: (message) => logger.log(message),
          onRebuildProgress: (name, p) => logger.debug(`${name}: ${p.position}/${p.head} (${p.eventsPerSec} events/s)`),
        });
        await engine.start();
        return engine;
      },
    },
    {
      provide: ReadModelSource,
      inject: [READ_MODEL_WIRING, ProjectionEngine],
      useFactory: (wiring: ReadModelWiring) => ReadModelSource.open(wiring.connection, ALL_PROJECTIONS),
    },
    ...READ_MODEL_QUERY_HANDLERS,
    AccessLog,
  ],
  exports: [ProjectionEngine, ReadModelSource, AccessLog],
})
export class ProjectionsModule implements OnApplicationShutdown {
  constructor(
    private readonly engine: ProjectionEngine,
    private readonly source: ReadModelSource,
    @Inject(READ_MODEL_WIRING) private readonly wiring: ReadModelWiring,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.engine.stop();
    await this.source.close();
    await this.wiring.close();
  }
}
