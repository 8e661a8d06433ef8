import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '../../http/dto/common.dto';
import { IsDecimalString, IsInstant, OnlyFor, Text } from '../../http/dto/validators';

/** A maintenance window in UTC, [from, to): `once` with from/to, or `weekly` with day, start and duration. */
export class MaintenanceWindowDto {
  @ApiProperty({ enum: ['once', 'weekly'], example: 'weekly' })
  @IsIn(['once', 'weekly'])
  kind!: 'once' | 'weekly';

  @ApiProperty({ example: 'sunday-night' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  windowId!: string;

  @ApiPropertyOptional({ description: 'kind once', example: '2026-04-12T01:00:00Z' })
  @OnlyFor('kind', 'once') @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'kind once', example: '2026-04-12T05:00:00Z' })
  @OnlyFor('kind', 'once') @IsInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'kind weekly: 0 = Sunday', example: 0 })
  @OnlyFor('kind', 'weekly') @IsInt() @Min(0) @Max(6)
  dayOfWeek?: number;

  @ApiPropertyOptional({ description: 'kind weekly: minutes after 00:00 UTC', example: 120 })
  @OnlyFor('kind', 'weekly') @IsInt() @Min(0) @Max(1439)
  startMinute?: number;

  @ApiPropertyOptional({ description: 'kind weekly', example: 120 })
  @OnlyFor('kind', 'weekly') @IsInt() @Min(1) @Max(10_079)
  durationMinutes?: number;
}

export class SlaDto {
  @ApiProperty({ example: 'availability' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  slaId!: string;

  @ApiProperty({ example: 'Service availability' })
  @Text(200)
  name!: string;

  @ApiProperty({ example: 'availability' })
  @Text(200)
  metric!: string;

  @ApiProperty({ example: 'percent' })
  @Text(50)
  unit!: string;

  @ApiProperty({ description: 'Decimal string in the unit', example: '99.9' })
  @IsDecimalString()
  target!: string;

  @ApiProperty({ enum: ['at-least', 'at-most'], description: 'at-least: a value below target breaches; at-most: above', example: 'at-least' })
  @IsIn(['at-least', 'at-most'])
  comparison!: 'at-least' | 'at-most';

  @ApiProperty({ example: 720 })
  @IsInt() @Min(1) @Max(8784)
  measurementWindowHours!: number;

  @ApiPropertyOptional({
    type: [MaintenanceWindowDto],
    description: 'Default none',
    example: [{ kind: 'weekly', windowId: 'sunday-night', dayOfWeek: 0, startMinute: 120, durationMinutes: 120 }],
  })
  @IsOptional() @ValidateNested({ each: true }) @Type(() => MaintenanceWindowDto) @ArrayMaxSize(50)
  maintenanceWindows?: MaintenanceWindowDto[];

  @ApiPropertyOptional({ description: "Overrides the schedule's credit per breach (basis points of the monthly base fee)", example: 1000 })
  @IsOptional() @IsInt() @Min(0) @Max(10_000)
  creditBps?: number;
}
