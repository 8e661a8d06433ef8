import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventFeedPage, ReadEventFeedQuery } from '@covenant/application/queries/read-event-feed.query';
import { EventFeedPageDto, EventFeedQueryDto } from './dto/event-feed.dto';

/** The global feed for integrations: every stored event, in position order, a page at a time. */
@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Global event feed',
    description: 'Events with position > after, in position order, each the full stored envelope (with its hash chain). Poll with the returned nextAfter.',
  })
  @ApiOkResponse({ type: EventFeedPageDto, description: 'A page of the feed: `items` in position order and `nextAfter` to ask from next' })
  feed(@Query() q: EventFeedQueryDto): Promise<EventFeedPage> {
    return this.queries.execute(new ReadEventFeedQuery({ after: q.after, limit: q.limit, types: q.types, categories: q.categories }));
  }
}
