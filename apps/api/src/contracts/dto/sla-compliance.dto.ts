import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, registerDecorator, ValidationArguments } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '../../http/dto/common.dto';
import { PageMetaDto, PageQueryDto } from '../../http/dto/page.dto';

/** A calendar month (UTC), the period of SLA compliance and of the service-credit cap. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const PERIOD_MESSAGE = '$property must be a month as YYYY-MM, e.g. 2026-03';

/** `to` must not name a month before `from` (periods compare as text). */
function NotBefore(field: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'periodRange',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [field],
      options: { message: `$property must not be before ${field}` },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const from = (args.object as Record<string, unknown>)[field];
          return typeof from !== 'string' || typeof value !== 'string' || value >= from;
        },
      },
    });
}

/** The period range both SLA compliance lists filter by. */
export class PeriodRangeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'First month to include (YYYY-MM, UTC)', example: '2026-01' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ description: 'Last month to include (YYYY-MM, UTC); not before `from`', example: '2026-03' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE })
  @NotBefore('from')
  to?: string;
}

export class ContractSlaComplianceQueryDto extends PeriodRangeQueryDto {
  @ApiPropertyOptional({ description: 'Only this SLA of the contract', example: 'availability' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  slaId?: string;
}

export class SlaComplianceItemDto {
  @ApiProperty({ example: 'msa-acme-globex' }) contractId!: string;
  @ApiProperty({ example: 'acme-globex' }) partnershipId!: string;
  @ApiProperty({ example: 'availability' }) slaId!: string;
  @ApiProperty({ example: 'Service availability' }) slaName!: string;
  @ApiProperty({ example: 'availability' }) metric!: string;
  @ApiProperty({ example: 'percent' }) unit!: string;
  @ApiProperty({ description: 'Decimal string, as in the terms', example: '99.9' }) target!: string;
  @ApiProperty({ enum: ['at-least', 'at-most'], example: 'at-least' }) comparison!: string;
  @ApiProperty({ description: 'The highest terms version a fact of the month was judged by (its SLA definition is shown)', example: 1 }) termsVersion!: number;
  @ApiProperty({ description: 'Calendar month (UTC) of the facts, YYYY-MM', example: '2026-03' }) period!: string;
  @ApiProperty({ description: 'Measurements recorded in the month, whatever their outcome', example: 31 }) measurements!: number;
  @ApiProperty({ example: 29 }) met!: number;
  @ApiProperty({ example: 1 }) breached!: number;
  @ApiProperty({ description: 'Measurements taken in a maintenance window: recorded, not counted', example: 1 }) excluded!: number;
  @ApiProperty({ description: 'Breaches of the month: from breaching measurements and reported directly', example: 2 }) breaches!: number;
  @ApiProperty({ description: 'Of which reported directly (no measurement)', example: 1 }) reportedBreaches!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'met / (met + breached) × 100, two decimals, rounded half up; null without a counted measurement. Breaches reported directly are not measurements and do not lower it.',
    example: '96.67',
  })
  compliancePercent!: string | null;
  @ApiProperty({ description: 'Service credits accrued for breaches of the month (decimal string)', example: '4500.00' }) creditsAccrued!: string;
  @ApiProperty({ description: 'Of which waived (decimal string)', example: '3000.00' }) creditsWaived!: string;
  @ApiProperty({ description: 'ISO 4217 currency of the credits (the contract currency)', example: 'EUR' }) currency!: string;
}

export class CreditTotalDto {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ description: 'Credits accrued across the whole filtered list (every page)', example: '10500.00' }) accrued!: string;
  @ApiProperty({ example: '3000.00' }) waived!: string;
  @ApiProperty({ description: 'Accrued minus waived', example: '7500.00' }) net!: string;
}

export class SlaCompliancePageDto extends PageMetaDto {
  @ApiProperty({ type: [SlaComplianceItemDto], description: 'Latest month first, then by contract and SLA' }) items!: SlaComplianceItemDto[];
  @ApiProperty({ type: [CreditTotalDto], description: 'Credit totals per currency of every row the filters keep, not only this page' }) totals!: CreditTotalDto[];
}

export class ContractSlaComplianceDto extends SlaCompliancePageDto {
  @ApiProperty({ example: 'msa-acme-globex' }) contractId!: string;
  @ApiProperty({ example: 'acme-globex' }) partnershipId!: string;
}
