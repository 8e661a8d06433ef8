import { Global, Module } from '@nestjs/common';
import { APPEND_OBSERVER } from '@covenant/application/store/instrumented-event-store';
import { CovenantMetrics } from './covenant-metrics';
import { MetricsController } from './metrics.controller';

/** `GET /metrics`; global so the event store provider finds the APPEND_OBSERVER it reports to. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [CovenantMetrics, { provide: APPEND_OBSERVER, useExisting: CovenantMetrics }],
  exports: [CovenantMetrics, APPEND_OBSERVER],
})
export class MetricsModule {}
