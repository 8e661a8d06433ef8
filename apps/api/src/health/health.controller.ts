import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, EventStore } from '@covenant/event-store';

/** Liveness and store readiness: 200 when the store answers, 503 (problem+json) when it does not. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOkResponse({ description: 'The engine is up and its event store answers.' })
  @ApiServiceUnavailableResponse({ description: 'The event store does not answer.' })
  async health(@Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    try {
      await this.store.ping();
      const head = await this.store.headPosition();
      return { status: 'ok', store: { kind: this.store.kind, ready: true, headPosition: head } };
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
