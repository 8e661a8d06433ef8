import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LifeStage } from '@covenant/domain';
import type { Page } from '@covenant/projections/framework/pagination';
import { HealthReportQuery, HealthReportRow } from '@covenant/projections/read-models/health/health.queries';
import { PartnershipScope } from '../auth/request-principal';
import { HealthReportDto, HealthReportQueryDto } from './dto/health.dto';

/** For the committees: every partnership's health, the weakest first. */
@ApiTags('reports')
@Controller('reports')
export class HealthReportController {
  constructor(private readonly queries: QueryBus) {}

  @Get('health')
  @ApiOperation({
    summary: "Every partnership's health index, worst first",
    description:
      'Per partnership: the index as of its latest assessment, weighted by its life stage now (re-weighed when the stage changes), the dimension means and ' +
      'the assessments they came from. Never-assessed partnerships come last; `stale` flags figures with no assessment in the 90-day window at `asOf`.',
  })
  @ApiOkResponse({ type: HealthReportDto })
  report(@Query() q: HealthReportQueryDto, @PartnershipScope() scope: readonly string[] | undefined): Promise<Page<HealthReportRow>> {
    return this.queries.execute(new HealthReportQuery({ stage: q.stage as LifeStage | undefined, asOf: q.asOf }, { limit: q.limit, cursor: q.cursor }, scope));
  }
}
