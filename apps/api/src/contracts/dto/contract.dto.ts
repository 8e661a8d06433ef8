import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { EXIT_STEP_KINDS } from '@covenant/domain';
import { CommandDto, ID_MESSAGE, ID_PATTERN } from '../../http/dto/common.dto';
import { ContractTermsDto } from './terms.dto';
import { IsInstant, Nested, OnlyFor, Text } from '../../http/dto/validators';

export class DraftContractDto extends CommandDto {
  @ApiPropertyOptional({ description: 'Client-chosen id makes retries safe; the server picks a UUID otherwise', example: 'msa-acme-globex' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  contractId?: string;

  @ApiProperty({ example: 'acme-globex' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  partnershipId!: string;

  @ApiPropertyOptional({ description: 'Drafts an addendum attached to this master agreement', example: 'msa-acme-globex' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  masterContractId?: string;

  @ApiProperty({ type: ContractTermsDto })
  @Nested(() => ContractTermsDto)
  terms!: ContractTermsDto;
}

export class ReviseDraftDto extends CommandDto {
  @ApiProperty({ type: ContractTermsDto, description: "The draft's terms as they will read (rule groups left out take the defaults)" })
  @Nested(() => ContractTermsDto)
  terms!: ContractTermsDto;
}

export class AttachAddendumDto extends CommandDto {
  @ApiProperty({ example: 'msa-acme-globex' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  masterContractId!: string;
}

export class SignContractDto extends CommandDto {
  @ApiProperty({ description: 'The party signing', example: 'acme' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  partyId!: string;

  @ApiProperty({ example: 'Erin Exec, Chief Operating Officer' })
  @Text(200)
  signatoryName!: string;
}

export const RENEWAL_DECISIONS = ['renew', 'decline'] as const;

/** The executive sponsors' renewal decision: renew (optionally for another term) or decline with a reason. */
export class RenewalDecisionDto extends CommandDto {
  @ApiProperty({ enum: RENEWAL_DECISIONS, example: 'renew' })
  @IsIn(RENEWAL_DECISIONS)
  decision!: (typeof RENEWAL_DECISIONS)[number];

  @ApiPropertyOptional({ description: "decision renew: the renewal term (defaults to the contract's renewal term)", example: 365 })
  @OnlyFor('decision', 'renew', true)
  @IsInt()
  @Min(1)
  @Max(36_600)
  renewalTermDays?: number;

  @ApiPropertyOptional({ description: 'decision decline: required', example: 'Analytics moves in-house from next year' })
  @OnlyFor('decision', 'decline')
  @Text(2000)
  reason?: string;
}

export class ExitStepDto {
  @ApiPropertyOptional({ description: 'Defaults to step-<n>, its 1-based position in the plan', example: 'knowledge-transfer' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  stepId?: string;

  @ApiProperty({ enum: EXIT_STEP_KINDS, example: 'knowledge-transfer' })
  @IsIn(EXIT_STEP_KINDS)
  kind!: (typeof EXIT_STEP_KINDS)[number];

  @ApiProperty({ example: 'Runbooks handed over and two weeks of shadowing' })
  @Text(2000)
  description!: string;

  @ApiProperty({ example: '2027-12-15T17:00:00Z' })
  @IsInstant()
  dueAt!: string;

  @ApiProperty({ description: 'The party responsible for the step', example: 'globex' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  ownerPartyId!: string;
}

export const TERMINATION_GROUNDS = ['convenience', 'cause', 'mutual'] as const;

export class TerminateContractDto extends CommandDto {
  @ApiProperty({ enum: TERMINATION_GROUNDS, example: 'mutual' })
  @IsIn(TERMINATION_GROUNDS)
  reason!: (typeof TERMINATION_GROUNDS)[number];

  @ApiProperty({ example: 'Both parties agree to consolidate services under the new group framework' })
  @Text(10_000)
  grounds!: string;

  @ApiProperty({ description: 'When the termination takes effect (the contract stays in force until then)', example: '2027-12-31T23:59:59Z' })
  @IsInstant()
  effectiveAt!: string;

  @ApiProperty({
    type: [ExitStepDto],
    example: [
      { stepId: 'knowledge-transfer', kind: 'knowledge-transfer', description: 'Runbooks and shadowing', dueAt: '2027-12-15T17:00:00Z', ownerPartyId: 'globex' },
      { stepId: 'asset-transition', kind: 'asset-transition', description: 'Licences and hardware', dueAt: '2027-12-30T17:00:00Z', ownerPartyId: 'globex' },
    ],
  })
  @ValidateNested({ each: true })
  @Type(() => ExitStepDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  exitPlan!: ExitStepDto[];
}

export class CompleteExitStepDto extends CommandDto {
  @ApiPropertyOptional({ example: 'Hand-over signed off by Acme operations on 2027-12-14' })
  @IsOptional()
  @Text(2000)
  evidence?: string;
}
