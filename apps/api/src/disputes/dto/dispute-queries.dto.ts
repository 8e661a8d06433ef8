import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DISPUTE_STEPS } from '@covenant/domain';
import { PageMetaDto } from '../../http/dto/page.dto';
import { BooleanFilter, IdFilter, ListOf, NowQueryDto } from '../../contracts/dto/contract-queries.dto';

export const DISPUTE_STATUSES = ['open', 'resolved'] as const;

export class DisputesQueryDto extends NowQueryDto {
  @ApiPropertyOptional({ enum: DISPUTE_STATUSES, example: 'open' })
  @IsOptional()
  @IsIn(DISPUTE_STATUSES, { message: '$property must be open or resolved' })
  status?: (typeof DISPUTE_STATUSES)[number];

  @ApiPropertyOptional({ type: String, description: `Comma-separated steps of the ladder: ${DISPUTE_STEPS.join(', ')}`, example: 'mediation' })
  @ListOf(DISPUTE_STEPS)
  step?: Array<(typeof DISPUTE_STEPS)[number]>;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: mediation recorded as overdue, or at `now` still unscheduled before arbitration with its deadline passed; false: the others',
    example: true,
  })
  @BooleanFilter()
  mediationOverdue?: boolean;

  @ApiPropertyOptional({ example: 'acme-globex' })
  @IdFilter()
  partnershipId?: string;

  @ApiPropertyOptional({ example: 'msa-acme-globex' })
  @IdFilter()
  contractId?: string;
}

export class StepTakenDto {
  @ApiProperty({ enum: DISPUTE_STEPS, example: 'negotiation' }) fromStep!: string;
  @ApiProperty({ enum: DISPUTE_STEPS, example: 'relationship-managers' }) toStep!: string;
  @ApiProperty({ example: '2026-03-09T09:00:00.000Z' }) at!: string;
  @ApiProperty({ example: 'No agreement in negotiation' }) reason!: string;
}

export class DisputeDto {
  @ApiProperty({ example: 'dispute-co7' }) disputeId!: string;
  @ApiProperty({ example: 'msa-acme-globex' }) contractId!: string;
  @ApiProperty({ example: 'acme-globex' }) partnershipId!: string;
  @ApiProperty({ example: 'Unpaid change order CO-7' }) subject!: string;
  @ApiProperty({ enum: DISPUTE_STEPS, example: 'mediation' }) step!: string;
  @ApiProperty({ enum: DISPUTE_STATUSES, example: 'open' }) status!: string;
  @ApiProperty({ example: 'acme' }) raisedByPartyId!: string;
  @ApiProperty({ example: 'globex' }) respondentPartyId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Who recorded the notice', example: 'alice' }) raisedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) escalationId!: string | null;
  @ApiProperty({ example: '2026-03-07T09:00:00.000Z' }) formalNoticeAt!: string;
  @ApiProperty({ description: 'Mediation must be held by then (default 30 days after the formal notice)', example: '2026-04-06T09:00:00.000Z' }) mediationDueBy!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-03-27T09:00:00.000Z' }) mediationScheduledFor!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'CEDR panel' }) mediator!: string | null;
  @ApiProperty({ description: 'Recorded as overdue, or at `now` unscheduled before arbitration with the deadline passed', example: false }) mediationOverdue!: boolean;
  @ApiProperty({ example: 2 }) positionPapers!: number;
  @ApiProperty({ type: [StepTakenDto] }) steps!: StepTakenDto[];
  @ApiProperty({ example: '2026-03-07T09:00:00.000Z' }) openedAt!: string;
  @ApiProperty({ type: String, nullable: true, example: null }) resolvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['agreement', 'withdrawn', 'award'], example: null }) outcome!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) resolutionSummary!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, example: null }) binding!: boolean | null;
  @ApiProperty({ description: 'Stream version of the last event that changed this dispute (the ETag)', example: 14 }) version!: number;
}

export class DisputePageDto extends PageMetaDto {
  @ApiProperty({ type: [DisputeDto] }) items!: DisputeDto[];
}
