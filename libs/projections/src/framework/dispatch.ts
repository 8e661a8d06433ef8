import type { EventEnvelope, UpcasterRegistry } from '@covenant/event-store';
import type { OpGenerator } from './executors';
import type { ProjectedEvent, Projection } from './projection';
import { sqlOps } from './sql-ops';

/** Routes events to the projections that handle their type, upcasting each payload once. */
export class Dispatcher {
  private readonly byType = new Map<string, Projection[]>();

  constructor(
    readonly projections: readonly Projection[],
    private readonly upcasters?: UpcasterRegistry,
  ) {
    for (const p of projections) {
      for (const type of p.handles) {
        const list = this.byType.get(type) ?? [];
        list.push(p);
        this.byType.set(type, list);
      }
    }
  }

  /** `canonical`: the payload was parsed from RFC 8785 text, so it is already as `normalised` makes it. */
  toProjected(env: EventEnvelope, canonical = false): ProjectedEvent {
    const stored = { type: env.type, schemaVersion: env.schemaVersion, data: canonical ? env.data : normalised(env.data) };
    const current = this.upcasters ? this.upcasters.upcast(stored) : stored;
    return {
      position: env.position,
      streamId: env.streamId,
      version: env.version,
      id: env.id,
      type: env.type,
      data: current.data as Record<string, unknown>,
      occurredAt: env.metadata.occurredAt,
      recordedAt: env.metadata.recordedAt,
      envelope: env,
    };
  }

  /**
   * Applies events to the given projections, each only past its own position (`after`), so a batch
   * that overlaps what a projection already holds changes nothing for it. `canonical`: the events were
   * read back from a store that parses payloads from their canonical text (SQLite).
   */
  *apply(events: readonly EventEnvelope[], targets: ReadonlySet<Projection>, after: ReadonlyMap<string, number>, canonical = false): OpGenerator {
    for (const env of events) {
      const handlers = this.byType.get(env.type);
      if (!handlers) continue;
      let projected: ProjectedEvent | undefined;
      for (const p of handlers) {
        if (!targets.has(p) || env.position <= (after.get(p.name) ?? 0)) continue;
        projected ??= this.toProjected(env, canonical);
        yield* p.apply(projected, sqlOps);
      }
    }
  }
}

/**
 * The payload as the log gives it back, whatever the path: keys sorted, undefined members dropped.
 * A payload parsed from its stored RFC 8785 text already is (keys in UTF-16 code-unit order, which is
 * `sort()`'s, and no undefined), so events read from SQLite skip it (dispatch.spec.ts checks this).
 * An inline projection sees the object the decider built; a rebuild sees it read back from the store
 * (PostgreSQL's jsonb reorders keys). Normalising both makes a projection that stores JSON write the
 * same text either way, so a rebuild equals the inline rows.
 */
export function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : normalised(v)));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    // A member named __proto__ (JSON.parse makes it an own property) must stay one, not become the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: normalised(v), enumerable: true, writable: true, configurable: true });
    else out[key] = normalised(v);
  }
  return out;
}
