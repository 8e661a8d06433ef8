/**
 * Given/when/then for deciders (ARCHITECTURE.md, Tests): given past events, when a command, then the
 * events it emits, or the error code it is rejected with, or nothing. Generic over any decider shaped
 * `{ initialState, decide(command, state, context), evolve }`; it knows nothing of a particular domain.
 *
 *   spec.given(drafted, signed).when(activate).then(activated)
 *   spec.given(drafted).when(change).thenError('CONTRACT.NOT_ACTIVE')
 */
export interface EventLike {
  type: string;
  occurredAt?: string;
}

export interface DeciderUnderTest<C, S, E extends EventLike, Ctx> {
  initialState: S;
  decide(command: C, state: S, context: Ctx): E[];
  evolve(state: S, event: E): S;
}

/** Folds events from the initial state, as a replay does. */
export function fold<S, E extends EventLike>(decider: Pick<DeciderUnderTest<unknown, S, E, unknown>, 'initialState' | 'evolve'>, events: readonly E[]): S {
  return events.reduce((s, e) => decider.evolve(s, e), decider.initialState);
}

/** The time an event gets in metadata: its own occurredAt, else the command's (occurredAt or now). */
export function stamp<E extends EventLike>(events: readonly E[], command: unknown): E[] {
  const c = command as { occurredAt?: string; now?: string };
  const at = c.occurredAt ?? c.now;
  return events.map((e) => (e.occurredAt !== undefined || at === undefined ? e : { ...e, occurredAt: at }));
}

export class Outcome<S, E extends EventLike> {
  constructor(
    private readonly result: { events: E[] } | { error: unknown },
    private readonly before: S,
    private readonly command: unknown,
    private readonly evolve: (s: S, e: E) => S,
  ) {}

  /** The emitted events, exactly (an event without occurredAt is dated by the command). */
  then(...expected: E[]): this {
    expect(stamp(this.events, this.command)).toEqual(stamp(expected, this.command));
    return this;
  }

  /** Each expected event is among the emitted ones (for commands that emit several facts). */
  thenIncludes(...expected: E[]): this {
    const actual = stamp(this.events, this.command);
    for (const e of stamp(expected, this.command)) expect(actual).toContainEqual(e);
    return this;
  }

  thenNothing(): this {
    expect(this.events).toEqual([]);
    return this;
  }

  thenError(code: string, details?: Record<string, unknown>): this {
    if (!('error' in this.result)) {
      throw new Error(`Expected ${code} but the command emitted ${JSON.stringify(this.result.events.map((e) => e.type))}`);
    }
    const err = this.result.error as { code?: unknown; details?: unknown; message?: unknown };
    if (err.code === undefined) throw this.result.error;
    expect({ code: err.code, message: err.message }).toEqual({ code, message: expect.any(String) });
    if (details) expect(err.details).toEqual(expect.objectContaining(details));
    return this;
  }

  get events(): E[] {
    if ('error' in this.result) throw this.result.error;
    return this.result.events;
  }

  /** The state after the emitted events, dated as the application layer would date them. */
  get state(): S {
    return stamp(this.events, this.command).reduce(this.evolve, this.before);
  }
}

export interface SpecOptions<Ctx> {
  /** The context decide gets unless `when` passes one (a value or a factory). */
  context?: Ctx | (() => Ctx);
}

export function deciderSpec<C, S, E extends EventLike, Ctx>(decider: DeciderUnderTest<C, S, E, Ctx>, options: SpecOptions<Ctx> = {}) {
  const defaultContext = (): Ctx => (typeof options.context === 'function' ? (options.context as () => Ctx)() : (options.context as Ctx));
  return {
    given(...events: E[]) {
      const state = fold(decider, events);
      return {
        state,
        when(command: C, context?: Ctx): Outcome<S, E> {
          const ctx = context ?? defaultContext();
          let result: { events: E[] } | { error: unknown };
          try {
            result = { events: decider.decide(command, state, ctx) };
          } catch (error) {
            result = { error };
          }
          return new Outcome(result, state, command, (s, e) => decider.evolve(s, e));
        },
      };
    },
  };
}
