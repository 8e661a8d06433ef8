import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { HttpReply as Response } from '../http/http-types';
import { Problem, problem, problemFor } from './problems';

/** An error Fastify raises before routing (body parsing, content type), with its code and status. */
interface PlatformError {
  code?: string;
  statusCode?: number;
}

/** Problem for an error of the HTTP platform itself (a body refused before any handler ran). */
export function platformProblem(exception: unknown): Problem | null {
  const e = exception as PlatformError;
  if (!e || typeof e !== 'object' || typeof e.code !== 'string' || !e.code.startsWith('FST_')) {
    return exception instanceof SyntaxError ? problem(400, 'REQUEST.MALFORMED_JSON', 'Malformed JSON', 'The body is not valid JSON') : null;
  }
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return problem(413, 'REQUEST.TOO_LARGE', 'Request body too large', `The body exceeds ${MAX_BODY_BYTES} bytes`);
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return problem(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send application/json');
  if (e.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return problem(400, 'REQUEST.MALFORMED', 'Malformed request', 'Content-Length does not match the body');
  if (e.code.startsWith('FST_ERR_CTP')) return problem(400, 'REQUEST.MALFORMED_JSON', 'Malformed JSON', 'The body is not valid JSON');
  const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 400;
  return problem(status, 'REQUEST.MALFORMED', 'Malformed request', 'The request could not be read');
}

export const MAX_BODY_BYTES = 1_048_576;

/**
 * The one exception filter: every error becomes RFC 9457 problem+json with a stable `code`. Bad input
 * of any shape is a 4xx; an unexpected error is a 500 with no stack trace or internals in the body
 * (logged server-side with its correlation id instead).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const p = this.toProblem(exception);
    if (res.sent) return;
    res.status(p.status).type('application/problem+json').send(JSON.stringify(p));
  }

  private toProblem(exception: unknown): Problem {
    const known = problemFor(exception);
    if (known) return known;
    const platform = platformProblem(exception);
    if (platform) return platform;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) return problem(404, 'ROUTE.NOT_FOUND', 'Not Found', exception.message);
      if (status === 413) return problem(413, 'REQUEST.TOO_LARGE', 'Request body too large', 'The body exceeds 1 MB');
      if (status === 400) return problem(400, 'REQUEST.MALFORMED_JSON', 'Malformed request', exception.message);
      const title = exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
      return problem(status, `HTTP.${status}`, title, exception.message);
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return problem(500, 'INTERNAL', 'Internal Server Error', 'An unexpected error occurred; it has been logged');
  }
}
