import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { AT_RISK_REASONS } from '@covenant/projections/read-models/portfolio/portfolio.queries';
import { ID_MESSAGE, ID_PATTERN } from '../../http/dto/common.dto';
import { PageMetaDto, PageQueryDto } from '../../http/dto/page.dto';
import { IsInstant } from '../../http/dto/validators';

export class PortfolioQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only the contracts of this partnership', example: 'acme-globex' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  partnershipId?: string;

  @ApiPropertyOptional({
    description: 'The instant a due renewal decision is judged overdue against (ISO-8601 with a zone); defaults to the current time',
    example: '2026-03-02T09:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  now?: string;
}

export class StatusCountsDto {
  @ApiProperty({ example: 1 }) draft!: number;
  @ApiProperty({ example: 0 }) signed!: number;
  @ApiProperty({ example: 12 }) active!: number;
  @ApiProperty({ example: 1 }) exiting!: number;
  @ApiProperty({ example: 3 }) expired!: number;
  @ApiProperty({ example: 2 }) closed!: number;
}

export class AtRiskContractDto {
  @ApiProperty({ example: 'msa-acme-globex' }) contractId!: string;
  @ApiProperty({ example: 'acme-globex' }) partnershipId!: string;
  @ApiProperty({ example: 'Master Services Agreement' }) title!: string;
  @ApiProperty({ enum: ['master', 'addendum'], example: 'master' }) kind!: string;
  @ApiProperty({ type: String, nullable: true, example: null }) masterContractId!: string | null;
  @ApiProperty({ enum: ['draft', 'signed', 'active', 'exiting'], example: 'active' }) status!: string;
  @ApiProperty({
    enum: AT_RISK_REASONS,
    isArray: true,
    description:
      'open-level-3-escalation: an open escalation at the executive tier; failing-sla: an SLA whose latest month with counted facts has a breach; ' +
      'renewal-decision-overdue / renewal-decision-due: a renewal decision fell due and is undecided, its date before `now` or not',
    example: ['failing-sla', 'renewal-decision-overdue'],
  })
  reasons!: string[];
  @ApiProperty({ example: 1 }) openLevel3Escalations!: number;
  @ApiProperty({ type: [String], example: ['esc-roadmap-slip'] }) level3EscalationIds!: string[];
  @ApiProperty({ example: 1 }) failingSlas!: number;
  @ApiProperty({ type: [String], example: ['availability'] }) failingSlaIds!: string[];
  @ApiProperty({ type: String, nullable: true, description: 'When the renewal decision fell due, while undecided', example: '2027-11-07T09:00:00.000Z' })
  renewalDecisionDueAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The expiry that decision is about', example: '2028-01-06T09:00:00.000Z' })
  renewalExpiresAt!: string | null;
  @ApiProperty({ description: 'Stream version of the last event applied to this contract’s portfolio row', example: 42 }) version!: number;
}

export class PortfolioReportDto extends PageMetaDto {
  @ApiProperty({ description: 'The instant overdue was judged against', example: '2026-03-02T09:00:00.000Z' }) now!: string;
  @ApiProperty({ type: StatusCountsDto, description: 'Every contract of the filter by status, zero included' }) counts!: StatusCountsDto;
  @ApiProperty({ example: 19 }) total!: number;
  @ApiProperty({ description: 'Contracts at risk across every page', example: 3 }) atRiskCount!: number;
  @ApiProperty({ type: [AtRiskContractDto], description: 'Contracts at risk (not expired or closed), by contract id' }) items!: AtRiskContractDto[];
}
