import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsISO8601, IsObject, IsString, Matches, MaxLength, registerDecorator, ValidateIf, ValidateNested, ValidationArguments } from 'class-validator';
import { ISO_INSTANT } from './common.dto';

/** The domain's instant: ISO-8601 date and time with a zone (Z or ±hh:mm), a real calendar date. */
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** A decimal string (measurements, targets): never a JSON number, so no float ever reaches the domain. */
export const DECIMAL_PATTERN = /^-?\d{1,30}(\.\d{1,18})?$/;
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export function IsInstant(): PropertyDecorator {
  return applyDecorators(
    IsISO8601(ISO_INSTANT),
    Matches(INSTANT_PATTERN, { message: '$property must be an ISO-8601 instant with a time zone, e.g. 2026-03-02T09:00:00Z' }),
  );
}

/**
 * A nested object, validated as its class. `@ValidateNested` alone lets an absent (or null) object
 * through, so this also requires an object; wrap it in `@IsOptional()` for an optional one.
 */
export function Nested(type: () => new () => object): PropertyDecorator {
  return applyDecorators(IsObject({ message: '$property must be an object' }), ValidateNested(), Type(type));
}

/** Free text: a string with something in it, at most `max` characters. */
export function Text(max: number): PropertyDecorator {
  return applyDecorators(IsString(), MaxLength(max), Matches(/\S/, { message: '$property must not be blank' }));
}

export function IsDecimalString(): PropertyDecorator {
  return applyDecorators(IsString(), Matches(DECIMAL_PATTERN, { message: '$property must be a decimal string like "99.95"' }));
}

function belongsTo(field: string, value: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'onlyFor',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [field, value],
      options: { message: `$property applies only when ${field} is ${value}` },
      validator: { validate: (_v: unknown, args: ValidationArguments) => (args.object as Record<string, unknown>)[field] === value },
    });
}

/**
 * A property of one variant of a request (`kind: 'weekly'`, `decision: 'decline'`): validated, and
 * required unless `optional`, when `field` has that value; refused (400 naming it) under any other.
 */
export function OnlyFor(field: string, value: string, optional = false): PropertyDecorator {
  return applyDecorators(
    ValidateIf((o: Record<string, unknown>, v: unknown) => v !== undefined || (!optional && o[field] === value)),
    belongsTo(field, value),
  );
}
