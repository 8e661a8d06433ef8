import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HttpReply as Response } from '../http/http-types';
import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { ProjectionEngine } from '@covenant/projections/framework/projection-engine';

/**
 * Liveness and store readiness: 200 when the store answers, 503 (problem+json) when it does not. The
 * read models are reported too: `status` is `degraded` (still 200: commands are served) while a
 * projection is stalled, with the stalled ones named.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionEngine,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The engine is up and its event store answers; each read model with its state (live, catching-up, rebuilding, stalled) and lag.' })
  @ApiServiceUnavailableResponse({ description: 'The event store does not answer.' })
  async health(@Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    try {
      await this.store.ping();
      const head = await this.store.headPosition();
      const projections = (await this.projections.status()).map(({ name, mode, state, position, lag, lastError }) => ({ name, mode, state, position, lag, lastError }));
      const stalled = projections.filter((p) => p.state === 'stalled').map((p) => p.name);
      return {
        status: stalled.length > 0 ? 'degraded' : 'ok',
        store: { kind: this.store.kind, ready: true, headPosition: head },
        projections,
        ...(stalled.length > 0 ? { stalled } : {}),
      };
    } catch (err) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE).type('application/problem+json');
      return {
        type: 'https://covenant.dev/problems/store-unavailable',
        title: 'Event store unavailable',
        status: 503,
        code: 'STORE.UNAVAILABLE',
        detail: err instanceof Error ? err.message : 'The event store did not answer',
        store: { kind: this.store.kind, ready: false },
      };
    }
  }
}
