import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { LogIntegrityError } from '@covenant/event-store';
import { COVENANT_CONFIG } from '../config/config.module';
import type { CovenantConfig } from '../config/covenant-config';
import { AuditLog } from './audit-log';

/** How often the head is compared with the latest checkpoint: one cheap query a second. */
export const CHECKPOINTER_POLL_MS = 1000;

/**
 * Issues signed checkpoints in the API process: once COVENANT_CHECKPOINT_EVERY_EVENTS events are
 * uncovered, or once COVENANT_CHECKPOINT_EVERY_SECONDS have passed since the latest checkpoint with
 * any event uncovered. Polling the head (rather than following appends) makes it indifferent to which
 * process appended; several API processes on one PostgreSQL database may all run it, the chain's seq
 * key lets exactly one of them issue each checkpoint. A log that fails its checks is not signed: the
 * error is logged once, and checkpoints resume only when the log is repaired (covenant verify).
 */
@Injectable()
export class Checkpointer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Checkpointer');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly startedAt = Date.now();
  private lastProblem = '';

  constructor(
    private readonly audit: AuditLog,
    @Inject(COVENANT_CONFIG) private readonly config: CovenantConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.audit.supported || !this.audit.key) return;
    this.timer = setInterval(() => void this.tick(), CHECKPOINTER_POLL_MS);
    // Never the reason a process stays alive (CLI contexts, tests).
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One look at the log; a tick still running is not overlapped. */
  tick(): Promise<void> {
    this.running ??= this.checkpointIfDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async checkpointIfDue(): Promise<void> {
    try {
      const latest = await this.audit.latestCheckpoint();
      const head = await this.audit.store.headPosition();
      const uncovered = head - (latest?.treeSize ?? 0);
      if (uncovered <= 0) return;
      const since = latest ? Date.parse(latest.issuedAt) : this.startedAt;
      const due = uncovered >= this.config.checkpointEveryEvents || Date.now() - since >= this.config.checkpointEverySeconds * 1000;
      if (!due) return;
      const result = await this.audit.issueCheckpoint();
      if (result.issued) this.logger.debug(`checkpoint ${result.checkpoint.seq}: tree size ${result.checkpoint.treeSize}, root ${result.checkpoint.rootHash}`);
      this.lastProblem = '';
    } catch (err) {
      // The store closing under a tick at shutdown is not worth a log line.
      if (!this.timer) return;
      const message = err instanceof Error ? err.message : String(err);
      if (message === this.lastProblem) return;
      this.lastProblem = message;
      if (err instanceof LogIntegrityError) this.logger.error(`not signing a checkpoint: ${message}`);
      else this.logger.warn(`checkpoint failed: ${message}`);
    }
  }
}
