import { DOMAIN_ERROR_CODES, DomainErrorCode } from './error-codes';

/** A rule said no. The one error type decide throws; `code` is stable and documented. */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? DOMAIN_ERROR_CODES[code].title);
  }
}

export function fail(code: DomainErrorCode, message?: string, details?: Record<string, unknown>): never {
  throw new DomainError(code, message, details);
}

/** A malformed field: one `COMMAND.INVALID` with the same shape as the HTTP validation errors. */
export function invalid(field: string, rule: string, message?: string): never {
  const text = message ?? `${field}: ${rule}`;
  throw new DomainError('COMMAND.INVALID', text, { errors: [{ field, rule, message: text }] });
}

export function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(x)}`);
}
