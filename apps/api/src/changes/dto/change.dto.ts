import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { CHANGE_LEVELS } from '@covenant/domain';
import { CommandDto, ID_MESSAGE, ID_PATTERN } from '../../http/dto/common.dto';
import { ProposedTermsDto } from '../../contracts/dto/terms.dto';
import { Nested, Text } from '../../http/dto/validators';

/** A cost impact: like money, but a saving is negative. */
export class CostImpactDto {
  @ApiProperty({ description: 'Decimal string, negative for a saving, never a float', example: '200000.00' })
  @IsString()
  @Matches(/^-?(0|[1-9]\d{0,17})(\.\d{1,4})?$/, { message: '$property must be a decimal string like "200000.00" or "-5000.00"' })
  amount!: string;

  @ApiProperty({ description: "ISO 4217 code, the contract's currency", example: 'EUR' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code like "EUR"' })
  currency!: string;
}

export class RequestChangeDto extends CommandDto {
  @ApiPropertyOptional({ description: 'Client-chosen id makes retries safe; the server picks a UUID otherwise', example: 'co-2026-007' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  changeId?: string;

  @ApiProperty({ example: 'Double the analytics capacity' })
  @Text(200)
  title!: string;

  @ApiProperty({ example: 'Order volume grew 80 % since go-live; the current cluster saturates at month end' })
  @Text(10_000)
  rationale!: string;

  @ApiProperty({ enum: CHANGE_LEVELS, description: 'The rules may raise it (cost impact over the threshold, fundamental terms)', example: 'significant' })
  @IsIn(CHANGE_LEVELS)
  proposedLevel!: (typeof CHANGE_LEVELS)[number];

  @ApiProperty({ type: CostImpactDto })
  @Nested(() => CostImpactDto)
  costImpact!: CostImpactDto;

  @ApiProperty({ type: ProposedTermsDto, description: 'The terms as they would read after the change (top-level groups replaced)', example: { value: { amount: '1280000.00', currency: 'EUR' } } })
  @Nested(() => ProposedTermsDto)
  proposedTerms!: ProposedTermsDto;
}

export const REVIEW_OUTCOMES = ['consensus', 'no-consensus'] as const;

export class ConcludeReviewDto extends CommandDto {
  @ApiProperty({ enum: REVIEW_OUTCOMES, example: 'consensus' })
  @IsIn(REVIEW_OUTCOMES)
  outcome!: (typeof REVIEW_OUTCOMES)[number];

  @ApiProperty({ example: 'Cost split 60/40 agreed at the joint workshop' })
  @Text(10_000)
  summary!: string;
}

export class RejectChangeDto extends CommandDto {
  @ApiProperty({ example: 'Not worth the disruption before the peak season' })
  @Text(2000)
  reason!: string;
}

export class ReferToMediationDto extends CommandDto {
  @ApiProperty({ example: 'No agreement on the cost split after two workshops' })
  @Text(2000)
  reason!: string;

  @ApiPropertyOptional({ example: 'CEDR commercial mediation panel' })
  @IsOptional()
  @Text(200)
  mediator?: string;
}
