import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DISPUTE_STEPS } from '@covenant/domain';
import { CommandDto, ID_MESSAGE, ID_PATTERN } from '../../http/dto/common.dto';
import { IsInstant, SHA256_PATTERN, Text } from '../../http/dto/validators';

export class OpenDisputeDto extends CommandDto {
  @ApiPropertyOptional({ description: 'Client-chosen id makes retries safe; the server picks a UUID otherwise', example: 'dispute-co-7' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  disputeId?: string;

  @ApiProperty({ example: 'Unpaid change order CO-7' })
  @Text(2000)
  subject!: string;

  @ApiProperty({ example: 'acme' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  raisedByPartyId!: string;

  @ApiProperty({ example: 'globex' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  respondentPartyId!: string;

  @ApiPropertyOptional({ description: 'When the formal dispute notice was served (starts the mediation clock); defaults to occurredAt', example: '2026-03-02T09:00:00Z' })
  @IsOptional()
  @IsInstant()
  formalNoticeAt?: string;

  @ApiPropertyOptional({ description: 'The escalation of this contract the dispute grew out of', example: 'esc-invoices-2026-03' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  escalationId?: string;
}

export class AdvanceDisputeDto extends CommandDto {
  @ApiProperty({ enum: DISPUTE_STEPS, description: 'The next step of the ladder (none is skipped)', example: 'relationship-managers' })
  @IsIn(DISPUTE_STEPS)
  toStep!: (typeof DISPUTE_STEPS)[number];

  @ApiProperty({ example: 'Two negotiation rounds without agreement' })
  @Text(2000)
  reason!: string;
}

export class PositionPaperDto extends CommandDto {
  @ApiProperty({ description: 'The disputant submitting (the actor must sit in its governance)', example: 'acme' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  partyId!: string;

  @ApiProperty({ description: 'SHA-256 of the paper, lowercase hex (the paper stays with the parties)', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  @Matches(SHA256_PATTERN, { message: '$property must be a SHA-256 digest in lowercase hex' })
  contentHash!: string;

  @ApiPropertyOptional({ example: 'dms://acme/legal/co7-position.pdf' })
  @IsOptional()
  @Text(2000)
  documentRef?: string;
}

export class ScheduleMediationDto extends CommandDto {
  @ApiProperty({ description: 'Within the mediation period after the formal notice', example: '2026-03-20T10:00:00+01:00' })
  @IsInstant()
  scheduledFor!: string;

  @ApiProperty({ example: 'CEDR commercial mediation panel' })
  @Text(200)
  mediator!: string;
}

export const DISPUTE_OUTCOMES = ['agreement', 'withdrawn', 'award'] as const;

export class ResolveDisputeDto extends CommandDto {
  @ApiProperty({ enum: DISPUTE_OUTCOMES, description: 'award only at arbitration (binding)', example: 'agreement' })
  @IsIn(DISPUTE_OUTCOMES)
  outcome!: (typeof DISPUTE_OUTCOMES)[number];

  @ApiProperty({ example: 'Globex pays 40 % of CO-7; process for change orders clarified' })
  @Text(10_000)
  summary!: string;
}
