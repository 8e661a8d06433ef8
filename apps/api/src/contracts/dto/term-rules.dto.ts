import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { TIERS } from '@covenant/domain';

/** The rule groups of a contract's terms; each is sent whole (a draft defaults the ones left out). */

type TierName = (typeof TIERS)[number];

export class RenewalRulesDto {
  @ApiProperty({ description: 'The renewal discussion opens this many days before expiry (default 120)', example: 120 })
  @IsInt() @Min(1) @Max(3660)
  windowOpensDaysBeforeExpiry!: number;

  @ApiProperty({ description: 'The renewal decision is due this many days before expiry (default 60)', example: 60 })
  @IsInt() @Min(0) @Max(3660)
  decisionDueDaysBeforeExpiry!: number;
}

export class TerminationRightsDto {
  @ApiProperty({ example: true }) @IsBoolean() forConvenience!: boolean;
  @ApiProperty({ example: true }) @IsBoolean() forCause!: boolean;
}

export class EscalationLevelDto {
  @ApiProperty({ description: 'Levels are numbered 1, 2, 3, … in order', example: 1 })
  @IsInt() @Min(1) @Max(10)
  level!: number;

  @ApiProperty({ enum: TIERS, example: 'operational' })
  @IsIn(TIERS)
  tier!: TierName;

  @ApiProperty({ description: 'Hours to respond before the escalation moves up by itself', example: 24 })
  @IsInt() @Min(1) @Max(8784)
  responseHours!: number;
}

export class EscalationPolicyDto {
  @ApiProperty({
    type: [EscalationLevelDto],
    example: [
      { level: 1, tier: 'operational', responseHours: 24 },
      { level: 2, tier: 'steering', responseHours: 72 },
      { level: 3, tier: 'executive', responseHours: 168 },
    ],
  })
  @ValidateNested({ each: true }) @Type(() => EscalationLevelDto) @ArrayMinSize(1) @ArrayMaxSize(10)
  levels!: EscalationLevelDto[];
}

export class ChangeRulesDto {
  @ApiProperty({ description: 'A cost impact above this share of the contract value (basis points) opens a collaborative review (default 1500 = 15 %)', example: 1500 })
  @IsInt() @Min(0) @Max(1_000_000)
  costImpactThresholdBps!: number;

  @ApiProperty({ description: 'Days the collaborative review has to respond (default 14)', example: 14 })
  @IsInt() @Min(1) @Max(366)
  reviewResponseDays!: number;
}

export class DisputeRulesDto {
  @ApiProperty({ description: 'Mediation must be held within this many days of the formal notice (default 30)', example: 30 })
  @IsInt() @Min(1) @Max(366)
  mediationWithinDays!: number;
}
