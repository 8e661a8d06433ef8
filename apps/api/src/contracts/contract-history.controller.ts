import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '@covenant/projections/framework/pagination';
import { AuditEntry, AuditTrailQuery } from '@covenant/projections/read-models/audit-trail/audit-trail.queries';
import { IdParam } from '../http/id-param';
import { AuditTrailPageDto, HistoryQueryDto } from './dto/history.dto';
import { RecordsHistoryRead } from '../http/history-read';

/** The audit trail of one contract: every event of its stream, in chain order, with both times. */
@ApiTags('contracts')
@Controller('contracts')
export class ContractHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @RecordsHistoryRead('history', (p) => `contract-${p.id}`)
  @Get(':id/history')
  @ApiOperation({
    summary: "A contract's audit trail",
    description: 'Every event of the contract stream in stream order: both times, actor, correlation and causation ids, hash and previous hash. Empty for an unknown contract.',
  })
  @ApiOkResponse({ type: AuditTrailPageDto })
  history(@IdParam() id: string, @Query() q: HistoryQueryDto): Promise<Page<AuditEntry>> {
    return this.queries.execute(
      new AuditTrailQuery({ streamId: `contract-${id}`, types: q.types, recordedFrom: q.recordedFrom, recordedTo: q.recordedTo }, { limit: q.limit, cursor: q.cursor }),
    );
  }
}
