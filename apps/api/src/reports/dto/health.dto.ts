import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LIFE_STAGES } from '@covenant/domain';
import { PageMetaDto, PageQueryDto } from '../../http/dto/page.dto';
import { IsInstant } from '../../http/dto/validators';

// ---------------------------------------------------------------- requests

export class PartnershipHealthQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'The instant of the current figure (ISO-8601 with a zone); defaults to now', example: '2026-03-31T00:00:00Z' })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Series: only assessments made at or after (ISO-8601 with a zone)', example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Series: only assessments made at or before (ISO-8601 with a zone)', example: '2026-12-31T23:59:59Z' })
  @IsOptional()
  @IsInstant()
  to?: string;
}

export class HealthReportQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LIFE_STAGES, description: 'Only partnerships in this life stage', example: 'operating' })
  @IsOptional()
  @IsIn(LIFE_STAGES, { message: `$property must be one of ${LIFE_STAGES.join(', ')}` })
  stage?: string;

  @ApiPropertyOptional({ description: 'Judge staleness at this instant (ISO-8601 with a zone); defaults to now', example: '2026-03-31T00:00:00Z' })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}

// ---------------------------------------------------------------- responses

export class DimensionsDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Timeliness, accuracy (mean, one decimal)', example: 80 }) operational!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Communication, conflict resolution', example: 60 }) relational!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Innovation, shared insight', example: 50 }) strategic!: number | null;
}

export class WeightsDto {
  @ApiProperty({ example: 34 }) operational!: number;
  @ApiProperty({ example: 33 }) relational!: number;
  @ApiProperty({ example: 33 }) strategic!: number;
}

export class ScoresDto {
  @ApiProperty({ example: 82 }) operational!: number;
  @ApiProperty({ example: 64 }) relational!: number;
  @ApiProperty({ example: 58 }) strategic!: number;
}

export class ContributionDto {
  @ApiProperty({ example: 'qbr-2026-q1-health' }) assessmentId!: string;
  @ApiProperty({ description: 'Position of its HealthAssessmentRecorded event in the log', example: 1187 }) position!: number;
}

export class CurrentHealthDto {
  @ApiProperty({ example: '2026-03-31T00:00:00.000Z' }) asOf!: string;
  @ApiProperty({ description: 'The trailing window (asOf - windowDays, asOf]', example: 90 }) windowDays!: number;
  @ApiProperty({ enum: LIFE_STAGES, description: 'The stage whose weights apply (the stage now)', example: 'operating' }) stage!: string;
  @ApiProperty({ type: WeightsDto }) weights!: WeightsDto;
  @ApiProperty({ type: Number, nullable: true, description: '0-100, one decimal; null when no assessment fell in the window', example: 68.1 }) index!: number | null;
  @ApiProperty({ type: DimensionsDto }) dimensions!: DimensionsDto;
  @ApiProperty({ type: [ContributionDto], description: 'The assessments the figure came from, oldest first' }) contributing!: ContributionDto[];
}

export class AssessmentSourceViewDto {
  @ApiProperty({ enum: ['business-review', 'survey', 'other'], example: 'business-review' }) kind!: string;
  @ApiPropertyOptional({ example: 'qbr-2026-q1' }) reviewId?: string;
  @ApiPropertyOptional({ example: 'pulse-2026-03' }) surveyId?: string;
  @ApiPropertyOptional({ example: 'Steering committee workshop' }) description?: string;
}

export class HealthPointDto {
  @ApiProperty({ example: 'qbr-2026-q1-health' }) assessmentId!: string;
  @ApiProperty({ description: 'Position of the assessment event in the log', example: 1187 }) position!: number;
  @ApiProperty({ example: '2026-04-02T09:00:00.000Z' }) occurredAt!: string;
  @ApiProperty({ example: '2026-04-02T09:00:01.234Z' }) recordedAt!: string;
  @ApiProperty({ type: AssessmentSourceViewDto }) source!: AssessmentSourceViewDto;
  @ApiProperty({ type: String, nullable: true, example: 'Delivery on track; invoicing friction' }) notes!: string | null;
  @ApiProperty({ type: ScoresDto }) scores!: ScoresDto;
  @ApiProperty({ enum: LIFE_STAGES, description: 'The life stage in force when the assessment was recorded', example: 'operating' }) stage!: string;
  @ApiProperty({ type: WeightsDto }) weights!: WeightsDto;
  @ApiProperty({ description: "This assessment's scores alone, weighted by that stage", example: 68.1 }) assessmentIndex!: number;
  @ApiProperty({ type: Number, description: 'The partnership index as of this assessment (trailing window, as known when recorded)', example: 66.4 }) index!: number | null;
  @ApiProperty({ type: DimensionsDto }) dimensions!: DimensionsDto;
  @ApiProperty({ type: [ContributionDto] }) contributing!: ContributionDto[];
}

export class HealthSeriesDto extends PageMetaDto {
  @ApiProperty({ type: [HealthPointDto], description: 'One point per assessment, in occurredAt order' }) items!: HealthPointDto[];
}

export class PartnershipHealthDto {
  @ApiProperty({ example: 'acme-globex' }) partnershipId!: string;
  @ApiProperty({ example: 'Acme × Globex' }) name!: string;
  @ApiProperty({ enum: LIFE_STAGES, example: 'operating' }) stage!: string;
  @ApiProperty({ example: 5 }) assessments!: number;
  @ApiProperty({ type: String, nullable: true, example: '2026-04-02T09:00:00.000Z' }) lastAssessedAt!: string | null;
  @ApiProperty({ type: CurrentHealthDto, description: "The index at asOf: the domain's partnershipHealth" }) current!: CurrentHealthDto;
  @ApiProperty({ type: HealthSeriesDto, description: 'Paged with limit and cursor, filtered with from and to' }) series!: HealthSeriesDto;
}

export class HealthReportRowDto {
  @ApiProperty({ example: 'acme-globex' }) partnershipId!: string;
  @ApiProperty({ example: 'Acme × Globex' }) name!: string;
  @ApiProperty({ enum: LIFE_STAGES, example: 'operating' }) stage!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'As of the latest assessment, weighted by the stage now; null if never assessed', example: 68.1 })
  index!: number | null;
  @ApiProperty({ type: DimensionsDto }) dimensions!: DimensionsDto;
  @ApiProperty({ type: [ContributionDto] }) contributing!: ContributionDto[];
  @ApiProperty({ type: String, nullable: true, example: '2026-04-02T09:00:00.000Z' }) lastAssessedAt!: string | null;
  @ApiProperty({ example: 5 }) assessments!: number;
  @ApiProperty({ description: 'No assessment within the 90-day window at asOf (or never assessed)', example: false }) stale!: boolean;
}

export class HealthReportDto extends PageMetaDto {
  @ApiProperty({ type: [HealthReportRowDto], description: 'Worst index first, never-assessed partnerships last' }) items!: HealthReportRowDto[];
}
