import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PortfolioReport, PortfolioReportQuery } from '@covenant/projections/read-models/portfolio/portfolio.queries';
import { PartnershipScope } from '../auth/request-principal';
import { PortfolioQueryDto, PortfolioReportDto } from './dto/portfolio.dto';

/** For the committees: the contract portfolio by status and the contracts at risk, with their reasons. */
@ApiTags('reports')
@Controller('reports')
export class PortfolioReportController {
  constructor(private readonly queries: QueryBus) {}

  @Get('portfolio')
  @ApiOperation({
    summary: 'Committee portfolio: contracts by status and the contracts at risk',
    description:
      'Counts by contract status, and one page (by cursor) of the contracts at risk: an open escalation at the executive tier (level 3), a failing SLA, ' +
      'or a renewal decision that fell due undecided (overdue when its date is before `now`).',
  })
  @ApiOkResponse({ type: PortfolioReportDto })
  report(@Query() q: PortfolioQueryDto, @PartnershipScope() scope: readonly string[] | undefined): Promise<PortfolioReport> {
    return this.queries.execute(new PortfolioReportQuery({ partnershipId: q.partnershipId, now: q.now }, { limit: q.limit, cursor: q.cursor }, scope));
  }
}
