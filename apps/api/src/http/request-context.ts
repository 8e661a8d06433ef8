import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { headerOf, HttpRequest } from './http-types';
import canonicalize from 'canonicalize';
import { hash, randomUUID } from 'node:crypto';
import type { RequestContext } from '@covenant/application/commands/command-gateway';
import { problem, ProblemException } from '../problem/problems';
import { principalOf } from '../auth/request-principal';
import { TOKEN_ID } from '@covenant/application/auth/principal';


function bad(field: string, rule: string, message: string): never {
  throw new ProblemException(problem(400, 'REQUEST.INVALID_HEADER', 'Invalid header', message, { errors: [{ field, rule, message }] }));
}

/** `If-Match: 3`, `"3"` or `W/"3"` → 3; absent → undefined. */
export function parseIfMatch(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const m = /^(?:W\/)?"?(-?\d{1,15})"?$/.exec(raw.trim());
  if (!m || Number(m[1]) < -1) bad('If-Match', 'version', 'If-Match must be a stream version as sent in ETag, e.g. "3"');
  return Number(m[1]);
}

/**
 * Who and how for a command, from the verified token and headers only (never the body): the acting
 * person is the token's subject, and decision rights are checked against it.
 */
export function requestContextOf(req: HttpRequest, successStatus: number): RequestContext {
  const { actorId } = principalOf(req);
  const correlation = headerOf(req, 'x-correlation-id');
  if (correlation !== undefined && !TOKEN_ID.test(correlation)) bad('X-Correlation-Id', 'id', 'X-Correlation-Id must be 1-200 characters of letters, digits and ._:@-');
  const key = headerOf(req, 'idempotency-key');
  if (key !== undefined && (key.length === 0 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key))) {
    bad('Idempotency-Key', 'key', 'Idempotency-Key must be 1-200 visible ASCII characters');
  }
  const requestHash = key ? hash('sha256', `${req.method} ${req.url.split('?')[0]}\n${canonicalize(req.body ?? null) ?? ''}`, 'hex') : '';
  return {
    actorId,
    correlationId: correlation ?? randomUUID(),
    expectedVersion: parseIfMatch(headerOf(req, 'if-match')),
    idempotency: key ? { key, requestHash } : undefined,
    successStatus,
  };
}

/** `@Ctx(201)` in a command handler method: the request's RequestContext. */
export const Ctx = createParamDecorator((successStatus: number | undefined, ctx: ExecutionContext) =>
  requestContextOf(ctx.switchToHttp().getRequest<HttpRequest>(), successStatus ?? 200),
);
