import type { Projection } from './framework/projection';
import { auditTrailProjection } from './read-models/audit-trail/audit-trail.projection';
import { slaComplianceProjection } from './read-models/sla-compliance/sla-compliance.projection';
import { portfolioProjection } from './read-models/portfolio/portfolio.projection';
import { partnershipsProjection } from './read-models/partnerships/partnerships.projection';
import { timelineProjection } from './read-models/timeline/timeline.projection';
import { healthProjection } from './read-models/health/health.projection';
import { contractStateProjection } from './read-models/contract-state/contract-state.projection';
import { renewalsProjection } from './read-models/renewals/renewals.projection';
import { escalationsProjection } from './read-models/escalations/escalations.projection';
import { disputesProjection } from './read-models/escalations/disputes.projection';
import { changesProjection } from './read-models/changes/changes.projection';
import { accessLogProjection } from './read-models/access-log/access-log.projection';
import { deadlinesProjection } from './read-models/deadlines/deadlines.projection';

/** Every read model of the engine, in the order they are applied within a transaction. */
export const ALL_PROJECTIONS: readonly Projection[] = [auditTrailProjection, slaComplianceProjection, portfolioProjection, partnershipsProjection, timelineProjection, healthProjection, contractStateProjection, renewalsProjection, escalationsProjection, disputesProjection, changesProjection, accessLogProjection, deadlinesProjection];

export function projectionNamed(name: string): Projection | undefined {
  return ALL_PROJECTIONS.find((p) => p.name === name);
}
