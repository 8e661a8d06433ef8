import type { Type } from '@nestjs/common';
import { AUDIT_TRAIL_QUERY_HANDLERS } from './read-models/audit-trail/audit-trail.queries';

/** Every read model's @nestjs/cqrs query handlers, registered by the application's ProjectionsModule. */
export const READ_MODEL_QUERY_HANDLERS: Type[] = [...AUDIT_TRAIL_QUERY_HANDLERS];
