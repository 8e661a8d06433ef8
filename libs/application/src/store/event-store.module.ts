import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { COVENANT_CONFIG } from '../config/config.module';
import { CovenantConfig } from '../config/covenant-config';
import { createEventStore } from './create-event-store';
import { APPEND_OBSERVER, AppendObserver, instrumentAppends } from './instrumented-event-store';

/**
 * Provides the configured EventStore adapter to the whole application and closes it on shutdown.
 * When an APPEND_OBSERVER is provided (the API's metrics), the store is wrapped so its appends are
 * timed and counted; the adapters know nothing of it.
 */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [COVENANT_CONFIG, { token: APPEND_OBSERVER, optional: true }],
      useFactory: async (config: CovenantConfig, observer?: AppendObserver) => {
        const store = await createEventStore(config);
        return observer ? instrumentAppends(store, observer) : store;
      },
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
