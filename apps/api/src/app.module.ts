import { DynamicModule, Module } from '@nestjs/common';
import { CovenantConfig } from '@covenant/application/config/covenant-config';
import { CovenantConfigModule } from '@covenant/application/config/config.module';
import { EventStoreModule } from '@covenant/application/store/event-store.module';
import { CommandsModule } from '@covenant/application/commands/commands.module';
import { HealthController } from './health/health.controller';
import { EventsModule } from './events/events.module';
import { AuditHttpModule } from './audit/audit-http.module';
import { MetricsModule } from './metrics/metrics.module';
import { PartnershipsController } from './partnerships/partnerships.controller';
import { ContractsController } from './contracts/contracts.controller';
import { ContractSlaController } from './contracts/contract-sla.controller';
import { ContractExitController } from './contracts/contract-exit.controller';
import { ChangesController } from './changes/changes.controller';
import { EscalationsController } from './escalations/escalations.controller';
import { DisputesController } from './disputes/disputes.controller';
import { ProjectionsModule } from '@covenant/application/projections/projections.module';
import { ContractHistoryController } from './contracts/contract-history.controller';
import { AccessLogController } from './audit/access-log.controller';
import { ContractSlaComplianceController } from './contracts/sla-compliance.controller';
import { SlaComplianceReportController } from './reports/sla-compliance.controller';
import { PortfolioReportController } from './reports/portfolio.controller';
import { PartnershipQueriesController } from './partnerships/partnership-queries.controller';
import { HealthReportController } from './reports/health.controller';
import { CONTRACT_AS_OF_QUERY_HANDLERS } from '@covenant/application/queries/contract-as-of.query';
import { ContractQueriesController } from './contracts/contract-queries.controller';
import { RenewalsReportController } from './reports/renewals.controller';
import { EscalationQueriesController } from './escalations/escalation-queries.controller';
import { DisputeQueriesController } from './disputes/dispute-queries.controller';
import { ChangeQueriesController } from './changes/change-queries.controller';
import { AuditModule } from '@covenant/application/audit/audit.module';
import { REPLAY_QUERY_HANDLERS } from '@covenant/application/replay/replay.queries';
import { PartnershipReplayController } from './partnerships/partnership-replay.controller';
import { AuditExportController } from './audit/audit-export.controller';
import { SchedulerModule } from '@covenant/application/scheduler/scheduler.module';
import { NotificationsController, WebhookDeadLettersController } from './notifications/notifications.controller';
import { AuthModule } from './auth/auth.module';

@Module({})
export class AppModule {
  static forRoot(config?: CovenantConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CovenantConfigModule.forRoot(config), MetricsModule, EventStoreModule, CommandsModule, ProjectionsModule, EventsModule, AuditHttpModule, AuditModule, SchedulerModule, AuthModule],
      controllers: [HealthController, PartnershipsController, ContractsController, ContractSlaController, ContractExitController, ChangesController, EscalationsController, DisputesController, ContractHistoryController, AccessLogController, ContractSlaComplianceController, SlaComplianceReportController, PortfolioReportController, PartnershipQueriesController, HealthReportController, ContractQueriesController, RenewalsReportController, EscalationQueriesController, DisputeQueriesController, ChangeQueriesController, PartnershipReplayController, AuditExportController, NotificationsController, WebhookDeadLettersController],
      providers: [...CONTRACT_AS_OF_QUERY_HANDLERS, ...REPLAY_QUERY_HANDLERS],
    };
  }
}
