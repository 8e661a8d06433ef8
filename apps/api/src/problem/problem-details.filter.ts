import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { Problem, problem, problemFor } from './problems';

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  limit?: number;
}

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
    if (res.headersSent) return;
    res.status(p.status).type('application/problem+json').send(JSON.stringify(p));
  }

  private toProblem(exception: unknown): Problem {
    const known = problemFor(exception);
    if (known) return known;
    const bp = exception as BodyParserError;
    if (bp && typeof bp === 'object' && typeof bp.type === 'string') {
      if (bp.type === 'entity.too.large') return problem(413, 'REQUEST.TOO_LARGE', 'Request body too large', `The body exceeds ${bp.limit ?? 1048576} bytes`);
      if (bp.type === 'entity.parse.failed') return problem(400, 'REQUEST.MALFORMED_JSON', 'Malformed JSON', 'The body is not valid JSON');
      if (bp.type === 'encoding.unsupported' || bp.type === 'charset.unsupported') {
        return problem(415, 'REQUEST.UNSUPPORTED_ENCODING', 'Unsupported encoding', 'Send UTF-8 JSON');
      }
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) return problem(404, 'ROUTE.NOT_FOUND', 'Not Found', exception.message);
      // Nest wraps body-parser's errors: a body over the limit, or a body that is not JSON.
      if (status === 413) return problem(413, 'REQUEST.TOO_LARGE', 'Request body too large', 'The body exceeds 1 MB');
      if (status === 400) return problem(400, 'REQUEST.MALFORMED_JSON', 'Malformed request', exception.message);
      const title = exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
      return problem(status, `HTTP.${status}`, title, exception.message);
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return problem(500, 'INTERNAL', 'Internal Server Error', 'An unexpected error occurred; it has been logged');
  }
}
