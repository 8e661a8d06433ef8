import { Param, PipeTransform } from '@nestjs/common';
import { ID_PATTERN } from './dto/common.dto';
import { problem, ProblemException } from '../problem/problems';

class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
      const message = `${this.name} must be 1-100 characters of letters, digits and ._:-`;
      throw new ProblemException(problem(400, 'REQUEST.INVALID', 'The request is invalid', message, { errors: [{ field: this.name, rule: 'id', message }] }));
    }
    return value;
  }
}

/** A path id, checked like body ids so a malformed one is a 400 naming it, never a bad stream id. */
export const IdParam = (name = 'id') => Param(name, new IdPipe(name));
