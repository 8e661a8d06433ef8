import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { TIERS } from '@covenant/domain';
import { PageMetaDto, PageQueryDto } from '../../http/dto/page.dto';
import { IsInstant } from '../../http/dto/validators';
import { IdFilter } from '../../contracts/dto/contract-queries.dto';

export const ACTION_KINDS = ['escalation-response', 'renewal-decision', 'collaborative-review', 'mediation-scheduling', 'exit-step'] as const;
export const NOTIFICATION_STATUSES = ['pending', 'done'] as const;

/** `GET /notifications`: who must act by when. */
export class NotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'The person who must act', example: 'carol' })
  @IdFilter()
  personId?: string;

  @ApiPropertyOptional({ example: 'demo-acme-globex' })
  @IdFilter()
  partnershipId?: string;

  @ApiPropertyOptional({ example: 'demo-msa' })
  @IdFilter()
  contractId?: string;

  @ApiPropertyOptional({ enum: ACTION_KINDS, example: 'escalation-response' })
  @IsOptional()
  @IsIn(ACTION_KINDS, { message: `$property must be one of ${ACTION_KINDS.join(', ')}` })
  kind?: (typeof ACTION_KINDS)[number];

  @ApiPropertyOptional({ description: 'Only actions whose deadline is before this instant (ISO-8601)', example: '2026-07-01T00:00:00Z' })
  @IsOptional()
  @IsInstant()
  dueBefore?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES, description: 'pending: the action is still open; done: it closed (acted on, moved up the ladder, or no longer due)', example: 'pending' })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES, { message: '$property must be pending or done' })
  status?: (typeof NOTIFICATION_STATUSES)[number];
}

export class NotificationDto {
  @ApiProperty({ description: '`<contractId>:<kind>:<ref>:<deadline>:<personId>`', example: 'demo-msa:escalation-response:esc-roadmap:2026-06-04T09:00:00.000Z:carol' }) notificationId!: string;
  @ApiProperty({ example: 'demo-acme-globex' }) partnershipId!: string;
  @ApiProperty({ example: 'demo-msa' }) contractId!: string;
  @ApiProperty({ enum: ACTION_KINDS, example: 'escalation-response' }) kind!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The escalation, change, dispute or exit step; null for a renewal decision', example: 'esc-roadmap' }) ref!: string | null;
  @ApiProperty({ enum: TIERS, description: 'The governance tier that must act', example: 'steering' }) tier!: string;
  @ApiProperty({ description: 'A member of that tier, seated when the action opened', example: 'carol' }) personId!: string;
  @ApiProperty({ description: 'The person’s party', example: 'acme' }) partyId!: string;
  @ApiProperty({ description: 'Act before this instant (at it, it is late)', example: '2026-06-04T09:00:00.000Z' }) deadline!: string;
  @ApiProperty({ description: 'API path of the resource to act on', example: '/escalations/esc-roadmap' }) link!: string;
  @ApiProperty({ description: 'The event after which the action was open', example: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' }) sourceEventId!: string;
  @ApiProperty({ enum: NOTIFICATION_STATUSES, example: 'pending' }) status!: string;
}

export class NotificationPageDto extends PageMetaDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
}

export class DeadLetterDto {
  @ApiProperty({ example: 'demo-msa:escalation-response:esc-roadmap:2026-06-04T09:00:00.000Z:carol' }) notificationId!: string;
  @ApiProperty({ description: 'The JSON body that could not be delivered', type: 'object', additionalProperties: true }) payload!: Record<string, unknown>;
  @ApiProperty({ example: 8 }) attempts!: number;
  @ApiProperty({ type: String, nullable: true, example: 'HTTP 500' }) lastError!: string | null;
  @ApiProperty({ example: '2026-06-03T10:12:00.000Z' }) lastAttemptAt!: string;
}

export class DeadLetterListDto {
  @ApiProperty({ type: [DeadLetterDto] }) items!: DeadLetterDto[];
}

export class RequeuedDto {
  @ApiProperty({ example: 'demo-msa:escalation-response:esc-roadmap:2026-06-04T09:00:00.000Z:carol' }) notificationId!: string;
  @ApiProperty({ enum: ['pending'], example: 'pending' }) status!: string;
}
