import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '@covenant/projections/framework/pagination';
import { ListRenewalsQuery, RenewalView } from '@covenant/projections/read-models/renewals/renewals.queries';
import { PartnershipScope } from '../auth/request-principal';
import { RenewalPageDto, RenewalsQueryDto } from './dto/renewals.dto';

/** "Renewals due" for committees: every contract in a renewal cycle, the soonest decision first. */
@ApiTags('reports')
@Controller('reports')
export class RenewalsReportController {
  constructor(private readonly queries: QueryBus) {}

  @Get('renewals')
  @ApiOperation({
    summary: 'Renewals due',
    description:
      'Contracts in a renewal cycle with the expiry in force, window and decision dates (derived from the terms in force) and phase; `withinDays` keeps those still in force whose decision is due within N days of `now`, overdue ones included. Soonest decision first.',
  })
  @ApiOkResponse({ type: RenewalPageDto })
  renewals(@Query() q: RenewalsQueryDto, @PartnershipScope() scope: readonly string[] | undefined): Promise<Page<RenewalView>> {
    return this.queries.execute(
      new ListRenewalsQuery({ partnershipId: q.partnershipId, phases: q.phase, withinDays: q.withinDays, now: q.now }, { limit: q.limit, cursor: q.cursor }, scope),
    );
  }
}
