import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../../http/dto/validators';
import { AppliedEventDto } from '../../contracts/dto/contract-queries.dto';

export class PartnershipReplayQueryDto {
  @ApiPropertyOptional({ description: 'Business time: apply the events that had occurred by then (ISO-8601; default: all)', example: '2026-03-01T00:00:00Z' })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Record time: only the events the engine had recorded by then (ISO-8601; default: all)', example: '2026-03-15T00:00:00Z' })
  @IsOptional()
  @IsInstant()
  knownAt?: string;
}

export class PartnershipStateDto {
  @ApiProperty({ example: 'acme-globex' }) partnershipId!: string;
  @ApiProperty({ example: 'Acme and Globex' }) name!: string;
  @ApiProperty({ description: 'The parties', example: [{ partyId: 'acme', name: 'Acme Corp' }] }) parties!: object[];
  @ApiProperty({ example: 'operating' }) stage!: string;
  @ApiProperty({ type: Object, nullable: true, description: 'The charter in force, or null before one was adopted' }) charter!: object | null;
  @ApiProperty({ description: 'Every governance seat ever held, current and past', type: [Object] }) memberships!: object[];
  @ApiProperty({ type: [String], example: ['qbr-2025-q1'] }) reviewIds!: string[];
  @ApiProperty({ description: 'Health assessments', type: [Object] }) assessments!: object[];
  @ApiProperty({ type: 'integer', description: 'Stream version of the last event applied', example: 12 }) version!: number;
  @ApiProperty({ description: 'recordedAt of the last event applied', example: '2025-01-10T10:00:00.000Z' }) updatedAt!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-03-01T00:00:00.000Z' }) asOf!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) knownAt!: string | null;
  @ApiProperty({ type: [AppliedEventDto], description: 'The events applied, in stream order' }) eventsApplied!: AppliedEventDto[];
}
