import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CommandDto, ID_MESSAGE, ID_PATTERN } from '../../http/dto/common.dto';
import { IsDecimalString, Text } from '../../http/dto/validators';

export class RecordSlaMeasurementDto extends CommandDto {
  @ApiPropertyOptional({ description: 'Client-chosen id; the server picks a UUID otherwise', example: 'availability-2026-03' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  measurementId?: string;

  @ApiProperty({ example: 'availability' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  slaId!: string;

  @ApiProperty({ description: "Decimal string in the SLA's unit", example: '99.50' })
  @IsDecimalString()
  value!: string;

  @ApiPropertyOptional({ description: 'Id of the breach if the measurement breaches; defaults to the measurement id', example: 'breach-availability-2026-03' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  breachId?: string;
}

export class ReportSlaBreachDto extends CommandDto {
  @ApiPropertyOptional({ description: 'Client-chosen id; the server picks a UUID otherwise', example: 'p1-incident-4711' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  breachId?: string;

  @ApiProperty({ example: 'p1-response' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  slaId!: string;

  @ApiProperty({ example: 'P1 incident #4711 answered after 2 hours' })
  @Text(10_000)
  description!: string;

  @ApiPropertyOptional({ description: "Decimal string in the SLA's unit, if known", example: '120' })
  @IsOptional()
  @IsDecimalString()
  value?: string;
}

export class WaiveServiceCreditDto extends CommandDto {
  @ApiProperty({ example: 'Root cause was a change on the Acme side' })
  @Text(2000)
  reason!: string;
}
