import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { HttpReply as Response } from '../http/http-types';
import { randomUUID } from 'node:crypto';
import type { AssessmentSource, PartnershipCommand } from '@covenant/domain';
import type { RequestContext } from '@covenant/application/commands/command-gateway';
import { SendPartnershipCommand } from '@covenant/application/commands/command-messages';
import { CommandAcceptedDto } from '../http/dto/common.dto';
import { sendOutcome } from '../http/command-response';
import { Ctx } from '../http/request-context';
import { IdParam } from '../http/id-param';
import { COMMAND_HEADERS } from '../http/command-headers';
import {
  AdoptCharterDto,
  AppointMemberDto,
  AssessmentSourceDto,
  BusinessReviewDto,
  FormPartnershipDto,
  HealthAssessmentDto,
  RemoveMemberDto,
  StageChangeDto,
} from './dto/partnership.dto';

function sourceOf(s: AssessmentSourceDto): AssessmentSource {
  if (s.kind === 'business-review') return { kind: 'business-review', reviewId: s.reviewId ?? '' };
  if (s.kind === 'survey') return { kind: 'survey', surveyId: s.surveyId ?? '' };
  return { kind: 'other', description: s.description ?? '' };
}

/** Partnership commands: each maps its DTO to the domain command and sends it on the bus. */
@ApiTags('partnerships')
@ApiHeader(COMMAND_HEADERS.ifMatch)
@ApiHeader(COMMAND_HEADERS.idempotencyKey)
@Controller('partnerships')
export class PartnershipsController {
  constructor(private readonly bus: CommandBus) {}

  private async send(res: Response, id: string, ctx: RequestContext, command: PartnershipCommand) {
    return sendOutcome(res, await this.bus.execute(new SendPartnershipCommand(id, command, ctx)));
  }

  private base(ctx: RequestContext, occurredAt?: string) {
    return { actorId: ctx.actorId, occurredAt: occurredAt ?? new Date().toISOString() };
  }

  @Post()
  @ApiCreatedResponse({ type: CommandAcceptedDto, description: 'PartnershipFormed' })
  form(@Body() dto: FormPartnershipDto, @Ctx(201) ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const id = dto.partnershipId ?? randomUUID();
    return this.send(res, id, ctx, { type: 'FormPartnership', ...this.base(ctx, dto.occurredAt), partnershipId: id, name: dto.name, parties: dto.parties });
  }

  @Post(':id/charter')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'GovernanceCharterAdopted' })
  adoptCharter(@IdParam() id: string, @Body() dto: AdoptCharterDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.send(res, id, ctx, { type: 'AdoptGovernanceCharter', ...this.base(ctx, dto.occurredAt), businessReviewCadenceDays: dto.businessReviewCadenceDays });
  }

  @Post(':id/members')
  @ApiCreatedResponse({ type: CommandAcceptedDto, description: 'GovernanceMemberAppointed' })
  appoint(@IdParam() id: string, @Body() dto: AppointMemberDto, @Ctx(201) ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const { occurredAt, ...rest } = dto;
    return this.send(res, id, ctx, { type: 'AppointGovernanceMember', ...this.base(ctx, occurredAt), ...rest });
  }

  @Post(':id/members/:personId/removal')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'GovernanceMemberRemoved' })
  remove(
    @IdParam() id: string,
    @IdParam('personId') personId: string,
    @Body() dto: RemoveMemberDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(res, id, ctx, { type: 'RemoveGovernanceMember', ...this.base(ctx, dto.occurredAt), personId, reason: dto.reason, effectiveUntil: dto.effectiveUntil });
  }

  @Post(':id/business-reviews')
  @ApiCreatedResponse({ type: CommandAcceptedDto, description: 'BusinessReviewHeld' })
  review(@IdParam() id: string, @Body() dto: BusinessReviewDto, @Ctx(201) ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const { occurredAt, reviewId, ...rest } = dto;
    return this.send(res, id, ctx, { type: 'HoldBusinessReview', ...this.base(ctx, occurredAt), reviewId: reviewId ?? randomUUID(), ...rest });
  }

  @Post(':id/health-assessments')
  @ApiCreatedResponse({ type: CommandAcceptedDto, description: 'HealthAssessmentRecorded' })
  assess(@IdParam() id: string, @Body() dto: HealthAssessmentDto, @Ctx(201) ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.send(res, id, ctx, {
      type: 'RecordHealthAssessment',
      ...this.base(ctx, dto.occurredAt),
      assessmentId: dto.assessmentId ?? randomUUID(),
      source: sourceOf(dto.source),
      scores: { operational: dto.scores.operational, relational: dto.scores.relational, strategic: dto.scores.strategic },
      notes: dto.notes,
    });
  }

  @Post(':id/stage')
  @ApiOkResponse({ type: CommandAcceptedDto, description: 'PartnershipStageChanged' })
  stage(@IdParam() id: string, @Body() dto: StageChangeDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.send(res, id, ctx, { type: 'ChangePartnershipStage', ...this.base(ctx, dto.occurredAt), stage: dto.stage, reason: dto.reason });
  }
}
