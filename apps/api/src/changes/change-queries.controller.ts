import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HttpReply as Response, setEtag } from '../http/http-types';
import { DOMAIN_ERROR_CODES } from '@covenant/domain';
import type { Page } from '@covenant/projections/framework/pagination';
import { ChangeFilter, ChangeQuery, ChangeView, ListChangesQuery } from '@covenant/projections/read-models/changes/changes.queries';
import { NowOnlyQueryDto } from '../contracts/dto/contract-queries.dto';
import { PartnershipScope } from '../auth/request-principal';
import { IdParam } from '../http/id-param';
import { problem, ProblemException } from '../problem/problems';
import { ChangeDto, ChangePageDto, ChangesQueryDto, PendingChangesQueryDto } from './dto/change-queries.dto';

/** Change requests as committees read them (3-2-1): pending, awaiting which tier, reviews overdue. */
@ApiTags('changes')
@Controller()
export class ChangeQueriesController {
  constructor(private readonly queries: QueryBus) {}

  private list(q: ChangesQueryDto, scope: readonly string[] | undefined, statuses: ChangeFilter['statuses'] = q.status): Promise<Page<ChangeView>> {
    return this.queries.execute(
      new ListChangesQuery(
        { statuses, tier: q.tier, level: q.level, overdue: q.overdue, partnershipId: q.partnershipId, contractId: q.contractId, now: q.now },
        { limit: q.limit, cursor: q.cursor },
        scope,
      ),
    );
  }

  @Get('changes')
  @ApiOperation({ summary: 'List change requests', description: 'Filter by status (or pending), the tier whose decision they await, level, overdue review at `now`, partnership, contract; oldest request first.' })
  @ApiOkResponse({ type: ChangePageDto })
  changes(@Query() q: ChangesQueryDto, @PartnershipScope() scope: readonly string[] | undefined): Promise<Page<ChangeView>> {
    return this.list(q, scope);
  }

  @Get('reports/pending-changes')
  @ApiTags('reports')
  @ApiOperation({ summary: 'Changes pending', description: 'The committee report: `GET /changes?status=pending` — every change still waiting for a decision, with the tier it awaits.' })
  @ApiOkResponse({ type: ChangePageDto })
  pending(@Query() q: PendingChangesQueryDto, @PartnershipScope() scope: readonly string[] | undefined): Promise<Page<ChangeView>> {
    return this.list(q, scope, ['pending']);
  }

  @Get('changes/:changeId')
  @ApiOperation({ summary: 'Read a change request' })
  @ApiOkResponse({ type: ChangeDto, headers: { ETag: { description: 'Stream version of the last event that changed the request, quoted', schema: { type: 'string', example: '"22"' } } } })
  @ApiNotFoundResponse({ description: 'CHANGE.NOT_FOUND' })
  async change(@IdParam('changeId') changeId: string, @Query() q: NowOnlyQueryDto, @Res({ passthrough: true }) res: Response): Promise<ChangeView> {
    const view: ChangeView | null = await this.queries.execute(new ChangeQuery(changeId, q.now));
    if (!view) throw new ProblemException(problem(404, 'CHANGE.NOT_FOUND', DOMAIN_ERROR_CODES['CHANGE.NOT_FOUND'].title, `no change ${changeId}`));
    setEtag(res, view.version);
    return view;
  }
}
