import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { CovenantMetrics, UNMATCHED_ROUTE } from './covenant-metrics';

/** The matched route's template (`/partnerships/:id/charter`), never the raw URL with its ids. */
function routeTemplate(req: Request): string {
  const route: unknown = req.route;
  const path = route && typeof route === 'object' ? (route as { path?: unknown }).path : undefined;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` || '/' : UNMATCHED_ROUTE;
}

/**
 * Counts and times every request once its response is finished, so the status is the one sent,
 * including errors turned into problem+json by the exception filter and bodies refused by the body
 * parser. Installed first, before the body parser, in createApp.
 */
export function httpMetricsMiddleware(metrics: CovenantMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      metrics.httpObserved(req.method, routeTemplate(req), res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
