import type { Type } from '@nestjs/common';
import { AUDIT_TRAIL_QUERY_HANDLERS } from './read-models/audit-trail/audit-trail.queries';
import { SLA_COMPLIANCE_QUERY_HANDLERS } from './read-models/sla-compliance/sla-compliance.queries';
import { PORTFOLIO_QUERY_HANDLERS } from './read-models/portfolio/portfolio.queries';
import { PARTNERSHIPS_QUERY_HANDLERS } from './read-models/partnerships/partnerships.queries';
import { TIMELINE_QUERY_HANDLERS } from './read-models/timeline/timeline.queries';
import { HEALTH_QUERY_HANDLERS } from './read-models/health/health.queries';
import { CONTRACT_STATE_QUERY_HANDLERS } from './read-models/contract-state/contract-state.queries';
import { RENEWALS_QUERY_HANDLERS } from './read-models/renewals/renewals.queries';
import { ESCALATIONS_QUERY_HANDLERS } from './read-models/escalations/escalations.queries';
import { DISPUTES_QUERY_HANDLERS } from './read-models/escalations/disputes.queries';
import { CHANGES_QUERY_HANDLERS } from './read-models/changes/changes.queries';
import { ACCESS_LOG_QUERY_HANDLERS } from './read-models/access-log/access-log.queries';
import { NOTIFICATIONS_QUERY_HANDLERS } from './read-models/deadlines/notifications.queries';

/** Every read model's @nestjs/cqrs query handlers, registered by the application's ProjectionsModule. */
export const READ_MODEL_QUERY_HANDLERS: Type[] = [...AUDIT_TRAIL_QUERY_HANDLERS, ...SLA_COMPLIANCE_QUERY_HANDLERS, ...PORTFOLIO_QUERY_HANDLERS, ...PARTNERSHIPS_QUERY_HANDLERS, ...TIMELINE_QUERY_HANDLERS, ...HEALTH_QUERY_HANDLERS, ...CONTRACT_STATE_QUERY_HANDLERS, ...RENEWALS_QUERY_HANDLERS, ...ESCALATIONS_QUERY_HANDLERS, ...DISPUTES_QUERY_HANDLERS, ...CHANGES_QUERY_HANDLERS, ...ACCESS_LOG_QUERY_HANDLERS, ...NOTIFICATIONS_QUERY_HANDLERS];
