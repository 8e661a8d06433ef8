import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { HttpReply as Response } from '../http/http-types';
import { ProjectionEngine } from '@covenant/projections/framework/projection-engine';
import { CovenantMetrics } from './covenant-metrics';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: CovenantMetrics,
    private readonly projections: ProjectionEngine,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics', description: 'Process metrics, HTTP requests by route template and status, event store appends by store and outcome, projection lag, position and stalls.' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format', schema: { type: 'string' } })
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    this.metrics.projectionsObserved(await this.projections.status());
    const { contentType, body } = await this.metrics.scrape();
    res.type(contentType);
    return body;
  }
}
