import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ProjectionStatus } from '@covenant/projections/framework/projection-engine';
import type { EventStore } from '@covenant/event-store';
import type { AppendObserver, AppendOutcome } from '@covenant/application/store/instrumented-event-store';

const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const APPEND_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** Label of requests no route matched (unknown paths, bodies refused before routing): never the raw URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The application's Prometheus metrics, in a registry of its own (not prom-client's global default),
 * so several apps in one process (the e2e tests) each count their own.
 */
@Injectable()
export class CovenantMetrics implements AppendObserver {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: 'covenant_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'covenant_http_request_duration_seconds',
    help: 'HTTP request latency in seconds, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  private readonly appends = new Counter({
    name: 'covenant_event_store_appends_total',
    help: 'Event store appends, by store kind and outcome (ok, conflict, error)',
    labelNames: ['store', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly appendDuration = new Histogram({
    name: 'covenant_event_store_append_duration_seconds',
    help: 'Event store append latency in seconds, by store kind and outcome (ok, conflict, error)',
    labelNames: ['store', 'outcome'] as const,
    buckets: APPEND_BUCKETS,
    registers: [this.registry],
  });

  private readonly projectionLag = new Gauge({
    name: 'covenant_projection_lag_events',
    help: 'Events between the head of the log and a projection checkpoint, by projection and mode',
    labelNames: ['projection', 'mode'] as const,
    registers: [this.registry],
  });

  private readonly projectionPosition = new Gauge({
    name: 'covenant_projection_position',
    help: 'Global position a projection has applied, by projection',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  private readonly projectionStalled = new Gauge({
    name: 'covenant_projection_stalled',
    help: '1 when a projection is behind and its checkpoint has not moved for the stall interval (or its runner fails)',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  httpObserved(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  appendObserved(store: EventStore['kind'], outcome: AppendOutcome, seconds: number): void {
    this.appends.inc({ store, outcome });
    this.appendDuration.observe({ store, outcome }, seconds);
  }

  projectionsObserved(statuses: readonly ProjectionStatus[]): void {
    for (const s of statuses) {
      this.projectionLag.set({ projection: s.name, mode: s.mode }, s.lag);
      this.projectionPosition.set({ projection: s.name }, s.position);
      this.projectionStalled.set({ projection: s.name }, s.state === 'stalled' ? 1 : 0);
    }
  }

  /** The exposition text, and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
