import type { FastifyInstance } from 'fastify';
import { CovenantMetrics, UNMATCHED_ROUTE } from './covenant-metrics';

/**
 * Counts and times every request once its response is sent, so the status is the one sent, including
 * errors turned into problem+json and bodies refused before routing. The label is the matched route's
 * template (`/partnerships/:id/charter`), never the raw URL with its ids.
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: CovenantMetrics): void {
  fastify.addHook('onResponse', (req, reply, done) => {
    const template = reply.statusCode === 404 && !req.routeOptions.url ? UNMATCHED_ROUTE : (req.routeOptions.url ?? UNMATCHED_ROUTE);
    metrics.httpObserved(req.method, template, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
