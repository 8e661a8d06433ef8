import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HttpReply as Response, setEtag } from '../http/http-types';
import { DOMAIN_ERROR_CODES } from '@covenant/domain';
import { ContractAsOfQuery, ContractAsOfView } from '@covenant/application/queries/contract-as-of.query';
import type { Page } from '@covenant/projections/framework/pagination';
import { ContractStateQuery, ListContractsQuery } from '@covenant/projections/read-models/contract-state/contract-state.queries';
import type { ContractSummary, ContractView } from '@covenant/projections/read-models/contract-state/contract-view';
import { PartnershipScope } from '../auth/request-principal';
import { IdParam } from '../http/id-param';
import { problem, ProblemException } from '../problem/problems';
import { ContractDto, ContractListQueryDto, ContractPageDto, ContractReadQueryDto } from './dto/contract-queries.dto';
import { RecordsHistoryRead } from '../http/history-read';

/** Contracts as committees and auditors read them: the contract-state read model, or a replay of the log. */
@ApiTags('contracts')
@Controller('contracts')
export class ContractQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'List contracts',
    description: 'Filter by status, partnership, party, kind, expiry within N days of `now` (signed or active contracts) and open escalations; in contract-id order, a page at a time. Items carry everything but the full terms.',
  })
  @ApiOkResponse({ type: ContractPageDto })
  list(@Query() q: ContractListQueryDto, @PartnershipScope() scope: readonly string[] | undefined): Promise<Page<ContractSummary>> {
    return this.queries.execute(
      new ListContractsQuery(
        {
          statuses: q.status,
          partnershipId: q.partnershipId,
          partyId: q.partyId,
          kind: q.kind,
          expiringWithinDays: q.expiringWithinDays,
          hasOpenEscalations: q.hasOpenEscalations,
          now: q.now,
        },
        { limit: q.limit, cursor: q.cursor },
        scope,
      ),
    );
  }

  @RecordsHistoryRead('replay', (p, q) => (q.asOf !== undefined || q.knownAt !== undefined ? `contract-${p.id}` : null))
  @Get(':id')
  @ApiOperation({
    summary: 'Read a contract (current, or as of / as known at)',
    description:
      'Without `asOf` and `knownAt`: the current state from the read model. With either: the auditor’s replay of the contract stream — the events recorded by `knownAt`, applied if they had occurred by `asOf` — with `eventsApplied`. ETag: the stream version of the last event included.',
  })
  @ApiOkResponse({ type: ContractDto, headers: { ETag: { description: 'The stream version of the last event included, quoted', schema: { type: 'string', example: '"7"' } } } })
  @ApiNotFoundResponse({ description: 'CONTRACT.NOT_FOUND: no such contract (or none yet at that time)' })
  async read(@IdParam() id: string, @Query() q: ContractReadQueryDto, @Res({ passthrough: true }) res: Response): Promise<ContractView | ContractAsOfView> {
    const replay = q.asOf !== undefined || q.knownAt !== undefined;
    const view: ContractView | ContractAsOfView | null = replay
      ? await this.queries.execute(new ContractAsOfQuery(id, { asOf: q.asOf, knownAt: q.knownAt }))
      : await this.queries.execute(new ContractStateQuery(id));
    if (!view) {
      const when = [q.asOf && `as of ${q.asOf}`, q.knownAt && `as known at ${q.knownAt}`].filter(Boolean).join(', ');
      throw new ProblemException(problem(404, 'CONTRACT.NOT_FOUND', DOMAIN_ERROR_CODES['CONTRACT.NOT_FOUND'].title, `no contract ${id}${when ? ` ${when}` : ''}`));
    }
    setEtag(res, view.version);
    return view;
  }
}
