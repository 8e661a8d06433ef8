import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { HISTORY_READ_ACTIONS } from '@covenant/application/access-log/access-log';
import type { Page } from '@covenant/projections/framework/pagination';
import { AccessLogEntry, AccessLogQuery } from '@covenant/projections/read-models/access-log/access-log.queries';
import { ISO_INSTANT } from '../http/dto/common.dto';
import { PageMetaDto, PageQueryDto } from '../http/dto/page.dto';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$/;

export class AccessLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only reads by this person', example: 'aude.auditor' })
  @IsOptional()
  @Matches(NAME, { message: '$property must be a person id' })
  actorId?: string;

  @ApiPropertyOptional({ description: 'Only reads of this stream', example: 'contract-demo-msa' })
  @IsOptional()
  @Matches(NAME, { message: '$property must be a stream id' })
  resource?: string;

  @ApiPropertyOptional({ enum: HISTORY_READ_ACTIONS, example: 'replay' })
  @IsOptional()
  @IsIn(HISTORY_READ_ACTIONS)
  action?: string;

  @ApiPropertyOptional({ description: 'Recorded at or after (ISO-8601)', example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601(ISO_INSTANT)
  from?: string;

  @ApiPropertyOptional({ description: 'Recorded at or before (ISO-8601)', example: '2026-12-31T23:59:59Z' })
  @IsOptional()
  @IsISO8601(ISO_INSTANT)
  to?: string;
}

export class AccessLogEntryDto {
  @ApiProperty({ example: 4242, description: 'Position of the HistoryRead event in the log' }) position!: number;
  @ApiProperty({ example: 'aude.auditor' }) actorId!: string;
  @ApiProperty({ enum: HISTORY_READ_ACTIONS, example: 'replay' }) action!: string;
  @ApiProperty({ example: 'contract-demo-msa' }) resource!: string;
  @ApiProperty({ example: { asOf: '2026-03-01T00:00:00Z' }, description: 'The query as asked' }) query!: Record<string, string>;
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z' }) recordedAt!: string;
}

export class AccessLogPageDto extends PageMetaDto {
  @ApiProperty({ type: [AccessLogEntryDto] }) items!: AccessLogEntryDto[];
}

/** Who read which history (audit trails, replays, timelines, exports), when: newest first. */
@ApiTags('audit')
@Controller('audit/access-log')
export class AccessLogController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Reads of history', description: 'Every audit-trail, replay, timeline and evidence-export read, recorded as a HistoryRead event in the access-log stream before the answer was sent.' })
  @ApiOkResponse({ type: AccessLogPageDto })
  list(@Query() q: AccessLogQueryDto): Promise<Page<AccessLogEntry>> {
    return this.queries.execute(new AccessLogQuery({ actorId: q.actorId, resource: q.resource, action: q.action, from: q.from, to: q.to }, { limit: q.limit, cursor: q.cursor }));
  }
}
