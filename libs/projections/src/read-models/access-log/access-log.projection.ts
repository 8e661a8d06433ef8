import type { Projection } from '../../framework/projection';
import type { ReadModelTable } from '../../framework/table';

export const ACCESS_LOG_TABLE: ReadModelTable = {
  name: 'rm_access_log',
  columns: [
    { name: 'position', kind: 'bigint' },
    { name: 'actor_id', kind: 'text' },
    { name: 'action', kind: 'text' },
    { name: 'resource', kind: 'text' },
    { name: 'query', kind: 'json' },
    { name: 'recorded_at', kind: 'text' },
  ],
  primaryKey: ['position'],
  indexes: [{ columns: ['actor_id', 'position'] }, { columns: ['resource', 'position'] }],
};

/** Who read which history, when: the access-log stream as a table auditors can filter. */
export const accessLogProjection: Projection = {
  name: 'access-log',
  version: 1,
  handles: ['HistoryRead'],
  tables: [ACCESS_LOG_TABLE],
  *apply(event, sql) {
    const d = event.data as { actorId: string; action: string; resource: string; query: Record<string, string> };
    yield* sql.run('INSERT INTO {rm_access_log} (position, actor_id, action, resource, query, recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (position) DO NOTHING', [
      event.position,
      d.actorId,
      d.action,
      d.resource,
      JSON.stringify(d.query ?? {}),
      event.recordedAt,
    ]);
  },
};
