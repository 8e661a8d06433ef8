import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HttpReply as Response, setEtag } from '../http/http-types';
import { DOMAIN_ERROR_CODES } from '@covenant/domain';
import type { Page } from '@covenant/projections/framework/pagination';
import { EscalationQuery, EscalationView, ListEscalationsQuery } from '@covenant/projections/read-models/escalations/escalations.queries';
import { NowOnlyQueryDto } from '../contracts/dto/contract-queries.dto';
import { PartnershipScope } from '../auth/request-principal';
import { IdParam } from '../http/id-param';
import { problem, ProblemException } from '../problem/problems';
import { EscalationDto, EscalationPageDto, EscalationsQueryDto, OverdueEscalationsQueryDto } from './dto/escalation-queries.dto';

const ETAG = { ETag: { description: 'Stream version of the last event that changed the escalation, quoted', schema: { type: 'string', example: '"9"' } } };

/** Escalations as committees read them: open, overdue, at which level and tier. */
@ApiTags('escalations')
@Controller()
export class EscalationQueriesController {
  constructor(private readonly queries: QueryBus) {}

  private list(q: EscalationsQueryDto, scope: readonly string[] | undefined, overdue = q.overdue): Promise<Page<EscalationView>> {
    return this.queries.execute(
      new ListEscalationsQuery(
        { status: q.status, overdue, level: q.level, tier: q.tier, partnershipId: q.partnershipId, contractId: q.contractId, now: q.now },
        { limit: q.limit, cursor: q.cursor },
        scope,
      ),
    );
  }

  @Get('escalations')
  @ApiOperation({ summary: 'List escalations', description: 'Filter by status, overdue at `now`, current level, owning tier, partnership, contract; earliest deadline first.' })
  @ApiOkResponse({ type: EscalationPageDto })
  escalations(@Query() q: EscalationsQueryDto, @PartnershipScope() scope: readonly string[] | undefined): Promise<Page<EscalationView>> {
    return this.list(q, scope);
  }

  @Get('reports/overdue-escalations')
  @ApiTags('reports')
  @ApiOperation({ summary: 'Overdue escalations', description: 'The committee report: `GET /escalations?overdue=true` — open escalations whose current level’s deadline has passed at `now`.' })
  @ApiOkResponse({ type: EscalationPageDto })
  overdue(@Query() q: OverdueEscalationsQueryDto, @PartnershipScope() scope: readonly string[] | undefined): Promise<Page<EscalationView>> {
    return this.list(q, scope, true);
  }

  @Get('escalations/:escalationId')
  @ApiOperation({ summary: 'Read an escalation' })
  @ApiOkResponse({ type: EscalationDto, headers: ETAG })
  @ApiNotFoundResponse({ description: 'ESCALATION.NOT_FOUND' })
  async escalation(@IdParam('escalationId') escalationId: string, @Query() q: NowOnlyQueryDto, @Res({ passthrough: true }) res: Response): Promise<EscalationView> {
    const view: EscalationView | null = await this.queries.execute(new EscalationQuery(escalationId, q.now));
    if (!view) throw new ProblemException(problem(404, 'ESCALATION.NOT_FOUND', DOMAIN_ERROR_CODES['ESCALATION.NOT_FOUND'].title, `no escalation ${escalationId}`));
    setEtag(res, view.version);
    return view;
  }
}
