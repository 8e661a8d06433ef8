import { DynamicModule, Module } from '@nestjs/common';
import { CovenantConfig } from '@covenant/application/config/covenant-config';
import { CovenantConfigModule } from '@covenant/application/config/config.module';
import { EventStoreModule } from '@covenant/application/store/event-store.module';
import { CommandsModule } from '@covenant/application/commands/commands.module';
import { HealthController } from './health/health.controller';
import { EventsModule } from './events/events.module';
import { MetricsModule } from './metrics/metrics.module';
import { PartnershipsController } from './partnerships/partnerships.controller';

@Module({})
export class AppModule {
  static forRoot(config?: CovenantConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CovenantConfigModule.forRoot(config), MetricsModule, EventStoreModule, CommandsModule, EventsModule],
      controllers: [HealthController, PartnershipsController],
    };
  }
}
