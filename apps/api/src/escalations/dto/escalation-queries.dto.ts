import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { TIERS } from '@covenant/domain';
import { PageMetaDto } from '../../http/dto/page.dto';
import { toInteger } from '../../http/dto/query-transforms';
import { BooleanFilter, IdFilter, NowQueryDto } from '../../contracts/dto/contract-queries.dto';

export const ESCALATION_STATUSES = ['open', 'resolved'] as const;

/** `GET /reports/overdue-escalations`: the overdue list has no status or overdue filter of its own. */
export class OverdueEscalationsQueryDto extends NowQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Current ladder level', minimum: 1, example: 2 })
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: '$property must be a ladder level (a whole number)' })
  @Min(1, { message: '$property must be at least 1' })
  @Max(20, { message: '$property must not be greater than 20' })
  level?: number;

  @ApiPropertyOptional({ enum: TIERS, description: 'The tier owning the current level', example: 'steering' })
  @IsOptional()
  @IsIn(TIERS, { message: `$property must be one of ${TIERS.join(', ')}` })
  tier?: (typeof TIERS)[number];

  @ApiPropertyOptional({ example: 'acme-globex' })
  @IdFilter()
  partnershipId?: string;

  @ApiPropertyOptional({ example: 'msa-acme-globex' })
  @IdFilter()
  contractId?: string;
}

export class EscalationsQueryDto extends OverdueEscalationsQueryDto {
  @ApiPropertyOptional({ enum: ESCALATION_STATUSES, example: 'open' })
  @IsOptional()
  @IsIn(ESCALATION_STATUSES, { message: '$property must be open or resolved' })
  status?: (typeof ESCALATION_STATUSES)[number];

  @ApiPropertyOptional({ type: Boolean, description: 'true: open with the current level’s deadline passed at `now`; false: the others', example: true })
  @BooleanFilter()
  overdue?: boolean;
}

export class EscalationSubjectDto {
  @ApiProperty({ enum: ['sla-breach', 'change', 'dispute', 'other'], example: 'sla-breach' }) kind!: string;
  @ApiPropertyOptional({ example: 'breach-2026-03-02-availability' }) id?: string;
}

export class LevelMoveDto {
  @ApiProperty({ example: 1 }) fromLevel!: number;
  @ApiProperty({ example: 2 }) toLevel!: number;
  @ApiProperty({ enum: TIERS, example: 'steering' }) tier!: string;
  @ApiProperty({ description: 'The new level’s response deadline', example: '2026-03-06T09:00:00.000Z' }) dueAt!: string;
  @ApiProperty({ description: 'When it moved; an automatic move is dated at the missed deadline itself', example: '2026-03-03T09:00:00.000Z' }) at!: string;
  @ApiProperty({ example: true }) automatic!: boolean;
  @ApiProperty({ example: 'level 1 response deadline 2026-03-03T09:00:00.000Z passed' }) reason!: string;
}

export class EscalationDto {
  @ApiProperty({ example: 'esc-invoices-2026-03' }) escalationId!: string;
  @ApiProperty({ example: 'msa-acme-globex' }) contractId!: string;
  @ApiProperty({ example: 'acme-globex' }) partnershipId!: string;
  @ApiProperty({ example: 'Invoices rejected twice' }) subject!: string;
  @ApiProperty({ type: EscalationSubjectDto, nullable: true }) relatesTo!: EscalationSubjectDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'Who raised it', example: 'carol' }) raisedBy!: string | null;
  @ApiProperty({ example: '2026-03-02T09:00:00.000Z' }) raisedAt!: string;
  @ApiProperty({ description: 'Current ladder level', example: 2 }) level!: number;
  @ApiProperty({ enum: TIERS, description: 'The tier owning the current level', example: 'steering' }) tier!: string;
  @ApiProperty({ description: 'Response deadline of the current level', example: '2026-03-06T09:00:00.000Z' }) dueAt!: string;
  @ApiProperty({ enum: ESCALATION_STATUSES, example: 'open' }) status!: string;
  @ApiProperty({ description: 'At `now`: open with the deadline passed', example: false }) overdue!: boolean;
  @ApiProperty({ type: [LevelMoveDto] }) history!: LevelMoveDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) resolvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) resolvedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) resolution!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, example: null }) resolvedWithinDeadline!: boolean | null;
  @ApiProperty({ description: 'Stream version of the last event that changed this escalation (the ETag)', example: 9 }) version!: number;
}

export class EscalationPageDto extends PageMetaDto {
  @ApiProperty({ type: [EscalationDto] }) items!: EscalationDto[];
}
