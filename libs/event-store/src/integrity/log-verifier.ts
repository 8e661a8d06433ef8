import type { KeyObject } from 'node:crypto';
import type { EventEnvelope } from '../envelope';
import type { EventStore } from '../event-store.port';
import { checkpointHash, verifyCheckpointSignature, type SignedCheckpoint } from './checkpoint';
import { classifyHashMismatch, EventChecker, fail } from './event-checks';
import { eventLeafHash, MerkleFrontier } from './merkle';
import type { IntegrityFailure, VerifyReport } from './verify-report';

export interface VerifyLogInput {
  store: Pick<EventStore, 'readAll' | 'kind'>;
  /** Every checkpoint, in the order issued (oldest first). */
  checkpoints: AsyncIterable<SignedCheckpoint>;
  /** The key checkpoints must be signed with; without one every checkpoint is reported unverifiable. */
  publicKey?: KeyObject;
  /** Why there is no key, for the report. */
  missingKeyReason?: string;
}

/** Hand the event loop back every so often: sqlite reads are synchronous, and an API process must keep answering during a long verify. */
const YIELD_EVERY = 1000;

/**
 * Recomputes everything from the store, reading the log once in position order: positions, stream
 * version order, prevHash links and each event's hash (EventChecker), then each checkpoint when the
 * log reaches its tree size: its signature, its link to the previous checkpoint, and its root against
 * the root of the events actually stored (an O(log n) frontier, never the tree). Stops at the first
 * failure, which names its position and reason.
 */
export async function verifyLog(input: VerifyLogInput): Promise<VerifyReport> {
  const esdb = input.store.kind === 'eventstoredb';
  const events = new EventChecker(!esdb, !esdb);
  const checkpoints = new CheckpointChecker(input.publicKey, input.missingKeyReason);
  const frontier = MerkleFrontier.empty();
  const cps = input.checkpoints[Symbol.asyncIterator]();
  let it = input.store.readAll()[Symbol.asyncIterator]();
  // Set when a row cannot be read at all: the events before it are still checked, then it is reported.
  let unreadable: IntegrityFailure | null = null;
  let next = await pull(cps);
  const report = (failure: IntegrityFailure | null): VerifyReport => ({ ok: failure === null, events: frontier.size, checkpoints: checkpoints.count, failure });

  // Checkpoints whose tree size the log has reached are checked before reading further, so the
  // reported position is the first bad one whether it is an event or a checkpoint.
  const dueCheckpoints = async (): Promise<IntegrityFailure | null> => {
    while (next && next.treeSize <= frontier.size) {
      const failure = checkpoints.checkSigned(next) ?? checkpoints.checkRoot(next, frontier);
      if (failure) return failure;
      next = await pull(cps);
    }
    return null;
  };

  try {
    let failure = await dueCheckpoints();
    while (!failure) {
      let r: IteratorResult<EventEnvelope>;
      try {
        r = await it.next();
      } catch (err) {
        if (!isUnreadable(err) || unreadable) throw err;
        unreadable = await locateUnreadable(input.store, frontier.size, err as Error);
        // A page fails as a whole on some adapters: re-read the good events before the bad row.
        it = input.store.readAll({ after: frontier.size, limit: Math.max(unreadable.position - 1 - frontier.size, 0) })[Symbol.asyncIterator]();
        continue;
      }
      if (r.done) break;
      const e = r.value;
      failure = events.check(e);
      if (failure) {
        if (failure.reason === 'payload-changed' && !esdb) failure = await classifyHashMismatch(e, failure, it);
        return report(failure);
      }
      frontier.push(eventLeafHash(e.hash));
      failure = await dueCheckpoints();
      if (frontier.size % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    if (failure) return report(failure);
    if (unreadable) return report(unreadable);
    // Checkpoints beyond the end of the log: events were deleted from its tail.
    if (next) {
      const signed = checkpoints.checkSigned(next);
      if (signed) return report(signed);
      const n = frontier.size;
      return report(fail(n + 1, 'position-missing', `checkpoint of tree size ${next.treeSize} covers positions up to ${next.treeSize}, but the log ends at ${n}`, next.treeSize));
    }
    return report(null);
  } finally {
    await it.return?.();
    await cps.return?.();
  }
}

class CheckpointChecker {
  count = 0;
  private previous: SignedCheckpoint | null = null;

  constructor(
    private readonly publicKey: KeyObject | undefined,
    private readonly missingKeyReason = 'no public key was given',
  ) {}

  /** Signature, then the chain: checks that do not depend on the events. */
  checkSigned(c: SignedCheckpoint): IntegrityFailure | null {
    const at = (reason: IntegrityFailure['reason'], detail: string) => fail(c.treeSize, reason, detail, c.treeSize);
    if (!this.publicKey) return at('checkpoint-signature-invalid', `checkpoint of tree size ${c.treeSize} cannot be verified: ${this.missingKeyReason}`);
    if (!verifyCheckpointSignature(c, this.publicKey)) {
      return at('checkpoint-signature-invalid', `the signature of the checkpoint of tree size ${c.treeSize} (issued ${c.issuedAt}) does not verify with the public key`);
    }
    const expected = this.previous ? checkpointHash(this.previous) : null;
    if (c.previousCheckpointHash !== expected) {
      const which = this.previous ? `the hash of the checkpoint of tree size ${this.previous.treeSize}` : 'null (it is the first checkpoint)';
      return at('checkpoint-chain-broken', `previousCheckpointHash of the checkpoint of tree size ${c.treeSize} is not ${which}`);
    }
    if (c.treeSize < 1 || (this.previous && c.treeSize <= this.previous.treeSize)) {
      return at('checkpoint-chain-broken', `tree size ${c.treeSize} does not grow from the previous checkpoint's ${this.previous?.treeSize ?? 0}`);
    }
    return null;
  }

  /** Called when the frontier holds exactly the checkpoint's tree size. */
  checkRoot(c: SignedCheckpoint, frontier: MerkleFrontier): IntegrityFailure | null {
    const root = frontier.root().toString('hex');
    if (frontier.size !== c.treeSize || root !== c.rootHash) {
      return fail(c.treeSize, 'checkpoint-root-mismatch', `events 1..${c.treeSize} hash to root ${root.slice(0, 12)}…, the checkpoint issued ${c.issuedAt} signed ${String(c.rootHash).slice(0, 12)}…`, c.treeSize);
    }
    this.previous = c;
    this.count++;
    return null;
  }
}

async function pull(cps: AsyncIterator<SignedCheckpoint>): Promise<SignedCheckpoint | null> {
  const r = await cps.next();
  return r.done ? null : r.value;
}

/** A row whose JSON no longer parses: the adapter's read throws (JSON.parse), not our check. */
function isUnreadable(err: unknown): boolean {
  return err instanceof SyntaxError || (err instanceof Error && err.name === 'SyntaxError');
}

/** Pins the unreadable row down by reading one event at a time from the last good position (a page may have failed as a whole). */
async function locateUnreadable(store: VerifyLogInput['store'], good: number, err: Error): Promise<IntegrityFailure> {
  let position = good;
  for (let tries = 0; tries < 10_000; tries++) {
    try {
      let read: EventEnvelope | undefined;
      for await (const e of store.readAll({ after: position, limit: 1 })) read = e;
      if (!read) break;
      position = read.position;
    } catch {
      return fail(position + 1, 'payload-changed', `the stored event can no longer be read: ${err.message}`);
    }
  }
  return fail(good + 1, 'payload-changed', `the stored event can no longer be read: ${err.message}`);
}
