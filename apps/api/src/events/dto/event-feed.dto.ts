import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { EVENT_FEED_MAX_LIMIT } from '@covenant/application/queries/read-event-feed.query';
import { toInteger, toList } from '../../http/dto/query-transforms';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** Query of `GET /events`: unknown parameters are refused by the global ValidationPipe. */
export class EventFeedQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Exclusive checkpoint: events with position > after (0, the default, reads from the start)', minimum: 0, default: 0, example: 0 })
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: '$property must be a non-negative integer' })
  @Min(0, { message: '$property must not be negative' })
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;

  @ApiPropertyOptional({ type: 'integer', description: `Page size, 1-${EVENT_FEED_MAX_LIMIT}`, minimum: 1, maximum: EVENT_FEED_MAX_LIMIT, default: 50, example: 50 })
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: '$property must be an integer' })
  @Min(1, { message: '$property must be at least 1' })
  @Max(EVENT_FEED_MAX_LIMIT, { message: `$property must not be greater than ${EVENT_FEED_MAX_LIMIT}` })
  limit?: number;

  @ApiPropertyOptional({ type: String, description: 'Comma-separated event types to keep (e.g. ContractSigned,SlaBreached)', example: 'ContractSigned,SlaBreached' })
  @IsOptional()
  @Transform(toList)
  @IsArray({ message: '$property must be a comma-separated list of event types' })
  @ArrayMaxSize(100)
  @Matches(NAME, { each: true, message: '$property must be a comma-separated list of event types (letters, digits and ._:-)' })
  types?: string[];

  @ApiPropertyOptional({ type: String, description: "Comma-separated stream categories to keep: the part of the stream id before the first '-' (e.g. contract,partnership)", example: 'contract' })
  @IsOptional()
  @Transform(toList)
  @IsArray({ message: '$property must be a comma-separated list of stream categories' })
  @ArrayMaxSize(100)
  @Matches(NAME, { each: true, message: '$property must be a comma-separated list of stream categories (letters, digits and ._:-)' })
  categories?: string[];
}

export class EventMetadataDto {
  @ApiProperty({ description: 'When the fact happened (ISO-8601)', example: '2026-03-02T09:00:00Z' })
  occurredAt!: string;

  @ApiProperty({ description: 'When the store learned it (ISO-8601)', example: '2026-03-02T09:00:01.123Z' })
  recordedAt!: string;

  @ApiPropertyOptional({ example: 'dana.steering' })
  actorId?: string;

  @ApiPropertyOptional({ description: 'Groups every event caused by one request or process' })
  correlationId?: string;

  @ApiPropertyOptional({ description: 'The event or command that caused this one' })
  causationId?: string;
}

export class EventEnvelopeDto {
  @ApiProperty({ example: '0195a2b4-7c1e-7d3a-9f00-3b2a1c0d4e5f' })
  id!: string;

  @ApiProperty({ example: 'contract-6f1c2d' })
  streamId!: string;

  @ApiProperty({ type: 'integer', description: '0-based revision within the stream', example: 3 })
  version!: number;

  @ApiProperty({ type: 'integer', description: '1-based global position', example: 42 })
  position!: number;

  @ApiProperty({ example: 'ContractSigned' })
  type!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  schemaVersion!: number;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event payload (shape depends on type and schemaVersion)' })
  data!: Record<string, unknown>;

  @ApiProperty({ type: EventMetadataDto })
  metadata!: EventMetadataDto;

  @ApiProperty({ type: String, nullable: true, description: 'Hash of the previous event of the same stream (null for the first)' })
  prevHash!: string | null;

  @ApiProperty({ description: 'SHA-256 (hex) over the RFC 8785 canonical JSON of the envelope without hash' })
  hash!: string;
}

export class EventFeedPageDto {
  @ApiProperty({ type: [EventEnvelopeDto] })
  items!: EventEnvelopeDto[];

  @ApiProperty({ type: 'integer', description: 'Position of the last item, or the after given when the page is empty: pass it as the next after', example: 42 })
  nextAfter!: number;
}
