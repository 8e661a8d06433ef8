import type { ExpectedVersion } from './envelope';

/** Base of the store's typed errors; `code` is stable and mapped to problem+json at the edge. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'STORE.WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId}: expected version ${String(expected)}, actual ${actual === -1 ? 'no-stream' : actual}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** Bad input to the store (malformed stream id, type, version or payload). Nothing is written. */
export class InvalidEventError extends EventStoreError {
  readonly code = 'STORE.INVALID_EVENT';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`Invalid ${field}: ${reason}`);
    this.name = 'InvalidEventError';
  }
}

/** The ids of an append are partly stored already, or stored in another stream or order. */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'STORE.DUPLICATE_EVENT_ID';
  constructor(readonly eventId: string) {
    super(`Event id ${eventId} is already stored with a different stream, position or content`);
    this.name = 'DuplicateEventIdError';
  }
}

/** An operation this store cannot offer (e.g. in-transaction work on EventStoreDB). */
export class UnsupportedOperationError extends EventStoreError {
  readonly code = 'STORE.UNSUPPORTED';
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedOperationError';
  }
}
