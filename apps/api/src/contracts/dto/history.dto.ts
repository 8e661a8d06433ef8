import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, Matches } from 'class-validator';
import { ISO_INSTANT } from '../../http/dto/common.dto';
import { PageMetaDto, PageQueryDto } from '../../http/dto/page.dto';
import { toList } from '../../http/dto/query-transforms';

export class HistoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: String, description: 'Comma-separated event types to keep', example: 'ContractSigned,ContractAmended' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[A-Za-z][A-Za-z0-9]{0,99}$/, { each: true, message: '$property must be a comma-separated list of event types' })
  types?: string[];

  @ApiPropertyOptional({ description: 'Only events recorded at or after (ISO-8601)', example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601(ISO_INSTANT)
  recordedFrom?: string;

  @ApiPropertyOptional({ description: 'Only events recorded at or before (ISO-8601)', example: '2026-12-31T23:59:59Z' })
  @IsOptional()
  @IsISO8601(ISO_INSTANT)
  recordedTo?: string;
}

export class AuditEntryDto {
  @ApiProperty({ example: 1042 }) position!: number;
  @ApiProperty({ example: '0193a1c2-7b1e-7cc0-9a0b-1c2d3e4f5a6b' }) eventId!: string;
  @ApiProperty({ example: 'contract-msa-acme-globex' }) streamId!: string;
  @ApiProperty({ example: 3, description: 'Version within the stream (0-based)' }) version!: number;
  @ApiProperty({ example: 'ContractSigned' }) type!: string;
  @ApiProperty({ example: 1 }) schemaVersion!: number;
  @ApiProperty({ example: '2026-03-02T09:00:00.000Z', description: 'When the fact happened' }) occurredAt!: string;
  @ApiProperty({ example: '2026-03-02T09:00:01.234Z', description: 'When the engine recorded it' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true, example: 'carol' }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'b6f1c7e2-3a4d-4f5e-9a1b-2c3d4e5f6a7b' }) correlationId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'b6f1c7e2-3a4d-4f5e-9a1b-2c3d4e5f6a7b' }) causationId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }) prevHash!: string | null;
  @ApiProperty({ example: '60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752' }) hash!: string;
}

export class AuditTrailPageDto extends PageMetaDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
}
