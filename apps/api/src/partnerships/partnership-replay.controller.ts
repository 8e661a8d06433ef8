import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PartnershipAsOfView } from '@covenant/application/replay/replay-views';
import { PartnershipAsOfQuery } from '@covenant/application/replay/replay.queries';
import { HttpReply as Response, setEtag } from '../http/http-types';
import { IdParam } from '../http/id-param';
import { problem, ProblemException } from '../problem/problems';
import { PartnershipReplayQueryDto, PartnershipStateDto } from './dto/partnership-replay.dto';
import { RecordsHistoryRead } from '../http/history-read';

/** The auditor's replay of a partnership stream (the contract's is GET /contracts/{id}?asOf=&knownAt=). */
@ApiTags('partnerships')
@Controller('partnerships')
export class PartnershipReplayController {
  constructor(private readonly queries: QueryBus) {}

  @RecordsHistoryRead('replay', (p) => `partnership-${p.id}`)
  @Get(':id/state')
  @ApiOperation({
    summary: 'A partnership replayed as of a business time, as known at a record time',
    description: 'Replays the partnership stream: the events recorded by `knownAt`, applied if they had occurred by `asOf`, with the list of events applied. ETag: the stream version of the last event applied.',
  })
  @ApiOkResponse({ type: PartnershipStateDto })
  @ApiBadRequestResponse({ description: 'REQUEST.INVALID: asOf or knownAt is not an ISO-8601 instant' })
  @ApiNotFoundResponse({ description: 'PARTNERSHIP.NOT_FOUND: no partnership so replayed' })
  async state(@IdParam() id: string, @Query() q: PartnershipReplayQueryDto, @Res({ passthrough: true }) res: Response): Promise<PartnershipAsOfView> {
    const view = await this.queries.execute(new PartnershipAsOfQuery(id, { asOf: q.asOf, knownAt: q.knownAt }));
    if (!view) throw new ProblemException(problem(404, 'PARTNERSHIP.NOT_FOUND', 'The partnership does not exist', `No partnership ${id} as replayed`));
    setEtag(res, view.version);
    return view;
  }
}
