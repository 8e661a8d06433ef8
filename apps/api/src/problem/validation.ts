import { ValidationError, ValidationPipe } from '@nestjs/common';
import { problem, ProblemException } from './problems';
import { rememberValidationMetadata } from './validation-metadata-cache';

/** Flattens nested class-validator errors into `{ field: 'terms.slas[0].target', rule, message }`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): Array<{ field: string; rule: string; message: string }> {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknownField' : rule,
      message: rule === 'whitelistValidation' ? `${field} is not a field of this request` : message,
    }));
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/** Whitelist, forbid unknown fields, transform; every failure is a 400 problem naming each field. */
export function covenantValidationPipe(): ValidationPipe {
  rememberValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const list = flattenValidationErrors(errors);
      return new ProblemException(
        problem(400, 'REQUEST.INVALID', 'The request is invalid', list.map((e) => e.message).join('; ') || 'Invalid request', { errors: list }),
      );
    },
  });
}
