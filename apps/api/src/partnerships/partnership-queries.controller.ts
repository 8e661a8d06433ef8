import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HttpReply as Response, setEtag } from '../http/http-types';
import type { LifeStage } from '@covenant/domain';
import type { Page } from '@covenant/projections/framework/pagination';
import {
  GetPartnershipQuery,
  ListPartnershipsQuery,
  PartnershipDetail,
  PartnershipSummary,
} from '@covenant/projections/read-models/partnerships/partnerships.queries';
import { PartnershipTimelineQuery, TimelineEntry } from '@covenant/projections/read-models/timeline/timeline.queries';
import { PartnershipHealthQuery, PartnershipHealthView } from '@covenant/projections/read-models/health/health.queries';
import { PartnershipScope } from '../auth/request-principal';
import { IdParam } from '../http/id-param';
import { problem, ProblemException } from '../problem/problems';
import { PartnershipHealthDto, PartnershipHealthQueryDto } from '../reports/dto/health.dto';
import { RecordsHistoryRead } from '../http/history-read';
import {
  PartnershipDetailDto,
  PartnershipListQueryDto,
  PartnershipPageDto,
  PartnershipReadQueryDto,
  TimelinePageDto,
  TimelineQueryDto,
} from './dto/partnership-queries.dto';

const notFound = (id: string) => new ProblemException(problem(404, 'PARTNERSHIP.NOT_FOUND', 'The partnership does not exist', `No partnership ${id}`));
const ETAG = { ETag: { description: 'Stream version of the partnership', schema: { type: 'string', example: '"12"' } } };
const NOT_FOUND = { description: 'PARTNERSHIP.NOT_FOUND: no partnership with that id was formed' };

/** Partnership reads: the list, one partnership with its charter and seats, its timeline and its health. */
@ApiTags('partnerships')
@Controller('partnerships')
export class PartnershipQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Partnerships by name', description: 'Filtered by life stage and by party (exact id), paged by cursor.' })
  @ApiOkResponse({ type: PartnershipPageDto })
  list(@Query() q: PartnershipListQueryDto, @PartnershipScope() scope: readonly string[] | undefined): Promise<Page<PartnershipSummary>> {
    return this.queries.execute(new ListPartnershipsQuery({ stage: q.stage as LifeStage | undefined, partyId: q.partyId }, { limit: q.limit, cursor: q.cursor }, scope));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One partnership with its charter and governance seats',
    description: 'Parties, life stage, the charter in force with each tier’s decision rights, business reviews, and the seats held at `asOf` (default now).',
  })
  @ApiOkResponse({ type: PartnershipDetailDto, headers: ETAG })
  @ApiNotFoundResponse(NOT_FOUND)
  async read(@IdParam() id: string, @Query() q: PartnershipReadQueryDto, @Res({ passthrough: true }) res: Response): Promise<PartnershipDetail> {
    const found = await this.queries.execute(new GetPartnershipQuery(id, q.asOf));
    if (!found) throw notFound(id);
    setEtag(res, found.version);
    return found;
  }

  @RecordsHistoryRead('timeline', (p) => `partnership-${p.id}`)
  @Get(':id/timeline')
  @ApiOperation({
    summary: "A partnership's timeline across all its contracts",
    description:
      'Every event of the partnership and of every contract drafted in it (addenda included), in occurredAt order then log order, each with a neutral ' +
      'one-line summary, its actor, both times, correlation and causation, and its position, event id, stream and version to trace it to the recorded event.',
  })
  @ApiOkResponse({ type: TimelinePageDto })
  @ApiNotFoundResponse(NOT_FOUND)
  async timeline(@IdParam() id: string, @Query() q: TimelineQueryDto): Promise<Page<TimelineEntry>> {
    const page = await this.queries.execute(
      new PartnershipTimelineQuery(
        { partnershipId: id, contractId: q.contractId, types: q.types, partyId: q.partyId, from: q.from, to: q.to },
        { limit: q.limit, cursor: q.cursor },
      ),
    );
    if (!page) throw notFound(id);
    return page;
  }

  @Get(':id/health')
  @ApiOperation({
    summary: "A partnership's health index now and over time",
    description:
      'The index at `asOf` (default now): the assessments of the trailing 90 days, dimension means weighted by the life stage now, with the assessments ' +
      'it came from; and the series, one point per assessment (the index as of it, weighted by the stage then), paged and filtered by `from`/`to`.',
  })
  @ApiOkResponse({ type: PartnershipHealthDto, headers: ETAG })
  @ApiNotFoundResponse(NOT_FOUND)
  async health(@IdParam() id: string, @Query() q: PartnershipHealthQueryDto, @Res({ passthrough: true }) res: Response): Promise<Omit<PartnershipHealthView, 'version'>> {
    const found = await this.queries.execute(new PartnershipHealthQuery(id, { asOf: q.asOf, from: q.from, to: q.to }, { limit: q.limit, cursor: q.cursor }));
    if (!found) throw notFound(id);
    const { version, ...body } = found;
    setEtag(res, version);
    return body;
  }
}
