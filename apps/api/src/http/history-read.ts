import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, Observable, switchMap } from 'rxjs';
import { AccessLog, HistoryReadAction } from '@covenant/application/access-log/access-log';
import { headerOf, HttpRequest } from './http-types';
import { principalOf } from '../auth/request-principal';

interface HistoryReadSpec {
  action: HistoryReadAction;
  /** The stream read, from the route's params and query. */
  resource(params: Record<string, string>, query: Record<string, string>): string | null;
}

const HISTORY_READ = 'covenant:history-read';

/**
 * Records the read in the access log once the handler has answered, before the answer is sent: a read
 * of history that cannot be recorded is not served. The reader is the token's subject, whatever the
 * role (QUALITY.md asks for auditors' and mediators' reads; an auditor also wants to see the others').
 */
@Injectable()
export class HistoryReadInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessLog: AccessLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<HistoryReadSpec | undefined>(HISTORY_READ, context.getHandler());
    if (!spec) return next.handle();
    const req = context.switchToHttp().getRequest<HttpRequest>();
    const params = (req.params ?? {}) as Record<string, string>;
    const query = Object.fromEntries(Object.entries((req.query ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    const resource = spec.resource(params, query);
    if (resource === null) return next.handle();
    return next.handle().pipe(
      switchMap((body) =>
        from(
          this.accessLog
            .record({ actorId: principalOf(req).actorId, action: spec.action, resource, query }, headerOf(req, 'x-correlation-id'))
            .then(() => body),
        ),
      ),
    );
  }
}

/** Marks a route as a read of history, recorded in the access log. */
export const RecordsHistoryRead = (action: HistoryReadAction, resource: HistoryReadSpec['resource']) =>
  applyDecorators(SetMetadata(HISTORY_READ, { action, resource }), UseInterceptors(HistoryReadInterceptor));
