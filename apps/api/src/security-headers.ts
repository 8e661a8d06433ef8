import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/*
 * Security headers on every answer. The API serves JSON; only Swagger UI at /docs needs its own scripts
 * and styles, so the policy allows 'self' and nothing from elsewhere.
 */
const policy = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`, `'unsafe-inline'`],
      styleSrc: [`'self'`, `'unsafe-inline'`],
      imgSrc: [`'self'`, 'data:'],
      frameAncestors: [`'none'`],
    },
  },
});

/**
 * What helmet sets with this configuration, recorded once at start-up: with no directive computed per
 * request, every answer gets the same headers, so the hook hands Fastify one object instead of running
 * helmet's thirteen middlewares (and thirteen checked `setHeader` calls) per request.
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void (headers[name] = String(value)),
    removeHeader: () => undefined,
  };
  let failure: unknown;
  policy({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => void (failure = error));
  if (failure) throw failure;
  if (!headers['Content-Security-Policy']) throw new Error('helmet set no Content-Security-Policy: the recorder missed its headers');
  return headers;
}
