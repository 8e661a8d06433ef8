import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { BundleError } from '@covenant/application/bundle/export-bundle';
import { ExportBundleQuery } from '@covenant/application/replay/replay.queries';
import { HttpReply as Response } from '../http/http-types';
import { problem, ProblemException } from '../problem/problems';
import { RecordsHistoryRead } from '../http/history-read';

export class ExportQueryDto {
  @ApiProperty({ description: 'The stream to export: contract-<id> or partnership-<id>', example: 'contract-msa-acme-globex' })
  @Matches(/^(contract|partnership)-[A-Za-z0-9._:-]{1,200}$/, { message: 'stream must be contract-<id> or partnership-<id>' })
  stream!: string;
}

/** The evidence bundle of one stream, byte for byte what `covenant export` writes. */
@ApiTags('audit')
@Controller('audit')
export class AuditExportController {
  constructor(private readonly queries: QueryBus) {}

  @RecordsHistoryRead('export', (_p, q) => q.stream ?? null)
  @Get('export')
  @ApiOperation({
    summary: 'Evidence bundle of one stream',
    description:
      'One JSON document (README, "Auditor\'s toolkit"): the stream\'s events as CloudEvents 1.0, each one\'s inclusion proof to the covering signed checkpoint ' +
      '(issued first when none covers the last event), the checkpoint, the Ed25519 public key (PEM) and an HTML timeline. Check it offline with `covenant verify-bundle`.',
  })
  @ApiOkResponse({ description: 'The bundle (application/json), to be saved as is: any changed byte fails verification' })
  @ApiBadRequestResponse({ description: 'REQUEST.INVALID: stream is not contract-<id> or partnership-<id>' })
  @ApiNotFoundResponse({ description: 'BUNDLE.STREAM_NOT_FOUND: no such stream' })
  async export(@Query() q: ExportQueryDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      const text = await this.queries.execute(new ExportBundleQuery(q.stream));
      void res.header('Content-Type', 'application/json; charset=utf-8');
      void res.header('Content-Disposition', `attachment; filename="${q.stream}.bundle.json"`);
      return text;
    } catch (err) {
      if (!(err instanceof BundleError)) throw err;
      throw new ProblemException(problem(err.kind === 'invalid' ? 400 : 404, err.code, err.kind === 'invalid' ? 'The request is invalid' : 'Not found', err.message));
    }
  }
}
