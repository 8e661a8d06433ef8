import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { HttpReply as Response } from '../http/http-types';
import type { RequestContext } from '@covenant/application/commands/command-gateway';
import { CommandAcceptedDto } from '../http/dto/common.dto';
import { Ctx } from '../http/request-context';
import { IdParam } from '../http/id-param';
import { COMMAND_HEADERS } from '../http/command-headers';
import { by, newId, sendContractCommand } from './contract-commands';
import { RecordSlaMeasurementDto, ReportSlaBreachDto, WaiveServiceCreditDto } from './dto/sla.dto';

/** SLA facts of a contract: measurements, breaches reported directly, and service credit waivers. */
@ApiTags('contracts')
@ApiHeader(COMMAND_HEADERS.ifMatch)
@ApiHeader(COMMAND_HEADERS.idempotencyKey)
@Controller('contracts')
export class ContractSlaController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':id/sla-measurements')
  @ApiCreatedResponse({ type: CommandAcceptedDto, description: 'SlaMeasurementRecorded (and SlaBreached, ServiceCreditAccrued when it breaches); id is the measurement id' })
  measure(@IdParam() id: string, @Body() dto: RecordSlaMeasurementDto, @Ctx(201) ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const measurementId = dto.measurementId ?? newId(ctx, 'sla-measurement');
    const command = {
      type: 'RecordSlaMeasurement' as const,
      ...by(ctx, dto.occurredAt),
      measurementId,
      slaId: dto.slaId,
      value: dto.value,
      ...(dto.breachId === undefined ? {} : { breachId: dto.breachId }),
    };
    return sendContractCommand(this.bus, res, id, command, ctx, measurementId);
  }

  @Post(':id/sla-breaches')
  @ApiCreatedResponse({ type: CommandAcceptedDto, description: 'SlaBreached and ServiceCreditAccrued; id is the breach id' })
  reportBreach(@IdParam() id: string, @Body() dto: ReportSlaBreachDto, @Ctx(201) ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const breachId = dto.breachId ?? newId(ctx, 'sla-breach');
    const command = {
      type: 'ReportSlaBreach' as const,
      ...by(ctx, dto.occurredAt),
      breachId,
      slaId: dto.slaId,
      description: dto.description,
      ...(dto.value === undefined ? {} : { value: dto.value }),
    };
    return sendContractCommand(this.bus, res, id, command, ctx, breachId);
  }

  @Post(':id/sla-breaches/:breachId/credit-waiver')
  @ApiOkResponse({ type: CommandAcceptedDto, description: "ServiceCreditWaived, by the tier the credit schedule names; id is the breach id" })
  waive(
    @IdParam() id: string,
    @IdParam('breachId') breachId: string,
    @Body() dto: WaiveServiceCreditDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendContractCommand(this.bus, res, id, { type: 'WaiveServiceCredit', ...by(ctx, dto.occurredAt), breachId, reason: dto.reason }, ctx, breachId);
  }
}
