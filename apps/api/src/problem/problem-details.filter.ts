import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';

/** RFC 9457 problem+json for every error; never a stack trace in a response. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    let status = 500;
    let title = 'Internal Server Error';
    let code = 'INTERNAL';
    let detail = 'An unexpected error occurred';
    if (exception instanceof HttpException) {
      status = exception.getStatus();
      title = exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
      code = status === 404 ? 'NOT_FOUND' : `HTTP.${status}`;
      detail = exception.message;
    } else {
      this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    }
    res.status(status).type('application/problem+json').send(
      JSON.stringify({ type: `https://covenant.dev/problems/${code.toLowerCase().replace(/[._]/g, '-')}`, title, status, detail, code }),
    );
  }
}
