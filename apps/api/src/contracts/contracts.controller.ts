import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { HttpReply as Response } from '../http/http-types';
import type { ContractCommand } from '@covenant/domain';
import type { RequestContext } from '@covenant/application/commands/command-gateway';
import { CommandAcceptedDto, CommandDto } from '../http/dto/common.dto';
import { Ctx } from '../http/request-context';
import { IdParam } from '../http/id-param';
import { COMMAND_HEADERS } from '../http/command-headers';
import { by, newId, sendContractCommand } from './contract-commands';
import { AttachAddendumDto, DraftContractDto, ReviseDraftDto, SignContractDto } from './dto/contract.dto';
import { draftTermsOf } from './terms.mapper';

/** A contract's drafting and signing: each route maps its DTO to the domain command and sends it on the bus. */
@ApiTags('contracts')
@ApiHeader(COMMAND_HEADERS.ifMatch)
@ApiHeader(COMMAND_HEADERS.idempotencyKey)
@Controller('contracts')
export class ContractsController {
  constructor(private readonly bus: CommandBus) {}

  private send(res: Response, id: string, ctx: RequestContext, command: ContractCommand) {
    return sendContractCommand(this.bus, res, id, command, ctx);
  }

  @Post()
  @ApiCreatedResponse({ type: CommandAcceptedDto, description: 'ContractDrafted (and AddendumAttached with masterContractId); id is the contract id' })
  draft(@Body() dto: DraftContractDto, @Ctx(201) ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const id = dto.contractId ?? newId(ctx, 'contract');
    return this.send(res, id, ctx, {
      type: 'DraftContract',
      ...by(ctx, dto.occurredAt),
      contractId: id,
      partnershipId: dto.partnershipId,
      terms: draftTermsOf(dto.terms),
      ...(dto.masterContractId === undefined ? {} : { masterContractId: dto.masterContractId }),
    });
  }

  @Post(':id/revision')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'DraftRevised (nothing when the terms are unchanged)' })
  revise(@IdParam() id: string, @Body() dto: ReviseDraftDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.send(res, id, ctx, { type: 'ReviseDraft', ...by(ctx, dto.occurredAt), terms: draftTermsOf(dto.terms) });
  }

  @Post(':id/attachment')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'AddendumAttached: the draft becomes an addendum of the master agreement' })
  attach(@IdParam() id: string, @Body() dto: AttachAddendumDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.send(res, id, ctx, { type: 'AttachAddendum', ...by(ctx, dto.occurredAt), masterContractId: dto.masterContractId });
  }

  @Post(':id/signatures')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'ContractSigned (and ContractActivated when every party signed and the effective date is reached)' })
  sign(@IdParam() id: string, @Body() dto: SignContractDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.send(res, id, ctx, { type: 'SignContract', ...by(ctx, dto.occurredAt), partyId: dto.partyId, signatoryName: dto.signatoryName });
  }

  @Post(':id/activation')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'ContractActivated; refused with the reason when not due' })
  activate(@IdParam() id: string, @Body() dto: CommandDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.send(res, id, ctx, { type: 'ActivateContract', ...by(ctx, dto.occurredAt) });
  }
}
