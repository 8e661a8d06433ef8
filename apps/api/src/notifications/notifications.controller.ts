import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '@covenant/projections/framework/pagination';
import { ListNotificationsQuery, NotificationView } from '@covenant/projections/read-models/deadlines/notifications.queries';
import { DeadLetter, WebhookDelivery } from '@covenant/application/notifications/webhook-delivery';
import { PartnershipScope } from '../auth/request-principal';
import { problem, ProblemException } from '../problem/problems';
import { DeadLetterListDto, NotificationPageDto, NotificationsQueryDto, RequeuedDto } from './dto/notifications.dto';

/** Who must act by when: the notification outbox kept by the deadlines read model. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'List notifications',
    description: 'One item per person who must act (the members of the tier concerned) and action: escalation responses, renewal decisions, collaborative reviews, mediation scheduling, exit steps. Filter by person, partnership, contract, kind, deadline and status; earliest deadline first.',
  })
  @ApiOkResponse({ type: NotificationPageDto })
  list(@Query() q: NotificationsQueryDto, @PartnershipScope() scope: readonly string[] | undefined): Promise<Page<NotificationView>> {
    return this.queries.execute(
      new ListNotificationsQuery(
        { personId: q.personId, partnershipId: q.partnershipId, contractId: q.contractId, kind: q.kind, dueBefore: q.dueBefore, status: q.status },
        { limit: q.limit, cursor: q.cursor },
        scope,
      ),
    );
  }
}

const NOTIFICATION_ID = /^[A-Za-z0-9._:-]{1,400}$/;

/** Webhook deliveries that failed every attempt (admin and auditor; requeue: admin). */
@ApiTags('notifications')
@Controller('notifications/dead-letters')
export class WebhookDeadLettersController {
  constructor(private readonly webhooks: WebhookDelivery) {}

  @Get()
  @ApiOperation({ summary: 'Webhook dead letters', description: 'Notifications whose webhook delivery failed COVENANT_WEBHOOK_MAX_ATTEMPTS times, with the last error.' })
  @ApiOkResponse({ type: DeadLetterListDto })
  async list(): Promise<{ items: DeadLetter[] }> {
    return { items: await this.webhooks.deadLetters() };
  }

  @Post(':notificationId/requeue')
  @HttpCode(200)
  @ApiOperation({ summary: 'Requeue a dead letter', description: 'Delivered again at the scheduler’s next round, with its attempts reset.' })
  @ApiOkResponse({ type: RequeuedDto })
  @ApiNotFoundResponse({ description: 'NOTIFICATION.NOT_DEAD_LETTER' })
  async requeue(@Param('notificationId') notificationId: string): Promise<{ notificationId: string; status: 'pending' }> {
    if (!NOTIFICATION_ID.test(notificationId)) {
      const message = 'notificationId must be 1-400 characters of letters, digits and ._:-';
      throw new ProblemException(problem(400, 'REQUEST.INVALID', 'The request is invalid', message, { errors: [{ field: 'notificationId', rule: 'id', message }] }));
    }
    if (!(await this.webhooks.requeue(notificationId, new Date().toISOString()))) {
      throw new ProblemException(problem(404, 'NOTIFICATION.NOT_DEAD_LETTER', 'No such dead letter', `no dead-lettered delivery of notification ${notificationId}`));
    }
    return { notificationId, status: 'pending' };
  }
}
