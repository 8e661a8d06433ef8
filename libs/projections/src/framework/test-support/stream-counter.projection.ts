import type { Projection } from '../projection';

/**
 * A minimal projection for the framework's own tests: events per stream, with the last position
 * applied as the idempotency guard, as every aggregate row of a real read model does.
 */
export function streamCounter(version = 1, name = 'stream-counter'): Projection {
  const table = `rm_test_${name.replace(/-/g, '_')}`;
  return {
    name,
    version,
    handles: ['Tick', 'Tock'],
    tables: [
      {
        name: table,
        columns: [
          { name: 'stream_id', kind: 'text' },
          { name: 'events', kind: 'integer' },
          { name: 'last_type', kind: 'text' },
          { name: 'last_position', kind: 'bigint' },
        ],
        primaryKey: ['stream_id'],
        indexes: [{ columns: ['last_position'] }],
      },
    ],
    *apply(event, sql) {
      yield* sql.run(
        `INSERT INTO {${table}} (stream_id, events, last_type, last_position) VALUES (?, ?, ?, ?)
         ON CONFLICT (stream_id) DO UPDATE SET events = {${table}}.events + ?, last_type = ?, last_position = ? WHERE {${table}}.last_position < ?`,
        [event.streamId, version, event.type, event.position, version, event.type, event.position, event.position],
      );
    },
  };
}
