import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_LIMIT } from '@covenant/projections/framework/pagination';
import { toInteger } from './query-transforms';

/** `limit` and `cursor` of every list (API.md: default 50, at most 500, opaque cursor). */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: `Page size, 1-${MAX_LIMIT}`, minimum: 1, maximum: MAX_LIMIT, default: 50, example: 50 })
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: '$property must be an integer' })
  @Min(1, { message: '$property must be at least 1' })
  @Max(MAX_LIMIT, { message: `$property must not be greater than ${MAX_LIMIT}` })
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page’s nextCursor', example: 'WzQyXQ' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: '$property must be a cursor returned by a previous page' })
  cursor?: string;
}

/** The page envelope every list answers with; `items` is documented by each list's own DTO. */
export class PageMetaDto {
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page', example: 'WzQyXQ' })
  nextCursor!: string | null;
}
