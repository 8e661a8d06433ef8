import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { TIERS } from '@covenant/domain';
import { ID_MESSAGE, ID_PATTERN, MoneyDto } from '../../http/dto/common.dto';
import { PartyDto } from '../../partnerships/dto/partnership.dto';
import { IsInstant, Nested, Text } from '../../http/dto/validators';
import { SlaDto } from './sla-terms.dto';
import { ChangeRulesDto, DisputeRulesDto, EscalationPolicyDto, RenewalRulesDto, TerminationRightsDto } from './term-rules.dto';

type TierName = (typeof TIERS)[number];

export class SuccessFeeDto {
  @ApiProperty({ example: 'go-live-bonus' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  feeId!: string;

  @ApiProperty({ example: 'Analytics platform live before 1 July' })
  @Text(2000)
  description!: string;

  @ApiProperty({ type: MoneyDto, example: { amount: '25000.00', currency: 'EUR' } })
  @Nested(() => MoneyDto)
  amount!: MoneyDto;
}

export class ServiceCreditScheduleDto {
  @ApiProperty({ description: 'Credit per breach in basis points of the monthly base fee (500 = 5 %)', example: 500 })
  @IsInt() @Min(0) @Max(10_000)
  perBreachBps!: number;

  @ApiProperty({ description: 'Cap on credits per calendar month, basis points of the monthly base fee', example: 2000 })
  @IsInt() @Min(0) @Max(10_000)
  capPerPeriodBps!: number;

  @ApiProperty({ enum: ['calendar-month'], example: 'calendar-month' })
  @IsIn(['calendar-month'])
  period!: 'calendar-month';

  @ApiProperty({ enum: TIERS, description: 'The tier that may waive a credit', example: 'steering' })
  @IsIn(TIERS)
  waiverTier!: TierName;
}

/** The incentives as a whole, as a change replaces them. */
export class IncentivesDto {
  @ApiProperty({ type: MoneyDto, example: { amount: '30000.00', currency: 'EUR' } })
  @Nested(() => MoneyDto)
  monthlyBaseFee!: MoneyDto;

  @ApiProperty({ type: [SuccessFeeDto], example: [{ feeId: 'go-live-bonus', description: 'Analytics platform live before 1 July', amount: { amount: '25000.00', currency: 'EUR' } }] })
  @ValidateNested({ each: true }) @Type(() => SuccessFeeDto) @ArrayMaxSize(50)
  successFees!: SuccessFeeDto[];

  @ApiProperty({ type: ServiceCreditScheduleDto })
  @Nested(() => ServiceCreditScheduleDto)
  serviceCredits!: ServiceCreditScheduleDto;
}

/** At drafting only the base fee is required: no success fees and the default credit schedule otherwise. */
export class DraftIncentivesDto extends IntersectionType(PickType(IncentivesDto, ['monthlyBaseFee'] as const), PartialType(OmitType(IncentivesDto, ['monthlyBaseFee'] as const))) {}

/**
 * A contract's terms as drafted. Title, parties, dates, value and base fee are required; every rule
 * group left out takes the DOMAIN.md default (renewal window 120/60 days, notice 90 days, renewal term
 * 365 days, auto-renewal, both termination rights, escalation 24 h/72 h/1 week, change threshold 15 %
 * with a 14-day review, mediation within 30 days, credits 5 % per breach capped at 20 % a month,
 * waived by the steering committee). A group that is sent is complete.
 */
export class ContractTermsDto {
  @ApiProperty({ example: 'Master Services Agreement' })
  @Text(200)
  title!: string;

  @ApiProperty({ type: [PartyDto], example: [{ partyId: 'acme', name: 'Acme Corp' }, { partyId: 'globex', name: 'Globex Services' }] })
  @ValidateNested({ each: true }) @Type(() => PartyDto) @ArrayMinSize(2) @ArrayMaxSize(20)
  parties!: PartyDto[];

  @ApiProperty({ example: '2026-02-01T00:00:00Z' })
  @IsInstant()
  effectiveFrom!: string;

  @ApiProperty({ example: '2029-01-31T23:59:59Z' })
  @IsInstant()
  expiresAt!: string;

  @ApiProperty({ type: MoneyDto, description: 'The value over the term: the base of the cost-impact threshold', example: { amount: '1080000.00', currency: 'EUR' } })
  @Nested(() => MoneyDto)
  value!: MoneyDto;

  @ApiPropertyOptional({ description: 'Default true', example: true })
  @IsOptional() @IsBoolean()
  autoRenew?: boolean;

  @ApiPropertyOptional({ description: 'Default 365', example: 365 })
  @IsOptional() @IsInt() @Min(1) @Max(36_600)
  renewalTermDays?: number;

  @ApiPropertyOptional({ description: 'Default 90', example: 90 })
  @IsOptional() @IsInt() @Min(0) @Max(3660)
  noticePeriodDays?: number;

  @ApiPropertyOptional({ type: RenewalRulesDto })
  @IsOptional() @Nested(() => RenewalRulesDto)
  renewal?: RenewalRulesDto;

  @ApiPropertyOptional({ type: TerminationRightsDto })
  @IsOptional() @Nested(() => TerminationRightsDto)
  termination?: TerminationRightsDto;

  @ApiPropertyOptional({
    type: [SlaDto],
    description: 'Default none',
    example: [
      {
        slaId: 'availability',
        name: 'Service availability',
        metric: 'availability',
        unit: 'percent',
        target: '99.9',
        comparison: 'at-least',
        measurementWindowHours: 720,
        maintenanceWindows: [{ kind: 'weekly', windowId: 'sunday-night', dayOfWeek: 0, startMinute: 120, durationMinutes: 120 }],
        creditBps: 1000,
      },
    ],
  })
  @IsOptional() @ValidateNested({ each: true }) @Type(() => SlaDto) @ArrayMaxSize(50)
  slas?: SlaDto[];

  @ApiPropertyOptional({ type: EscalationPolicyDto })
  @IsOptional() @Nested(() => EscalationPolicyDto)
  escalation?: EscalationPolicyDto;

  @ApiPropertyOptional({ type: ChangeRulesDto })
  @IsOptional() @Nested(() => ChangeRulesDto)
  change?: ChangeRulesDto;

  @ApiPropertyOptional({ type: DisputeRulesDto })
  @IsOptional() @Nested(() => DisputeRulesDto)
  dispute?: DisputeRulesDto;

  @ApiProperty({ type: DraftIncentivesDto })
  @Nested(() => DraftIncentivesDto)
  incentives!: DraftIncentivesDto;

  @ApiPropertyOptional({ description: 'Contracts whose terms depend on this one (each gets a review request when it changes)', example: ['addendum-analytics'] })
  @IsOptional() @Matches(ID_PATTERN, { each: true, message: ID_MESSAGE }) @ArrayMaxSize(100)
  coordinationLinks?: string[];
}

/** The top-level term groups a change replaces; each group sent is complete (incentives included). */
export class ProposedTermsDto extends PartialType(OmitType(ContractTermsDto, ['incentives'] as const)) {
  @ApiPropertyOptional({ type: IncentivesDto })
  @IsOptional() @Nested(() => IncentivesDto)
  incentives?: IncentivesDto;
}
