import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { BUSINESS_REVIEW_KINDS, LIFE_STAGES, TIERS } from '@covenant/domain';
import { CommandDto, ID_MESSAGE, ID_PATTERN, ISO_INSTANT } from '../../http/dto/common.dto';
import { Nested } from '../../http/dto/validators';

export class PartyDto {
  @ApiProperty({ example: 'acme' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  partyId!: string;

  @ApiProperty({ example: 'Acme Corp' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;
}

export class FormPartnershipDto extends CommandDto {
  @ApiPropertyOptional({ description: 'Client-chosen id makes retries safe; the server picks a UUID otherwise', example: 'acme-globex' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  partnershipId?: string;

  @ApiProperty({ example: 'Acme × Globex managed services' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: [PartyDto], example: [{ partyId: 'acme', name: 'Acme Corp' }, { partyId: 'globex', name: 'Globex Services' }] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PartyDto)
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  parties!: PartyDto[];
}

export class AdoptCharterDto extends CommandDto {
  @ApiPropertyOptional({ description: 'Days between business reviews (default 90, quarterly)', example: 90 })
  @IsOptional()
  @IsInt()
  @Min(7)
  @Max(366)
  businessReviewCadenceDays?: number;
}

export class AppointMemberDto extends CommandDto {
  @ApiProperty({ example: 'dana.steering' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  personId!: string;

  @ApiProperty({ example: 'Dana Whitfield' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'acme' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  partyId!: string;

  @ApiProperty({ enum: TIERS, example: 'steering' })
  @IsIn(TIERS)
  tier!: (typeof TIERS)[number];

  @ApiPropertyOptional({ description: 'When the seat is taken; defaults to occurredAt', example: '2026-01-05T00:00:00Z' })
  @IsOptional()
  @IsISO8601(ISO_INSTANT)
  effectiveFrom?: string;
}

export class RemoveMemberDto extends CommandDto {
  @ApiProperty({ example: 'Moved to another account' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ example: '2026-06-30T23:59:59Z' })
  @IsOptional()
  @IsISO8601(ISO_INSTANT)
  effectiveUntil?: string;
}

export class BusinessReviewDto extends CommandDto {
  @ApiPropertyOptional({ example: 'qbr-2026-q1' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  reviewId?: string;

  @ApiProperty({ enum: BUSINESS_REVIEW_KINDS, example: BUSINESS_REVIEW_KINDS[0] })
  @IsIn(BUSINESS_REVIEW_KINDS)
  kind!: (typeof BUSINESS_REVIEW_KINDS)[number];

  @ApiProperty({ example: ['ola.ops', 'dana.steering'] })
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  attendees!: string[];

  @ApiProperty({ example: 'Availability back above target; analytics addendum on track' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  summary!: string;

  @ApiPropertyOptional({ example: ['msa-acme-globex'] })
  @IsOptional()
  @Matches(ID_PATTERN, { each: true, message: ID_MESSAGE })
  @ArrayMaxSize(200)
  contractIds?: string[];
}

export class HealthScoresDto {
  @ApiProperty({ example: 78 }) @IsInt() @Min(0) @Max(100) operational!: number;
  @ApiProperty({ example: 72 }) @IsInt() @Min(0) @Max(100) relational!: number;
  @ApiProperty({ example: 64 }) @IsInt() @Min(0) @Max(100) strategic!: number;
}

export class AssessmentSourceDto {
  @ApiProperty({ enum: ['business-review', 'survey', 'other'], example: 'business-review' })
  @IsIn(['business-review', 'survey', 'other'])
  kind!: 'business-review' | 'survey' | 'other';

  @ApiPropertyOptional({ description: 'For kind business-review', example: 'qbr-2026-q1' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  reviewId?: string;

  @ApiPropertyOptional({ description: 'For kind survey', example: 'pulse-2026-03' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  surveyId?: string;

  @ApiPropertyOptional({ description: 'For kind other', example: 'Joint workshop' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class HealthAssessmentDto extends CommandDto {
  @ApiPropertyOptional({ example: 'assessment-2026-q1' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  assessmentId?: string;

  @ApiProperty({ type: AssessmentSourceDto })
  @Nested(() => AssessmentSourceDto)
  source!: AssessmentSourceDto;

  @ApiProperty({ type: HealthScoresDto })
  @Nested(() => HealthScoresDto)
  scores!: HealthScoresDto;

  @ApiPropertyOptional({ example: 'Steering asks for a shared roadmap' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;
}

export class StageChangeDto extends CommandDto {
  @ApiProperty({ enum: LIFE_STAGES, example: 'operating' })
  @IsIn(LIFE_STAGES)
  stage!: (typeof LIFE_STAGES)[number];

  @ApiProperty({ example: 'All founding contracts active' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}
