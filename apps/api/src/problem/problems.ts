import { DOMAIN_ERROR_CODES, DomainError } from '@covenant/domain';
import { DuplicateEventIdError, InvalidEventError, UnsupportedOperationError, WrongExpectedVersionError } from '@covenant/event-store';
import { IdempotencyKeyReusedError } from '@covenant/application/idempotency/idempotency-store';
import { InvalidCursorError } from '@covenant/projections/framework/pagination';

/** RFC 9457 problem details with Covenant's stable `code` and, for validation, the failing fields. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ field: string; rule: string; message: string }>;
  [extension: string]: unknown;
}

export function problem(status: number, code: string, title: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: `https://covenant.dev/problems/${code.toLowerCase().replace(/[._]/g, '-')}`, title, status, detail, code, ...extra };
}

/** Thrown by the edge itself (validation, missing actor, bad If-Match) with a ready problem. */
export class ProblemException extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

const STATUS_BY_KIND = { invalid: 400, 'not-found': 404, conflict: 409, forbidden: 403 } as const;

/** Known errors of the domain, the store and the application, mapped to their problem; else null. */
export function problemFor(err: unknown): Problem | null {
  if (err instanceof ProblemException) return err.problem;
  if (err instanceof DomainError) {
    const meta = DOMAIN_ERROR_CODES[err.code];
    const status = STATUS_BY_KIND[meta.kind];
    const errors = (err.details?.errors as Problem['errors']) ?? undefined;
    const details = err.details && !errors ? { details: err.details } : {};
    return problem(status, err.code, meta.title, err.message, { ...(errors ? { errors } : {}), ...details });
  }
  if (err instanceof WrongExpectedVersionError) {
    return problem(409, 'CONCURRENCY.VERSION_MISMATCH', 'The resource changed since the version you sent', err.message, {
      expectedVersion: err.expected,
      actualVersion: err.actual,
    });
  }
  if (err instanceof IdempotencyKeyReusedError) {
    return problem(422, err.code, 'Idempotency-Key reused with a different request', err.message);
  }
  if (err instanceof InvalidEventError) {
    return problem(400, err.code, 'Invalid event', err.message, { errors: [{ field: err.field, rule: 'valid', message: err.reason }] });
  }
  if (err instanceof DuplicateEventIdError) return problem(409, err.code, 'Event id already used', err.message);
  if (err instanceof InvalidCursorError) {
    return problem(400, 'REQUEST.INVALID_CURSOR', 'The request is invalid', err.message, { errors: [{ field: 'cursor', rule: 'cursor', message: err.message }] });
  }
  if (err instanceof UnsupportedOperationError) return problem(501, err.code, 'Not supported by this store', err.message);
  return null;
}
