import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import { ALL_EVENT_TYPES, LIFE_STAGES, TIERS } from '@covenant/domain';
import { ID_MESSAGE, ID_PATTERN } from '../../http/dto/common.dto';
import { PageMetaDto, PageQueryDto } from '../../http/dto/page.dto';
import { toList } from '../../http/dto/query-transforms';
import { IsInstant } from '../../http/dto/validators';

// ---------------------------------------------------------------- requests

export class PartnershipListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LIFE_STAGES, description: 'Only partnerships in this life stage', example: 'operating' })
  @IsOptional()
  @IsIn(LIFE_STAGES, { message: `$property must be one of ${LIFE_STAGES.join(', ')}` })
  stage?: string;

  @ApiPropertyOptional({ description: 'Only partnerships this party belongs to (exact id)', example: 'acme' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  partyId?: string;
}

export class PartnershipReadQueryDto {
  @ApiPropertyOptional({ description: 'List the governance seats held at this instant (ISO-8601 with a zone); defaults to now', example: '2026-03-02T09:00:00Z' })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}

export class TimelineQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: "Only this contract's events, and events of other contracts that name it (an addendum attached to or ending with it, a linked review)",
    example: 'msa-acme-globex',
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  contractId?: string;

  @ApiPropertyOptional({ type: String, description: 'Comma-separated event types to keep', example: 'DisputeOpened,DisputeAdvanced,PositionPaperSubmitted' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(100)
  @IsIn(ALL_EVENT_TYPES, { each: true, message: '$property must be a comma-separated list of event types of the catalogue' })
  types?: string[];

  @ApiPropertyOptional({
    description:
      'Only events that involve this party: the parties an event names (signatory, dispute sides, position paper, governance seat), else every party of its contract or partnership',
    example: 'globex',
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  partyId?: string;

  @ApiPropertyOptional({ description: 'Only events that occurred at or after (ISO-8601 with a zone)', example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Only events that occurred at or before (ISO-8601 with a zone)', example: '2026-12-31T23:59:59Z' })
  @IsOptional()
  @IsInstant()
  to?: string;
}

// ---------------------------------------------------------------- responses

export class PartyRefDto {
  @ApiProperty({ example: 'acme' }) partyId!: string;
  @ApiProperty({ example: 'Acme Corp' }) name!: string;
}

export class PartnershipSummaryDto {
  @ApiProperty({ example: 'acme-globex' }) partnershipId!: string;
  @ApiProperty({ example: 'Acme × Globex' }) name!: string;
  @ApiProperty({ enum: LIFE_STAGES, example: 'operating' }) stage!: string;
  @ApiProperty({ type: [PartyRefDto] }) parties!: PartyRefDto[];
  @ApiProperty({ description: 'When the partnership was formed', example: '2025-12-07T09:00:00.000Z' }) formedAt!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Version of the charter in force; null before one is adopted', example: 1 }) charterVersion!: number | null;
  @ApiProperty({ description: 'Stream version of the partnership (its ETag)', example: 12 }) version!: number;
  @ApiProperty({ description: 'When the last event applied was recorded', example: '2026-04-02T09:00:01.234Z' }) updatedAt!: string;
}

export class PartnershipPageDto extends PageMetaDto {
  @ApiProperty({ type: [PartnershipSummaryDto] }) items!: PartnershipSummaryDto[];
}

export class CharterTierDto {
  @ApiProperty({ enum: TIERS, example: 'steering' }) tier!: string;
  @ApiProperty({ example: 'Steering committee' }) name!: string;
  @ApiProperty({ type: [String], example: ['tactical direction', 'approves significant changes', 'owns escalation level 2'] }) decisionRights!: string[];
}

export class CharterDto {
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ type: [CharterTierDto] }) tiers!: CharterTierDto[];
  @ApiProperty({ example: 90 }) businessReviewCadenceDays!: number;
}

export class BusinessReviewsDto {
  @ApiProperty({ example: 3 }) count!: number;
  @ApiProperty({ type: String, nullable: true, example: '2026-04-01T09:00:00.000Z' }) lastHeldAt!: string | null;
}

export class MemberDto {
  @ApiProperty({ example: 'carol' }) personId!: string;
  @ApiProperty({ example: 'Carol Steer' }) name!: string;
  @ApiProperty({ example: 'acme' }) partyId!: string;
  @ApiProperty({ enum: TIERS, example: 'steering' }) tier!: string;
  @ApiProperty({ description: 'Seat taken at', example: '2025-12-09T09:00:00.000Z' }) from!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Seat left at (exclusive); null while held', example: null }) until!: string | null;
}

export class PartnershipDetailDto extends PartnershipSummaryDto {
  @ApiProperty({ type: CharterDto, nullable: true }) charter!: CharterDto | null;
  @ApiProperty({ type: BusinessReviewsDto }) businessReviews!: BusinessReviewsDto;
  @ApiProperty({ type: [MemberDto], description: 'Seats held at membersAsOf, highest tier first' }) members!: MemberDto[];
  @ApiProperty({ example: '2026-03-02T09:00:00.000Z' }) membersAsOf!: string;
}

export class TimelineEntryDto {
  @ApiProperty({ description: 'Position of the recorded event in the global log (its audit proof key)', example: 1042 }) position!: number;
  @ApiProperty({ example: '0193a1c2-7b1e-7cc0-9a0b-1c2d3e4f5a6b' }) eventId!: string;
  @ApiProperty({ example: 'contract-msa-acme-globex' }) streamId!: string;
  @ApiProperty({ description: 'Version within the stream (0-based)', example: 17 }) version!: number;
  @ApiProperty({ example: 'DisputeOpened' }) type!: string;
  @ApiProperty({ description: 'When the fact happened', example: '2026-03-07T09:00:00.000Z' }) occurredAt!: string;
  @ApiProperty({ description: 'When the engine recorded it', example: '2026-03-07T09:00:01.234Z' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true, example: 'alice' }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The contract whose stream holds the event; null for the partnership's own", example: 'msa-acme-globex' })
  contractId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Another contract the event is about (the master of an addendum, a linked contract)', example: null })
  relatedContractId!: string | null;
  @ApiProperty({ example: 'Acme Corp served formal notice of dispute "Unpaid change order CO-7" on Globex Services' }) summary!: string;
  @ApiProperty({ type: [String], example: ['acme', 'globex'] }) partyIds!: string[];
  @ApiProperty({ type: String, nullable: true, example: 'b6f1c7e2-3a4d-4f5e-9a1b-2c3d4e5f6a7b' }) correlationId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'b6f1c7e2-3a4d-4f5e-9a1b-2c3d4e5f6a7b' }) causationId!: string | null;
}

export class TimelinePageDto extends PageMetaDto {
  @ApiProperty({ type: [TimelineEntryDto] }) items!: TimelineEntryDto[];
}
