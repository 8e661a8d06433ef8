import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { HttpReply as Response } from '../http/http-types';
import type { ContractCommand } from '@covenant/domain';
import type { RequestContext } from '@covenant/application/commands/command-gateway';
import { LookupIndex } from '@covenant/application/lookup/lookup-index';
import { CommandAcceptedDto, CommandDto } from '../http/dto/common.dto';
import { Ctx } from '../http/request-context';
import { IdParam } from '../http/id-param';
import { COMMAND_HEADERS } from '../http/command-headers';
import { by, newId, owningContract, requireUnusedElsewhere, sendContractCommand } from '../contracts/contract-commands';
import { proposedTermsOf } from '../contracts/terms.mapper';
import { ConcludeReviewDto, RejectChangeDto, ReferToMediationDto, RequestChangeDto } from './dto/change.dto';

/**
 * The change protocol (3-2-1). A change is requested on its contract and then addressed by its own id
 * (the lookup index names the owning contract); every answer's id is the change id and its version the
 * contract stream's version.
 */
@ApiTags('changes')
@ApiHeader(COMMAND_HEADERS.ifMatch)
@ApiHeader(COMMAND_HEADERS.idempotencyKey)
@Controller()
export class ChangesController {
  constructor(
    private readonly bus: CommandBus,
    private readonly lookup: LookupIndex,
  ) {}

  private async request(contractId: string, dto: RequestChangeDto, ctx: RequestContext, res: Response) {
    const changeId = dto.changeId ?? newId(ctx, 'change');
    await requireUnusedElsewhere(this.lookup, 'change', changeId, contractId);
    const command: ContractCommand = {
      type: 'RequestChange',
      ...by(ctx, dto.occurredAt),
      changeId,
      title: dto.title,
      rationale: dto.rationale,
      proposedLevel: dto.proposedLevel,
      costImpact: { amount: dto.costImpact.amount, currency: dto.costImpact.currency },
      proposedTerms: proposedTermsOf(dto.proposedTerms),
    };
    return sendContractCommand(this.bus, res, contractId, command, ctx, changeId);
  }

  private async onChange(changeId: string, ctx: RequestContext, res: Response, command: ContractCommand) {
    const contractId = await owningContract(this.lookup, 'change', changeId);
    return sendContractCommand(this.bus, res, contractId, command, ctx, changeId);
  }

  @Post('contracts/:id/changes')
  @ApiCreatedResponse({ type: CommandAcceptedDto, description: 'ChangeRequested (and CollaborativeReviewOpened over the cost-impact threshold); id is the change id' })
  requestChange(@IdParam() id: string, @Body() dto: RequestChangeDto, @Ctx(201) ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.request(id, dto, ctx, res);
  }

  @Post('contracts/:id/amendments')
  @ApiCreatedResponse({ type: CommandAcceptedDto, description: 'Alias of POST /contracts/{id}/changes: an amendment starts as a change request' })
  requestAmendment(@IdParam() id: string, @Body() dto: RequestChangeDto, @Ctx(201) ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.request(id, dto, ctx, res);
  }

  @Post('changes/:changeId/review-conclusion')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'CollaborativeReviewConcluded, by the tier owning the change level' })
  conclude(@IdParam('changeId') changeId: string, @Body() dto: ConcludeReviewDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.onChange(changeId, ctx, res, { type: 'ConcludeCollaborativeReview', ...by(ctx, dto.occurredAt), changeId, outcome: dto.outcome, summary: dto.summary });
  }

  @Post('changes/:changeId/approval')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'ChangeApproved and ContractAmended, by the tier owning the level (executive after mediation)' })
  approve(@IdParam('changeId') changeId: string, @Body() dto: CommandDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.onChange(changeId, ctx, res, { type: 'ApproveChange', ...by(ctx, dto.occurredAt), changeId });
  }

  @Post('changes/:changeId/rejection')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'ChangeRejected, by the tier owning the level' })
  reject(@IdParam('changeId') changeId: string, @Body() dto: RejectChangeDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.onChange(changeId, ctx, res, { type: 'RejectChange', ...by(ctx, dto.occurredAt), changeId, reason: dto.reason });
  }

  @Post('changes/:changeId/mediation-referral')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'ChangeReferredToMediation after a failed collaborative review' })
  refer(@IdParam('changeId') changeId: string, @Body() dto: ReferToMediationDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const command = { type: 'ReferChangeToMediation' as const, ...by(ctx, dto.occurredAt), changeId, reason: dto.reason, ...(dto.mediator === undefined ? {} : { mediator: dto.mediator }) };
    return this.onChange(changeId, ctx, res, command);
  }
}
