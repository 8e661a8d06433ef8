import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CommandDto, ID_MESSAGE, ID_PATTERN } from '../../http/dto/common.dto';
import { Nested, Text } from '../../http/dto/validators';

export const ESCALATION_SUBJECT_KINDS = ['sla-breach', 'change', 'dispute', 'other'] as const;

export class EscalationSubjectDto {
  @ApiProperty({ enum: ESCALATION_SUBJECT_KINDS, example: 'sla-breach' })
  @IsIn(ESCALATION_SUBJECT_KINDS)
  kind!: (typeof ESCALATION_SUBJECT_KINDS)[number];

  @ApiPropertyOptional({ description: 'The breach, change or dispute id', example: 'p1-incident-4711' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  id?: string;
}

export class RaiseEscalationDto extends CommandDto {
  @ApiPropertyOptional({ description: 'Client-chosen id makes retries safe; the server picks a UUID otherwise', example: 'esc-invoices-2026-03' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  escalationId?: string;

  @ApiProperty({ example: 'Invoices rejected twice by Acme accounts payable' })
  @Text(2000)
  subject!: string;

  @ApiPropertyOptional({ type: EscalationSubjectDto })
  @IsOptional()
  @Nested(() => EscalationSubjectDto)
  relatesTo?: EscalationSubjectDto;
}

export class EscalateDto extends CommandDto {
  @ApiProperty({ example: 'Needs a budget decision beyond the operational team' })
  @Text(2000)
  reason!: string;
}

export class ResolveEscalationDto extends CommandDto {
  @ApiProperty({ example: 'Invoice template fixed; both invoices re-issued and paid' })
  @Text(10_000)
  resolution!: string;
}
