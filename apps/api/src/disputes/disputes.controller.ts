import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { HttpReply as Response } from '../http/http-types';
import type { ContractCommand } from '@covenant/domain';
import type { RequestContext } from '@covenant/application/commands/command-gateway';
import { LookupIndex } from '@covenant/application/lookup/lookup-index';
import { CommandAcceptedDto } from '../http/dto/common.dto';
import { Ctx } from '../http/request-context';
import { IdParam } from '../http/id-param';
import { COMMAND_HEADERS } from '../http/command-headers';
import { by, newId, owningContract, requireUnusedElsewhere, sendContractCommand } from '../contracts/contract-commands';
import { AdvanceDisputeDto, OpenDisputeDto, PositionPaperDto, ResolveDisputeDto, ScheduleMediationDto } from './dto/dispute.dto';

/**
 * The dispute resolution ladder. A dispute is opened on its contract and then addressed by its own id;
 * every answer's id is the dispute id, its version the contract stream's version.
 */
@ApiTags('disputes')
@ApiHeader(COMMAND_HEADERS.ifMatch)
@ApiHeader(COMMAND_HEADERS.idempotencyKey)
@Controller()
export class DisputesController {
  constructor(
    private readonly bus: CommandBus,
    private readonly lookup: LookupIndex,
  ) {}

  private async onDispute(disputeId: string, ctx: RequestContext, res: Response, command: ContractCommand) {
    const contractId = await owningContract(this.lookup, 'dispute', disputeId);
    return sendContractCommand(this.bus, res, contractId, command, ctx, disputeId);
  }

  @Post('contracts/:id/disputes')
  @ApiCreatedResponse({ type: CommandAcceptedDto, description: 'DisputeOpened at negotiation (formal notice starts the mediation clock); id is the dispute id' })
  async open(@IdParam() id: string, @Body() dto: OpenDisputeDto, @Ctx(201) ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const disputeId = dto.disputeId ?? newId(ctx, 'dispute');
    await requireUnusedElsewhere(this.lookup, 'dispute', disputeId, id);
    const command: ContractCommand = {
      type: 'OpenDispute',
      ...by(ctx, dto.occurredAt),
      disputeId,
      subject: dto.subject,
      raisedByPartyId: dto.raisedByPartyId,
      respondentPartyId: dto.respondentPartyId,
      ...(dto.formalNoticeAt === undefined ? {} : { formalNoticeAt: dto.formalNoticeAt }),
      ...(dto.escalationId === undefined ? {} : { escalationId: dto.escalationId }),
    };
    return sendContractCommand(this.bus, res, id, command, ctx, disputeId);
  }

  @Post('disputes/:disputeId/advance')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'DisputeAdvanced to the next step, by the tier owning that step' })
  advance(@IdParam('disputeId') disputeId: string, @Body() dto: AdvanceDisputeDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.onDispute(disputeId, ctx, res, { type: 'AdvanceDispute', ...by(ctx, dto.occurredAt), disputeId, toStep: dto.toStep, reason: dto.reason });
  }

  @Post('disputes/:disputeId/position-papers')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'PositionPaperSubmitted (at mediation or arbitration), by a governance member of the party' })
  submitPaper(@IdParam('disputeId') disputeId: string, @Body() dto: PositionPaperDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const command = {
      type: 'SubmitPositionPaper' as const,
      ...by(ctx, dto.occurredAt),
      disputeId,
      partyId: dto.partyId,
      contentHash: dto.contentHash,
      ...(dto.documentRef === undefined ? {} : { documentRef: dto.documentRef }),
    };
    return this.onDispute(disputeId, ctx, res, command);
  }

  @Post('disputes/:disputeId/mediation')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'MediationScheduled within the period after the formal notice (executive sponsors)' })
  schedule(@IdParam('disputeId') disputeId: string, @Body() dto: ScheduleMediationDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.onDispute(disputeId, ctx, res, { type: 'ScheduleMediation', ...by(ctx, dto.occurredAt), disputeId, scheduledFor: dto.scheduledFor, mediator: dto.mediator });
  }

  @Post('disputes/:disputeId/resolution')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'DisputeResolved (an award only at arbitration, binding)' })
  resolve(@IdParam('disputeId') disputeId: string, @Body() dto: ResolveDisputeDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.onDispute(disputeId, ctx, res, { type: 'ResolveDispute', ...by(ctx, dto.occurredAt), disputeId, outcome: dto.outcome, summary: dto.summary });
  }
}
