import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RENEWAL_PHASES } from '@covenant/projections/read-models/renewals/renewals.projection';
import { PageMetaDto } from '../../http/dto/page.dto';
import { DaysFilter, IdFilter, ListOf, NowQueryDto } from '../../contracts/dto/contract-queries.dto';

export class RenewalsQueryDto extends NowQueryDto {
  @ApiPropertyOptional({ example: 'acme-globex' })
  @IdFilter()
  partnershipId?: string;

  @ApiPropertyOptional({ type: String, description: `Comma-separated phases to keep: ${RENEWAL_PHASES.join(', ')}`, example: 'window-open,decision-due' })
  @ListOf(RENEWAL_PHASES)
  phase?: Array<(typeof RENEWAL_PHASES)[number]>;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Renewals still in force whose decision is due within this many days of `now` (overdue decisions included): "renewals due"',
    minimum: 0,
    example: 60,
  })
  @DaysFilter()
  withinDays?: number;
}

export class RenewalDto {
  @ApiProperty({ example: 'msa-acme-globex' }) contractId!: string;
  @ApiProperty({ example: 'acme-globex' }) partnershipId!: string;
  @ApiProperty({ example: 'Master Services Agreement' }) title!: string;
  @ApiProperty({ enum: RENEWAL_PHASES, description: 'renewed: a new term whose window has not opened yet; ended: expired or terminated', example: 'window-open' }) phase!: string;
  @ApiProperty({ description: 'The expiry in force', example: '2029-01-31T00:00:00.000Z' }) expiresAt!: string;
  @ApiProperty({ description: 'When the renewal discussion opens (default 120 days before expiry)', example: '2028-10-03T00:00:00.000Z' }) windowOpensAt!: string;
  @ApiProperty({ description: 'When the renewal decision is due (default 60 days before expiry)', example: '2028-12-02T00:00:00.000Z' }) decisionDueAt!: string;
  @ApiProperty({ description: 'The last instant a renewal can be declined (notice period and decision date, whichever is first)', example: '2028-11-02T00:00:00.000Z' }) declineBy!: string;
  @ApiProperty({ description: 'When the current cycle began: activation, a renewal, or an amendment that moved the expiry', example: '2026-02-01T00:00:00.000Z' }) cycleSince!: string;
  @ApiProperty({ example: true }) autoRenew!: boolean;
  @ApiProperty({ example: 365 }) renewalTermDays!: number;
  @ApiProperty({ description: 'Renewals so far', example: 0 }) renewals!: number;
  @ApiProperty({ description: 'At `now`: the decision date passed and the renewal is neither declined nor ended', example: false }) decisionOverdue!: boolean;
  @ApiProperty({ description: 'Stream version of the last event that changed this renewal', example: 12 }) version!: number;
}

export class RenewalPageDto extends PageMetaDto {
  @ApiProperty({ type: [RenewalDto] }) items!: RenewalDto[];
}
