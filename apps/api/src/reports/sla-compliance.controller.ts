import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SlaCompliancePage, SlaComplianceReportQuery } from '@covenant/projections/read-models/sla-compliance/sla-compliance.queries';
import { SlaCompliancePageDto } from '../contracts/dto/sla-compliance.dto';
import { PartnershipScope } from '../auth/request-principal';
import { SlaComplianceReportQueryDto } from './dto/sla-compliance-report.dto';

/** For the committees: SLA compliance and service credits per contract and month, across contracts. */
@ApiTags('reports')
@Controller('reports')
export class SlaComplianceReportController {
  constructor(private readonly queries: QueryBus) {}

  @Get('sla-compliance')
  @ApiOperation({
    summary: 'SLA compliance and service credits per contract and period',
    description:
      'One row per contract, SLA and calendar month (UTC), latest month first, paginated by cursor; `totals` sums the credits per currency over every row the filters keep.',
  })
  @ApiOkResponse({ type: SlaCompliancePageDto })
  report(@Query() q: SlaComplianceReportQueryDto, @PartnershipScope() scope: readonly string[] | undefined): Promise<SlaCompliancePage> {
    return this.queries.execute(
      new SlaComplianceReportQuery(
        { partnershipId: q.partnershipId, contractId: q.contractId, from: q.from, to: q.to, belowTarget: q.belowTarget },
        { limit: q.limit, cursor: q.cursor },
        scope,
      ),
    );
  }
}
