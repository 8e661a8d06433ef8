import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HttpReply as Response, setEtag } from '../http/http-types';
import { ContractSlaCompliance, ContractSlaComplianceQuery } from '@covenant/projections/read-models/sla-compliance/sla-compliance.queries';
import { IdParam } from '../http/id-param';
import { problem, ProblemException } from '../problem/problems';
import { ContractSlaComplianceDto, ContractSlaComplianceQueryDto } from './dto/sla-compliance.dto';

/** SLA compliance and service credits of one contract, month by month. */
@ApiTags('contracts')
@Controller('contracts')
export class ContractSlaComplianceController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/sla-compliance')
  @ApiOperation({
    summary: "A contract's SLA compliance by month",
    description:
      'Per SLA and calendar month (UTC): measurements by outcome, breaches (measured or reported), compliance percentage, credits accrued and waived, ' +
      'with credit totals per currency over every month the filters keep. ETag: the stream version of the last event that changed these figures.',
  })
  @ApiOkResponse({ type: ContractSlaComplianceDto, headers: { ETag: { description: 'Stream version of the last SLA fact applied', schema: { type: 'string', example: '"12"' } } } })
  @ApiNotFoundResponse({ description: 'CONTRACT.NOT_FOUND: no contract with that id was drafted' })
  async compliance(
    @IdParam() id: string,
    @Query() q: ContractSlaComplianceQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Omit<ContractSlaCompliance, 'version'>> {
    const found = await this.queries.execute(new ContractSlaComplianceQuery(id, { slaId: q.slaId, from: q.from, to: q.to }, { limit: q.limit, cursor: q.cursor }));
    if (!found) throw new ProblemException(problem(404, 'CONTRACT.NOT_FOUND', 'The contract does not exist', `No contract ${id}`));
    const { version, ...body } = found;
    setEtag(res, version);
    return body;
  }
}
