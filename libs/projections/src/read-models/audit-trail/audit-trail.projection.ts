import { ALL_EVENT_TYPES } from '@covenant/domain';
import type { Projection } from '../../framework/projection';
import type { ReadModelTable } from '../../framework/table';

export const AUDIT_TRAIL_TABLE: ReadModelTable = {
  name: 'rm_audit_trail',
  columns: [
    { name: 'position', kind: 'bigint' },
    { name: 'event_id', kind: 'text' },
    { name: 'stream_id', kind: 'text' },
    { name: 'stream_version', kind: 'integer' },
    { name: 'type', kind: 'text' },
    { name: 'schema_version', kind: 'integer' },
    { name: 'occurred_at', kind: 'text' },
    { name: 'recorded_at', kind: 'text' },
    { name: 'actor_id', kind: 'text', nullable: true },
    { name: 'correlation_id', kind: 'text', nullable: true },
    { name: 'causation_id', kind: 'text', nullable: true },
    { name: 'prev_hash', kind: 'text', nullable: true },
    { name: 'hash', kind: 'text' },
  ],
  primaryKey: ['position'],
  indexes: [{ columns: ['stream_id', 'stream_version'], unique: true }],
};

/**
 * The audit trail: every event of every stream with both of its times, who recorded it, why (correlation
 * and causation) and its place in the hash chain. Payloads stay in the log; the trail points at them.
 */
export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  version: 1,
  handles: ALL_EVENT_TYPES,
  tables: [AUDIT_TRAIL_TABLE],
  *apply(event, sql) {
    const m = event.envelope.metadata;
    yield* sql.run(
      `INSERT INTO {rm_audit_trail} (position, event_id, stream_id, stream_version, type, schema_version, occurred_at, recorded_at,
        actor_id, correlation_id, causation_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (position) DO NOTHING`,
      [
        event.position,
        event.id,
        event.streamId,
        event.version,
        event.type,
        event.envelope.schemaVersion,
        event.occurredAt,
        event.recordedAt,
        m.actorId ?? null,
        m.correlationId ?? null,
        m.causationId ?? null,
        event.envelope.prevHash,
        event.envelope.hash,
      ],
    );
  },
};
