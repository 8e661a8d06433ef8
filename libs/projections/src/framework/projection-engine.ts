import { AsyncRunner } from './async-runner';
import type { Projection } from './projection';
import { Projector } from './projector';
import { rebuild, RebuildProgress } from './rebuild';

export type ProjectionState = 'live' | 'catching-up' | 'rebuilding' | 'stalled';

export interface ProjectionStatus {
  name: string;
  version: number;
  mode: 'inline' | 'async';
  position: number;
  head: number;
  lag: number;
  state: ProjectionState;
  rebuildPosition: number | null;
  lastError: string | null;
}

export interface EngineOptions {
  /** How often inline projections that fell behind are caught up (ms). */
  watchdogMs?: number;
  /** A projection behind the head whose checkpoint has not moved for this long is reported stalled. */
  stallAfterMs?: number;
  log?: (message: string) => void;
  onRebuildProgress?: (name: string, progress: RebuildProgress) => void;
}

/**
 * Runs the projections of one process: creates their tables, rebuilds those whose version changed
 * (in shadow tables, in the background, while the old tables keep answering), catches up the rest,
 * then keeps them current inline or with async runners; reports lag and stalls.
 */
export class ProjectionEngine {
  private readonly runners: AsyncRunner[] = [];
  private readonly background = new Set<Promise<unknown>>();
  private readonly progress = new Map<string, { position: number; since: number }>();
  private watchdog: NodeJS.Timeout | null = null;
  private rebuilding = new Set<string>();
  private lastError: Error | null = null;

  constructor(
    readonly projector: Projector,
    private readonly options: EngineOptions = {},
  ) {}

  async start(): Promise<void> {
    const { projector } = this;
    await projector.ensureSchema();
    projector.registerInline();
    const rows = new Map((await projector.catalog()).map((r) => [r.name, r]));
    const stale = projector.projections.filter((p) => rows.get(p.name)?.version !== p.version);
    if (stale.length > 0) this.track(this.rebuildNow(stale));
    if (projector.options.mode === 'inline') {
      this.track(projector.catchUp());
      this.watchdog = setInterval(() => this.track(projector.catchUp()), this.options.watchdogMs ?? 5000);
      this.watchdog.unref();
    } else {
      for (const p of projector.projections) this.runners.push(new AsyncRunner(projector, p));
      for (const runner of this.runners) runner.start();
    }
  }

  /** Rebuilds the given projections (all by default) and waits for the swap. */
  async rebuildNow(projections: readonly Projection[] = this.projector.projections, fresh = false): Promise<number> {
    for (const p of projections) this.rebuilding.add(p.name);
    this.options.log?.(`Rebuilding ${projections.map((p) => `${p.name} v${p.version}`).join(', ')}`);
    try {
      return await rebuild(this.projector, projections, {
        fresh,
        onProgress: (progress) => projections.forEach((p) => this.options.onRebuildProgress?.(p.name, progress)),
      });
    } finally {
      for (const p of projections) this.rebuilding.delete(p.name);
    }
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.then(
      () => undefined,
      (error: Error) => {
        this.lastError = error;
        this.options.log?.(`Projection work failed: ${error.message}`);
      },
    );
    this.background.add(tracked);
    void tracked.finally(() => this.background.delete(tracked));
  }

  /** Resolves when start-up rebuilds and catch-ups have finished (tests, CLI). */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  async status(now = Date.now()): Promise<ProjectionStatus[]> {
    const head = await this.projector.store.headPosition();
    const rows = new Map((await this.projector.catalog()).map((r) => [r.name, r]));
    return this.projector.projections.map((p) => {
      const row = rows.get(p.name);
      const position = Number(row?.position ?? 0);
      const seen = this.progress.get(p.name);
      if (!seen || seen.position !== position) this.progress.set(p.name, { position, since: now });
      const still = now - (this.progress.get(p.name)?.since ?? now);
      const runner = this.runners.find((r) => r.projection === p);
      const lag = Math.max(0, head - position);
      const error = runner?.lastError ?? null;
      const state: ProjectionState = this.rebuilding.has(p.name) || row?.version !== p.version
        ? 'rebuilding'
        : lag === 0
          ? 'live'
          : error || still >= (this.options.stallAfterMs ?? 30_000)
            ? 'stalled'
            : 'catching-up';
      return {
        name: p.name,
        version: p.version,
        mode: this.projector.options.mode,
        position,
        head,
        lag,
        state,
        rebuildPosition: row?.rebuild_position === null || row?.rebuild_position === undefined ? null : Number(row.rebuild_position),
        lastError: (error ?? (lag > 0 ? this.lastError : null))?.message ?? null,
      };
    });
  }

  async stop(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    await Promise.all(this.runners.map((r) => r.stop()));
    await Promise.allSettled([...this.background]);
  }
}
