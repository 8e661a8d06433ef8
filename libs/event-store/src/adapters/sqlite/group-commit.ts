import type { AppendOptions, AppendResult } from '../../envelope';
import type { PreparedEvent } from '../../validation';

/** One append waiting for the next group commit. */
export interface PendingAppend {
  streamId: string;
  prepared: PreparedEvent[];
  data: unknown[];
  options: AppendOptions;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export interface GroupOutcome {
  pending: PendingAppend;
  result?: AppendResult;
  error?: unknown;
}

/**
 * Group commit: the appends requested during one turn of the event loop commit in one transaction,
 * each inside its own savepoint, so one append's conflict or failure rolls back only that append. A
 * commit costs far more than an event (every page the transaction touched, in the events table, its
 * indexes and every inline read model, is written to the WAL once per commit), so under concurrent
 * commands this is what keeps throughput up; a lone append waits one event-loop turn at most.
 */
export class GroupCommit {
  private queue: PendingAppend[] = [];
  private scheduled = false;

  constructor(
    /** Runs the batch in one IMMEDIATE transaction; returns each append's outcome, or throws if the commit failed. */
    private readonly commit: (batch: PendingAppend[]) => GroupOutcome[],
    /** Settles one append once its batch is committed (maps errors, resolves or rejects). */
    private readonly settle: (outcome: GroupOutcome) => void,
    private readonly committed: (batch: PendingAppend[]) => void,
  ) {}

  enqueue(pending: PendingAppend): void {
    this.queue.push(pending);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Commits whatever is queued now (also called before the store closes). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    let outcomes: GroupOutcome[];
    try {
      outcomes = this.commit(batch);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    this.committed(batch);
    for (const outcome of outcomes) {
      try {
        this.settle(outcome);
      } catch (error) {
        outcome.pending.reject(error);
      }
    }
  }
}
