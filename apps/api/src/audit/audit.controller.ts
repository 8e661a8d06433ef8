import { Controller, Get, Param, PipeTransform, Query } from '@nestjs/common';
import { IQuery, QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ConsistencyProofJson, InclusionProofJson, PublicKeyInfo, VerifyReport } from '@covenant/event-store';
import { AuditError } from '@covenant/application/audit/audit-errors';
import type { CheckpointPage } from '@covenant/application/audit/audit-log';
import { ConsistencyProofQuery, InclusionProofQuery, ListCheckpointsQuery, PublicKeyQuery, VerifyLogQuery } from '@covenant/application/audit/audit.queries';
import { problem, ProblemException } from '../problem/problems';
import {
  CheckpointListQueryDto,
  CheckpointPageDto,
  ConsistencyProofDto,
  ConsistencyQueryDto,
  InclusionProofDto,
  ProofQueryDto,
  PublicKeyDto,
  VerifyReportDto,
} from './dto/audit.dto';

const STATUS = { invalid: 400, 'not-found': 404, unsupported: 501 } as const;
const TITLE = { invalid: 'The request is invalid', 'not-found': 'Not found', unsupported: 'Not supported here' } as const;

/** A 1-based log position in the path: a 400 naming `position` unless it is a positive integer. */
class PositionPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,15}$/.test(value) || Number(value) < 1) {
      const message = 'position must be a positive integer (a 1-based position in the global log)';
      throw new ProblemException(problem(400, 'REQUEST.INVALID', 'The request is invalid', message, { errors: [{ field: 'position', rule: 'position', message }] }));
    }
    return Number(value);
  }
}

const UNSUPPORTED = { status: 501, description: 'The store keeps no checkpoints (EventStoreDB), or no signing key is available' };

/**
 * The integrity resources of the auditor's toolkit: signed checkpoints of the global log, inclusion
 * and consistency proofs against them, full verification, and the key checkpoints are signed with.
 */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('checkpoints')
  @ApiOperation({ summary: 'Signed checkpoints', description: 'Signed tree heads of the global log, smallest tree first, each chained to the previous by its hash.' })
  @ApiOkResponse({ type: CheckpointPageDto })
  @ApiResponse(UNSUPPORTED)
  checkpoints(@Query() q: CheckpointListQueryDto): Promise<CheckpointPage> {
    return this.ask(new ListCheckpointsQuery({ limit: q.limit, cursor: q.cursor }));
  }

  @Get('proof/:position')
  @ApiOperation({
    summary: 'Inclusion proof of an event',
    description: 'RFC 6962 audit path from the event at `position` to the root of a signed checkpoint: the one of `treeSize`, else the latest (which covers every position up to its tree size).',
  })
  @ApiParam({ name: 'position', schema: { type: 'integer', minimum: 1 }, description: '1-based position in the global log', example: 42 })
  @ApiOkResponse({ type: InclusionProofDto })
  @ApiNotFoundResponse({ description: 'AUDIT.POSITION_NOT_FOUND (no such event), AUDIT.POSITION_NOT_CHECKPOINTED (no checkpoint covers it yet) or AUDIT.CHECKPOINT_NOT_FOUND (treeSize)' })
  @ApiResponse(UNSUPPORTED)
  proof(@Param('position', new PositionPipe()) position: number, @Query() q: ProofQueryDto): Promise<InclusionProofJson> {
    return this.ask(new InclusionProofQuery(position, q.treeSize));
  }

  @Get('consistency')
  @ApiOperation({ summary: 'Consistency proof between two checkpoints', description: 'RFC 6962 proof that the tree of checkpoint `from` is a prefix of the tree of checkpoint `to` (both by tree size).' })
  @ApiOkResponse({ type: ConsistencyProofDto })
  @ApiNotFoundResponse({ description: 'AUDIT.CHECKPOINT_NOT_FOUND: no checkpoint has that tree size' })
  @ApiResponse(UNSUPPORTED)
  consistency(@Query() q: ConsistencyQueryDto): Promise<ConsistencyProofJson> {
    return this.ask(new ConsistencyProofQuery(q.from, q.to));
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Verify the whole log',
    description: 'Recomputes every event hash, chain link and position and every checkpoint (signature, chain, root), as `covenant verify` does. 200 either way: `ok` and the first `failure` (position and stable reason) tell.',
  })
  @ApiOkResponse({ type: VerifyReportDto })
  verify(): Promise<VerifyReport> {
    return this.ask(new VerifyLogQuery());
  }

  @Get('public-key')
  @ApiOperation({ summary: 'The checkpoint signing key', description: 'The Ed25519 public key that verifies every checkpoint signature.' })
  @ApiOkResponse({ type: PublicKeyDto })
  @ApiResponse(UNSUPPORTED)
  publicKey(): Promise<PublicKeyInfo> {
    return this.ask(new PublicKeyQuery());
  }

  private async ask<T>(query: IQuery): Promise<T> {
    try {
      return await this.queries.execute<IQuery, T>(query);
    } catch (err) {
      if (!(err instanceof AuditError)) throw err;
      const errors = err.kind === 'invalid' && err.field ? { errors: [{ field: err.field, rule: err.code, message: err.message }] } : {};
      throw new ProblemException(problem(STATUS[err.kind], err.code, TITLE[err.kind], err.message, errors));
    }
  }
}
