import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { ContractCommand, PartnershipCommand } from '@covenant/domain';
import { CommandGateway, CommandOutcome, RequestContext } from './command-gateway';

/**
 * Bus messages. Every domain command travels in one of two envelopes (by aggregate), and each handler
 * is a few lines over the one load-decide-append: the domain union carries the command's identity,
 * so a class per command would only repeat it.
 */
export class SendContractCommand extends Command<CommandOutcome> {
  constructor(
    readonly contractId: string,
    readonly command: ContractCommand,
    readonly context: RequestContext,
  ) {
    super();
  }
}

export class SendPartnershipCommand extends Command<CommandOutcome> {
  constructor(
    readonly partnershipId: string,
    readonly command: PartnershipCommand,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(SendContractCommand)
export class SendContractCommandHandler implements ICommandHandler<SendContractCommand, CommandOutcome> {
  constructor(private readonly gateway: CommandGateway) {}

  execute(m: SendContractCommand): Promise<CommandOutcome> {
    return this.gateway.contract(m.contractId, m.command, m.context);
  }
}

@CommandHandler(SendPartnershipCommand)
export class SendPartnershipCommandHandler implements ICommandHandler<SendPartnershipCommand, CommandOutcome> {
  constructor(private readonly gateway: CommandGateway) {}

  execute(m: SendPartnershipCommand): Promise<CommandOutcome> {
    return this.gateway.partnership(m.partnershipId, m.command, m.context);
  }
}

export const COMMAND_HANDLERS = [SendContractCommandHandler, SendPartnershipCommandHandler];
