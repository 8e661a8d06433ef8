import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventEnvelope, EventStore } from '@covenant/event-store';

export const EVENT_FEED_DEFAULT_LIMIT = 50;
export const EVENT_FEED_MAX_LIMIT = 500;

/** One page of the global feed: events in position order and the checkpoint to ask from next. */
export interface EventFeedPage {
  items: EventEnvelope[];
  /** Position of the last item, or the `after` asked for when the page is empty. */
  nextAfter: number;
}

export interface EventFeedRequest {
  /** Exclusive: events with position > after (0 reads from the start). */
  after?: number;
  /** 1..EVENT_FEED_MAX_LIMIT, default EVENT_FEED_DEFAULT_LIMIT. */
  limit?: number;
  types?: string[];
  categories?: string[];
}

/** The global feed for integrations (`GET /events`): a page of the store's log after a position. */
export class ReadEventFeedQuery extends Query<EventFeedPage> {
  constructor(readonly request: EventFeedRequest) {
    super();
  }
}

@QueryHandler(ReadEventFeedQuery)
export class ReadEventFeedHandler implements IQueryHandler<ReadEventFeedQuery, EventFeedPage> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ request }: ReadEventFeedQuery): Promise<EventFeedPage> {
    const after = request.after ?? 0;
    const limit = Math.min(request.limit ?? EVENT_FEED_DEFAULT_LIMIT, EVENT_FEED_MAX_LIMIT);
    const items: EventEnvelope[] = [];
    for await (const event of this.store.readAll({ after, limit, types: nonEmpty(request.types), categories: nonEmpty(request.categories) })) {
      items.push(event);
      if (items.length >= limit) break;
    }
    return { items, nextAfter: items.length > 0 ? items[items.length - 1].position : after };
  }
}

function nonEmpty(list: string[] | undefined): string[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

export const EVENT_FEED_QUERY_HANDLERS = [ReadEventFeedHandler];
