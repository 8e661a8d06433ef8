import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { HttpReply as Response } from '../http/http-types';
import type { RequestContext } from '@covenant/application/commands/command-gateway';
import { CommandAcceptedDto, CommandDto } from '../http/dto/common.dto';
import { Ctx } from '../http/request-context';
import { IdParam } from '../http/id-param';
import { COMMAND_HEADERS } from '../http/command-headers';
import { by, sendContractCommand } from './contract-commands';
import { CompleteExitStepDto, RenewalDecisionDto, TerminateContractDto } from './dto/contract.dto';

/** The end of a contract's term: the renewal decision, termination with its exit plan, exit steps, closure. */
@ApiTags('contracts')
@ApiHeader(COMMAND_HEADERS.ifMatch)
@ApiHeader(COMMAND_HEADERS.idempotencyKey)
@Controller('contracts')
export class ContractExitController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':id/renewal')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'decision renew: ContractRenewed (RenewContract); decision decline: RenewalDeclined (DeclineRenewal). Executive sponsors only.' })
  renewal(@IdParam() id: string, @Body() dto: RenewalDecisionDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const base = by(ctx, dto.occurredAt);
    const command =
      dto.decision === 'renew'
        ? { type: 'RenewContract' as const, ...base, ...(dto.renewalTermDays === undefined ? {} : { renewalTermDays: dto.renewalTermDays }) }
        : { type: 'DeclineRenewal' as const, ...base, reason: dto.reason ?? '' };
    return sendContractCommand(this.bus, res, id, command, ctx);
  }

  @Post(':id/termination')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'ContractTerminated with its exit plan (executive sponsors)' })
  terminate(@IdParam() id: string, @Body() dto: TerminateContractDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const exitPlan = dto.exitPlan.map((s, i) => ({ stepId: s.stepId ?? `step-${i + 1}`, kind: s.kind, description: s.description, dueAt: s.dueAt, ownerPartyId: s.ownerPartyId }));
    return sendContractCommand(this.bus, res, id, { type: 'TerminateContract', ...by(ctx, dto.occurredAt), reason: dto.reason, grounds: dto.grounds, effectiveAt: dto.effectiveAt, exitPlan }, ctx);
  }

  @Post(':id/exit-steps/:stepId/completion')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'ExitStepCompleted; id is the step id' })
  completeStep(
    @IdParam() id: string,
    @IdParam('stepId') stepId: string,
    @Body() dto: CompleteExitStepDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = { type: 'CompleteExitStep' as const, ...by(ctx, dto.occurredAt), stepId, ...(dto.evidence === undefined ? {} : { evidence: dto.evidence }) };
    return sendContractCommand(this.bus, res, id, command, ctx, stepId);
  }

  @Post(':id/closure')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'ContractClosed: every exit step done and the termination in effect' })
  close(@IdParam() id: string, @Body() dto: CommandDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return sendContractCommand(this.bus, res, id, { type: 'CloseContract', ...by(ctx, dto.occurredAt) }, ctx);
  }
}
