import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CONTRACT_STATUSES } from '@covenant/domain';
import { ID_MESSAGE, ID_PATTERN, MoneyDto } from '../../http/dto/common.dto';
import { PageMetaDto, PageQueryDto } from '../../http/dto/page.dto';
import { toBoolean, toInteger, toList } from '../../http/dto/query-transforms';
import { IsInstant } from '../../http/dto/validators';
import { PartyDto } from '../../partnerships/dto/partnership.dto';
import { SlaDto } from './sla-terms.dto';
import { ContractTermsDto } from './terms.dto';

// ---------------------------------------------------------------- query parameters shared by the read-model lists

/** An optional id filter (partnership, party, contract). */
export const IdFilter = (): PropertyDecorator => applyDecorators(IsOptional(), Matches(ID_PATTERN, { message: ID_MESSAGE }));

/** An optional `true`/`false` filter. */
export const BooleanFilter = (): PropertyDecorator => applyDecorators(IsOptional(), Transform(toBoolean), IsBoolean({ message: '$property must be true or false' }));

/** An optional comma-separated list of allowed values. */
export const ListOf = (values: readonly string[]): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    Transform(toList),
    IsArray({ message: `$property must be a comma-separated list of ${values.join(', ')}` }),
    ArrayMaxSize(values.length),
    IsIn(values, { each: true, message: `$property must be a comma-separated list of ${values.join(', ')}` }),
  );

/** An optional whole number of days. */
export const DaysFilter = (): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    Transform(toInteger),
    IsInt({ message: '$property must be a whole number of days' }),
    Min(0, { message: '$property must not be negative' }),
    Max(36500, { message: '$property must not be greater than 36500' }),
  );

/** `now` alone, for a single resource whose flags (overdue…) are judged against it. */
export class NowOnlyQueryDto {
  @ApiPropertyOptional({ description: 'The instant deadlines are judged against (ISO-8601); defaults to the current time', example: '2026-03-02T09:00:00Z' })
  @IsOptional()
  @IsInstant()
  now?: string;
}

/** `now`, against which deadlines are judged: committees and tests may ask as of another instant. */
export class NowQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'The instant deadlines and "within N days" are judged against (ISO-8601); defaults to the current time', example: '2026-03-02T09:00:00Z' })
  @IsOptional()
  @IsInstant()
  now?: string;
}

export class ContractListQueryDto extends NowQueryDto {
  @ApiPropertyOptional({ type: String, description: `Comma-separated statuses to keep: ${CONTRACT_STATUSES.join(', ')}`, example: 'active,signed' })
  @ListOf(CONTRACT_STATUSES)
  status?: Array<(typeof CONTRACT_STATUSES)[number]>;

  @ApiPropertyOptional({ example: 'acme-globex' })
  @IdFilter()
  partnershipId?: string;

  @ApiPropertyOptional({ description: 'Contracts this party is party to', example: 'acme' })
  @IdFilter()
  partyId?: string;

  @ApiPropertyOptional({ enum: ['master', 'addendum'], example: 'addendum' })
  @IsOptional()
  @IsIn(['master', 'addendum'], { message: '$property must be master or addendum' })
  kind?: 'master' | 'addendum';

  @ApiPropertyOptional({ type: 'integer', description: 'Signed or active contracts whose expiry in force falls within this many days of `now`', minimum: 0, example: 90 })
  @DaysFilter()
  expiringWithinDays?: number;

  @ApiPropertyOptional({ type: Boolean, description: 'true: contracts with at least one open escalation; false: those with none', example: true })
  @BooleanFilter()
  hasOpenEscalations?: boolean;
}

export class ContractReadQueryDto {
  @ApiPropertyOptional({ description: 'Business time: the contract as the facts that had occurred by then made it (replayed from the event log)', example: '2026-03-01T00:00:00Z' })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Record time: only the events the engine had recorded by then (replayed from the event log)', example: '2026-03-15T00:00:00Z' })
  @IsOptional()
  @IsInstant()
  knownAt?: string;
}

// ---------------------------------------------------------------- answers

export class SignatureDto {
  @ApiProperty({ example: 'acme' }) partyId!: string;
  @ApiProperty({ example: 'Erin Exec' }) signatoryName!: string;
  @ApiProperty({ type: String, nullable: true, description: 'When the party signed (the fact’s date)', example: '2026-01-20T09:00:00.000Z' }) signedAt!: string | null;
}

export class ContractSummaryDto {
  @ApiProperty({ example: 'msa-acme-globex' }) contractId!: string;
  @ApiProperty({ example: 'acme-globex' }) partnershipId!: string;
  @ApiProperty({ enum: ['master', 'addendum'], example: 'master' }) kind!: string;
  @ApiProperty({ type: String, nullable: true, example: null }) masterContractId!: string | null;
  @ApiProperty({ example: 'Master Services Agreement' }) title!: string;
  @ApiProperty({ enum: CONTRACT_STATUSES, example: 'active' }) status!: string;
  @ApiProperty({ type: [PartyDto], example: [{ partyId: 'acme', name: 'Acme Corp' }, { partyId: 'globex', name: 'Globex Services' }] }) parties!: PartyDto[];
  @ApiProperty({ description: 'The latest terms version: 1 at drafting, one more per amendment and renewal', example: 2 }) termsVersion!: number;
  @ApiProperty({ type: [SlaDto] }) slas!: SlaDto[];
  @ApiProperty({ example: '2026-02-01T00:00:00.000Z' }) effectiveFrom!: string;
  @ApiProperty({ description: 'The expiry in force (moved by renewals and amendments)', example: '2029-01-31T00:00:00.000Z' }) expiresAt!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-02-01T00:00:00.000Z' }) activatedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'When it stopped (or stops) being in force: expiry or termination', example: null }) endedAt!: string | null;
  @ApiProperty({ type: MoneyDto, example: { amount: '1080000.00', currency: 'EUR' } }) value!: MoneyDto;
  @ApiProperty({ example: true }) autoRenew!: boolean;
  @ApiProperty({ type: [SignatureDto] }) signatures!: SignatureDto[];
  @ApiProperty({ example: 1 }) amendments!: number;
  @ApiProperty({ example: 0 }) openEscalations!: number;
  @ApiProperty({ description: 'Stream version after the last event included (also the ETag)', example: 7 }) version!: number;
  @ApiProperty({ description: 'When the last event included was recorded', example: '2026-03-02T09:00:01.234Z' }) updatedAt!: string;
}

export class AppliedEventDto {
  @ApiProperty({ example: 1042 }) position!: number;
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ example: 'ContractSigned' }) type!: string;
  @ApiProperty({ example: '2026-01-20T09:00:00.000Z' }) occurredAt!: string;
  @ApiProperty({ example: '2026-01-20T09:00:01.234Z' }) recordedAt!: string;
}

export class ContractDto extends ContractSummaryDto {
  @ApiProperty({ type: ContractTermsDto, description: 'The terms now agreed: the draft with every revision, amendment and renewal applied' }) terms!: ContractTermsDto;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Replays only: the business instant asked for', example: '2026-03-01T00:00:00.000Z' }) asOf?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Replays only: the record instant asked for', example: '2026-03-15T00:00:00.000Z' }) knownAt?: string | null;
  @ApiPropertyOptional({ type: [AppliedEventDto], description: 'Replays only: the events applied, in stream order' }) eventsApplied?: AppliedEventDto[];
}

export class ContractPageDto extends PageMetaDto {
  @ApiProperty({ type: [ContractSummaryDto] }) items!: ContractSummaryDto[];
}
