import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '../../http/dto/common.dto';
import { toBoolean } from '../../http/dto/query-transforms';
import { PeriodRangeQueryDto } from '../../contracts/dto/sla-compliance.dto';

export class SlaComplianceReportQueryDto extends PeriodRangeQueryDto {
  @ApiPropertyOptional({ description: 'Only the contracts of this partnership', example: 'acme-globex' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  partnershipId?: string;

  @ApiPropertyOptional({ description: 'Only this contract', example: 'msa-acme-globex' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  contractId?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: only months below 100 % compliance or with any breach (reported ones included); false: only months with neither',
    example: true,
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: '$property must be true or false' })
  belowTarget?: boolean;
}
