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
import { EscalateDto, RaiseEscalationDto, ResolveEscalationDto } from './dto/escalation.dto';

/**
 * The escalation ladder. An escalation is raised on its contract and then addressed by its own id;
 * every answer's id is the escalation id, its version the contract stream's version.
 */
@ApiTags('escalations')
@ApiHeader(COMMAND_HEADERS.ifMatch)
@ApiHeader(COMMAND_HEADERS.idempotencyKey)
@Controller()
export class EscalationsController {
  constructor(
    private readonly bus: CommandBus,
    private readonly lookup: LookupIndex,
  ) {}

  private async onEscalation(escalationId: string, ctx: RequestContext, res: Response, command: ContractCommand) {
    const contractId = await owningContract(this.lookup, 'escalation', escalationId);
    return sendContractCommand(this.bus, res, contractId, command, ctx, escalationId);
  }

  @Post('contracts/:id/escalations')
  @ApiCreatedResponse({ type: CommandAcceptedDto, description: 'EscalationRaised at level 1; id is the escalation id' })
  async raise(@IdParam() id: string, @Body() dto: RaiseEscalationDto, @Ctx(201) ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const escalationId = dto.escalationId ?? newId(ctx, 'escalation');
    await requireUnusedElsewhere(this.lookup, 'escalation', escalationId, id);
    const relatesTo = dto.relatesTo === undefined ? {} : { relatesTo: dto.relatesTo.id === undefined ? { kind: dto.relatesTo.kind } : { kind: dto.relatesTo.kind, id: dto.relatesTo.id } };
    const command: ContractCommand = { type: 'RaiseEscalation', ...by(ctx, dto.occurredAt), escalationId, subject: dto.subject, ...relatesTo };
    return sendContractCommand(this.bus, res, id, command, ctx, escalationId);
  }

  @Post('escalations/:escalationId/escalation')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'EscalationEscalated one level up, by the tier owning the current level' })
  escalate(@IdParam('escalationId') escalationId: string, @Body() dto: EscalateDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.onEscalation(escalationId, ctx, res, { type: 'EscalateEscalation', ...by(ctx, dto.occurredAt), escalationId, reason: dto.reason });
  }

  @Post('escalations/:escalationId/resolution')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'EscalationResolved, by the tier owning the level it is at on that date' })
  resolve(@IdParam('escalationId') escalationId: string, @Body() dto: ResolveEscalationDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.onEscalation(escalationId, ctx, res, { type: 'ResolveEscalation', ...by(ctx, dto.occurredAt), escalationId, resolution: dto.resolution });
  }
}
