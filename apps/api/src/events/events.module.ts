import { Module } from '@nestjs/common';
import { EVENT_FEED_QUERY_HANDLERS } from '@covenant/application/queries/read-event-feed.query';
import { EventsController } from './events.controller';

/** `GET /events`: the controller and its application-layer query handler (the QueryBus comes from CqrsModule). */
@Module({
  controllers: [EventsController],
  providers: [...EVENT_FEED_QUERY_HANDLERS],
})
export class EventsModule {}
