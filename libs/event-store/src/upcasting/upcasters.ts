/**
 * Schema evolution (ARCHITECTURE.md rule 9): stored events are never rewritten. Additive optional
 * fields need nothing; a breaking payload change bumps the type's schemaVersion and registers an
 * upcaster from the old version, so readers only ever see the current shape. Upcasting happens on
 * read, after integrity checks, so hashes always cover what was actually stored.
 */
export interface StoredPayload {
  type: string;
  schemaVersion: number;
  data: unknown;
}

export interface Upcaster {
  type: string;
  /** The version this upcaster reads; it produces fromSchemaVersion + 1. */
  fromSchemaVersion: number;
  upcast(data: unknown): unknown;
}

export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const u of upcasters) this.register(u);
  }

  register(u: Upcaster): void {
    const key = `${u.type}@${u.fromSchemaVersion}`;
    if (this.byKey.has(key)) throw new Error(`Two upcasters for ${key}`);
    this.byKey.set(key, u);
  }

  /** Applies the chain of upcasters from the stored version up to the latest known one. */
  upcast<P extends StoredPayload>(payload: P): P {
    let current: P = payload;
    for (;;) {
      const u = this.byKey.get(`${current.type}@${current.schemaVersion}`);
      if (!u) return current;
      current = { ...current, schemaVersion: current.schemaVersion + 1, data: u.upcast(current.data) };
    }
  }
}
