import {
  GovernanceCharterAdopted,
  GovernanceMemberAppointed,
  GovernanceMemberRemoved,
  PARTNERSHIP_EVENT_TYPES,
  PartnershipFormed,
  PartnershipStageChanged,
} from '@covenant/domain';
import type { ProjectedEvent, Projection, SqlOp } from '../../framework/projection';
import type { SqlOps } from '../../framework/sql-ops';
import { stableJson } from './stable-json';
import { canonicalInstant } from './instant';
import { PARTNERSHIP_MEMBERS_TABLE, PARTNERSHIPS_TABLE } from './partnerships.tables';

type Gen = Generator<SqlOp, void, unknown>;

/** Version, position and record time of the event, applied once: the row must be behind the event. */
const TOUCH = 'version = ?, last_position = ?, updated_at = ? WHERE partnership_id = ? AND last_position < ?';

function* update(sql: SqlOps, e: ProjectedEvent, sets: string, params: readonly unknown[]): Gen {
  const partnershipId = (e.data as { partnershipId: string }).partnershipId;
  yield* sql.run(`UPDATE {rm_partnerships} SET ${sets}${sets ? ', ' : ''}${TOUCH}`, [...params, e.version, e.position, e.recordedAt, partnershipId, e.position]);
}

function* formed(sql: SqlOps, e: ProjectedEvent<PartnershipFormed['data']>): Gen {
  const d = e.data;
  yield* sql.run(
    `INSERT INTO {rm_partnerships} (partnership_id, name, stage, parties, party_ids, charter_version, charter_tiers, business_review_cadence_days,
      business_reviews, last_business_review_at, formed_at, version, last_position, updated_at)
     VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, 0, NULL, ?, ?, ?, ?) ON CONFLICT (partnership_id) DO NOTHING`,
    [d.partnershipId, d.name, d.stage, stableJson(d.parties), `,${d.parties.map((p) => p.partyId).join(',')},`, e.occurredAt, e.version, e.position, e.recordedAt],
  );
}

function* appointed(sql: SqlOps, e: ProjectedEvent<GovernanceMemberAppointed['data']>): Gen {
  const d = e.data;
  yield* sql.run(
    `INSERT INTO {rm_partnership_members} (partnership_id, person_id, appointed_position, name, party_id, tier, seated_from, seated_until, active,
      removal_reason, removed_position) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 1, NULL, NULL)
     ON CONFLICT (partnership_id, person_id, appointed_position) DO NOTHING`,
    [d.partnershipId, d.personId, e.position, d.name, d.partyId, d.tier, canonicalInstant(d.from)],
  );
  yield* update(sql, e, '', []);
}

/**
 * As the domain does it: the removal closes the person's open seat. Only a seat taken before the
 * removal can be closed by it, so re-applying an old removal never closes a later re-appointment.
 */
function* removed(sql: SqlOps, e: ProjectedEvent<GovernanceMemberRemoved['data']>): Gen {
  const d = e.data;
  yield* sql.run(
    `UPDATE {rm_partnership_members} SET seated_until = ?, active = 0, removal_reason = ?, removed_position = ?
     WHERE partnership_id = ? AND person_id = ? AND active = 1 AND appointed_position < ?`,
    [canonicalInstant(d.until), d.reason, e.position, d.partnershipId, d.personId, e.position],
  );
  yield* update(sql, e, '', []);
}

/**
 * Partnerships for committees: name, parties, life stage, the charter in force (version, tiers and
 * decision rights, business-review cadence), business reviews held, and every governance seat. Every
 * partnership event moves `version`, so the row is always at the stream's head (the ETag).
 */
export const partnershipsProjection: Projection = {
  name: 'partnerships',
  version: 1,
  handles: PARTNERSHIP_EVENT_TYPES,
  tables: [PARTNERSHIPS_TABLE, PARTNERSHIP_MEMBERS_TABLE],
  *apply(event, sql) {
    switch (event.type) {
      case 'PartnershipFormed':
        return yield* formed(sql, event as ProjectedEvent<PartnershipFormed['data']>);
      case 'GovernanceCharterAdopted': {
        const d = (event as ProjectedEvent<GovernanceCharterAdopted['data']>).data;
        return yield* update(sql, event, 'charter_version = ?, charter_tiers = ?, business_review_cadence_days = ?', [
          d.charterVersion,
          stableJson(d.tiers),
          d.businessReviewCadenceDays,
        ]);
      }
      case 'GovernanceMemberAppointed':
        return yield* appointed(sql, event as ProjectedEvent<GovernanceMemberAppointed['data']>);
      case 'GovernanceMemberRemoved':
        return yield* removed(sql, event as ProjectedEvent<GovernanceMemberRemoved['data']>);
      case 'BusinessReviewHeld':
        // Reviews may be recorded late: the latest review is the latest by when it was held.
        return yield* update(
          sql,
          event,
          'business_reviews = business_reviews + 1, last_business_review_at = CASE WHEN last_business_review_at IS NULL OR last_business_review_at < ? THEN ? ELSE last_business_review_at END',
          [event.occurredAt, event.occurredAt],
        );
      case 'PartnershipStageChanged':
        return yield* update(sql, event, 'stage = ?', [(event as ProjectedEvent<PartnershipStageChanged['data']>).data.to]);
      default:
        return yield* update(sql, event, '', []);
    }
  },
};
