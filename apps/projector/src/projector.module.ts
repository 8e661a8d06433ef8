import { DynamicModule, Module } from '@nestjs/common';
import { CovenantConfig } from '@covenant/application/config/covenant-config';
import { CovenantConfigModule } from '@covenant/application/config/config.module';
import { EventStoreModule } from '@covenant/application/store/event-store.module';
import { CommandsModule } from '@covenant/application/commands/commands.module';
import { ProjectionsModule } from '@covenant/application/projections/projections.module';
import { SchedulerModule } from '@covenant/application/scheduler/scheduler.module';

/** The projector process: read models kept from the log and the deadline scheduler, no HTTP. */
@Module({})
export class ProjectorModule {
  static forRoot(config: CovenantConfig): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [CovenantConfigModule.forRoot(config), EventStoreModule, CommandsModule, ProjectionsModule, SchedulerModule],
    };
  }
}
