import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HttpReply as Response, setEtag } from '../http/http-types';
import { DOMAIN_ERROR_CODES } from '@covenant/domain';
import type { Page } from '@covenant/projections/framework/pagination';
import { DisputeQuery, DisputeView, ListDisputesQuery } from '@covenant/projections/read-models/escalations/disputes.queries';
import { NowOnlyQueryDto } from '../contracts/dto/contract-queries.dto';
import { PartnershipScope } from '../auth/request-principal';
import { IdParam } from '../http/id-param';
import { problem, ProblemException } from '../problem/problems';
import { DisputeDto, DisputePageDto, DisputesQueryDto } from './dto/dispute-queries.dto';

/** Disputes as mediators and committees read them: the step of the ladder, the mediation deadline, the outcome. */
@ApiTags('disputes')
@Controller('disputes')
export class DisputeQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'List disputes', description: 'Filter by status, step, overdue mediation at `now`, partnership, contract; in the order they were opened.' })
  @ApiOkResponse({ type: DisputePageDto })
  disputes(@Query() q: DisputesQueryDto, @PartnershipScope() scope: readonly string[] | undefined): Promise<Page<DisputeView>> {
    return this.queries.execute(
      new ListDisputesQuery(
        { status: q.status, steps: q.step, mediationOverdue: q.mediationOverdue, partnershipId: q.partnershipId, contractId: q.contractId, now: q.now },
        { limit: q.limit, cursor: q.cursor },
        scope,
      ),
    );
  }

  @Get(':disputeId')
  @ApiOperation({ summary: 'Read a dispute' })
  @ApiOkResponse({ type: DisputeDto, headers: { ETag: { description: 'Stream version of the last event that changed the dispute, quoted', schema: { type: 'string', example: '"14"' } } } })
  @ApiNotFoundResponse({ description: 'DISPUTE.NOT_FOUND' })
  async dispute(@IdParam('disputeId') disputeId: string, @Query() q: NowOnlyQueryDto, @Res({ passthrough: true }) res: Response): Promise<DisputeView> {
    const view: DisputeView | null = await this.queries.execute(new DisputeQuery(disputeId, q.now));
    if (!view) throw new ProblemException(problem(404, 'DISPUTE.NOT_FOUND', DOMAIN_ERROR_CODES['DISPUTE.NOT_FOUND'].title, `no dispute ${disputeId}`));
    setEtag(res, view.version);
    return view;
  }
}
