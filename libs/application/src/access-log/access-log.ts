import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@covenant/event-store';

/** The stream every read of history is recorded in (QUALITY.md: reads of history are themselves recorded). */
export const ACCESS_LOG_STREAM = 'access-log';
export const HISTORY_READ = 'HistoryRead';

export const HISTORY_READ_ACTIONS = ['history', 'replay', 'timeline', 'export'] as const;
export type HistoryReadAction = (typeof HISTORY_READ_ACTIONS)[number];

export interface HistoryRead {
  /** Who read (the acting person; `anonymous` when the request named nobody). */
  actorId: string;
  action: HistoryReadAction;
  /** The stream read, e.g. `contract-msa-1` or `partnership-acme-globex`. */
  resource: string;
  /** The query as asked (asOf, knownAt, filters), so an auditor sees exactly what was shown. */
  query: Record<string, string>;
}

/**
 * Records reads of history (audit trails, replays, timelines, evidence exports) as events, before the
 * answer leaves: if the record cannot be written, the read fails rather than go unrecorded. Being
 * events, the records are hash-chained, covered by checkpoints and verifiable like everything else.
 */
@Injectable()
export class AccessLog {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async record(read: HistoryRead, correlationId?: string): Promise<void> {
    await this.store.appendToStream(
      ACCESS_LOG_STREAM,
      [{ type: HISTORY_READ, schemaVersion: 1, data: read, metadata: { actorId: read.actorId, ...(correlationId ? { correlationId } : {}) } }],
      { expectedVersion: 'any' },
    );
  }
}
