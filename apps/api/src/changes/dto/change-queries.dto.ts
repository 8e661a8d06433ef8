import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CHANGE_LEVELS, TIERS } from '@covenant/domain';
import { MoneyDto } from '../../http/dto/common.dto';
import { PageMetaDto } from '../../http/dto/page.dto';
import { BooleanFilter, IdFilter, ListOf, NowQueryDto } from '../../contracts/dto/contract-queries.dto';

export const CHANGE_STATUSES = ['requested', 'in-review', 'review-agreed', 'review-failed', 'in-mediation', 'approved', 'rejected'] as const;
const STATUS_FILTERS = ['pending', ...CHANGE_STATUSES] as const;

/** `GET /reports/pending-changes`: pending by definition, so no status filter. */
export class PendingChangesQueryDto extends NowQueryDto {
  @ApiPropertyOptional({ enum: TIERS, description: 'Changes waiting for this tier’s decision', example: 'steering' })
  @IsOptional()
  @IsIn(TIERS, { message: `$property must be one of ${TIERS.join(', ')}` })
  tier?: (typeof TIERS)[number];

  @ApiPropertyOptional({ enum: CHANGE_LEVELS, example: 'significant' })
  @IsOptional()
  @IsIn(CHANGE_LEVELS, { message: `$property must be one of ${CHANGE_LEVELS.join(', ')}` })
  level?: (typeof CHANGE_LEVELS)[number];

  @ApiPropertyOptional({ type: Boolean, description: 'true: the collaborative review is open past its response deadline at `now`; false: the others', example: true })
  @BooleanFilter()
  overdue?: boolean;

  @ApiPropertyOptional({ example: 'acme-globex' })
  @IdFilter()
  partnershipId?: string;

  @ApiPropertyOptional({ example: 'msa-acme-globex' })
  @IdFilter()
  contractId?: string;
}

export class ChangesQueryDto extends PendingChangesQueryDto {
  @ApiPropertyOptional({
    type: String,
    description: `Comma-separated statuses: ${CHANGE_STATUSES.join(', ')}, or pending (every status still waiting for a decision)`,
    example: 'pending',
  })
  @ListOf(STATUS_FILTERS)
  status?: Array<(typeof STATUS_FILTERS)[number]>;
}

export class ChangeDto {
  @ApiProperty({ example: 'ch-capacity-2026' }) changeId!: string;
  @ApiProperty({ example: 'msa-acme-globex' }) contractId!: string;
  @ApiProperty({ example: 'acme-globex' }) partnershipId!: string;
  @ApiProperty({ example: 'Double the analytics capacity' }) title!: string;
  @ApiProperty({ example: 'Growth in the retail business' }) rationale!: string;
  @ApiProperty({ enum: CHANGE_LEVELS, example: 'minor' }) proposedLevel!: string;
  @ApiProperty({ enum: CHANGE_LEVELS, description: 'The level that applies (raised by the cost impact or fundamental terms)', example: 'significant' }) level!: string;
  @ApiProperty({ type: [String], example: ['proposed', 'cost-impact-above-threshold'] }) levelReasons!: string[];
  @ApiProperty({ enum: CHANGE_STATUSES, example: 'in-review' }) status!: string;
  @ApiProperty({ type: String, nullable: true, enum: TIERS, description: 'The tier whose decision it waits for; null once decided', example: 'steering' }) awaitingTier!: string | null;
  @ApiProperty({ example: true }) reviewRequired!: boolean;
  @ApiProperty({ type: String, nullable: true, example: '2026-03-16T09:00:00.000Z' }) respondBy!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['consensus', 'no-consensus', 'overdue'], example: null }) reviewOutcome!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) reviewSummary!: string | null;
  @ApiProperty({ description: 'At `now`: the review is open past its response deadline', example: false }) reviewOverdue!: boolean;
  @ApiProperty({ type: MoneyDto, example: { amount: '200000.00', currency: 'EUR' } }) costImpact!: MoneyDto;
  @ApiProperty({ type: String, nullable: true, description: '|cost impact| / contract value, percent', example: '18.52' }) costImpactPercent!: string | null;
  @ApiProperty({ example: 2 }) baseTermsVersion!: number;
  @ApiProperty({ type: [String], description: 'The term paths the change rewrites (JSON Pointers)', example: ['/value/amount'] }) changedTerms!: string[];
  @ApiProperty({ example: '2026-03-02T09:00:00.000Z' }) requestedAt!: string;
  @ApiProperty({ type: String, nullable: true, example: 'mallory' }) requestedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) mediator!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) decidedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: TIERS, example: null }) decidedByTier!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) decisionReason!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The amendment its approval made', example: null }) amendmentNumber!: number | null;
  @ApiProperty({ description: 'Stream version of the last event that changed this request (the ETag)', example: 22 }) version!: number;
}

export class ChangePageDto extends PageMetaDto {
  @ApiProperty({ type: [ChangeDto] }) items!: ChangeDto[];
}
