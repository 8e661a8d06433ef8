import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** ISO-8601 instants with a zone, strict calendar checks (no 2025-02-30). */
export const ISO_INSTANT = { strict: true, strictSeparator: true } as const;
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
export const ID_MESSAGE = '$property must be 1-100 characters of letters, digits and ._:- (a UUID is fine)';

/** Every command accepts when the fact happened; the server stamps when it learned it. */
export class CommandDto {
  @ApiPropertyOptional({ description: 'When the fact happened (ISO-8601); defaults to now', example: '2026-03-02T09:00:00Z' })
  @IsOptional()
  @IsISO8601(ISO_INSTANT)
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: '$property must carry a time zone (Z or ±hh:mm)' })
  occurredAt?: string;
}

export class MoneyDto {
  @ApiProperty({ description: 'Decimal string, never a float', example: '12500.00' })
  @IsString()
  @Matches(/^(0|[1-9]\d{0,17})(\.\d{1,4})?$/, { message: '$property must be a non-negative decimal string like "12500.00"' })
  amount!: string;

  @ApiProperty({ description: 'ISO 4217 currency code', example: 'EUR' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code like "EUR"' })
  currency!: string;
}

export class ReasonDto extends CommandDto {
  @ApiProperty({ example: 'Agreed at the quarterly business review' })
  @IsString()
  @MaxLength(2000)
  reason!: string;
}

export class CommandAcceptedDto {
  @ApiProperty({ example: 'b6f1c7e2-3a4d-4f5e-9a1b-2c3d4e5f6a7b' })
  id!: string;

  @ApiProperty({ description: 'Stream version after the command (also the ETag)', example: 3 })
  version!: number;
}
