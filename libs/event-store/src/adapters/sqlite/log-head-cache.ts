import type { Database, Statement } from 'better-sqlite3';
import type { AppendResult } from '../../envelope';

export interface LogHead {
  position: number;
  recorded_at: string;
}

export interface StreamHead {
  version: number;
  hash: string;
}

/** A stream's last version, and its hash once an append has needed it (a version probe reads the index alone). */
type KnownStream = { version: number; hash: string | undefined } | null;

/** Streams remembered at most; past it the map starts over (each stream then costs one probe again). */
const MAX_STREAMS = 100_000;

/**
 * What a connection knows of the log's head and of its streams' last events, so that a command's
 * "which version is this stream at?" and an append's "which head, which last hash?" ask SQLite only
 * what it has not seen. Every answer was either read on this connection or written by an append on it
 * that committed, and it stays true while no other connection commits: SQLite's `data_version` moves
 * exactly then, and everything is forgotten when it does (a second store on the file, another
 * process, a tool editing rows). One per connection, shared by every store instance using it.
 *
 * Inside a group commit, each append's outcome is held aside until the transaction has committed; a
 * rolled-back savepoint or transaction never reaches what later reads are told.
 */
export class LogHeadCache {
  private dataVersion: number;
  private head: LogHead | undefined;
  private readonly streams = new Map<string, KnownStream>();
  private groupHead: LogHead | undefined;
  private readonly groupStreams = new Map<string, StreamHead>();
  private verifiedThisTurn = false;

  private constructor(private readonly dataVersionStatement: Statement) {
    this.dataVersion = this.currentDataVersion();
  }

  static of(db: Database): LogHeadCache {
    let cache = caches.get(db);
    if (!cache) caches.set(db, (cache = new LogHeadCache(db.prepare('PRAGMA data_version').pluck())));
    return cache;
  }

  /**
   * The stream's version (-1 when it has none), read once and then kept current. Outside a transaction
   * `data_version` costs as much as the probe it saves (it opens a read transaction), so it is asked
   * once per turn of the event loop: an answer may then miss another process's commit of this very
   * turn. That is the race every command has anyway between loading and appending; the append checks
   * the version again under the write lock, where the question is cheap.
   */
  streamVersion(streamId: string, read: () => number | undefined): number {
    if (!this.verifiedThisTurn) {
      this.forgetIfOthersCommitted();
      this.verifiedThisTurn = true;
      setImmediate(() => {
        this.verifiedThisTurn = false;
      });
    }
    const known = this.streams.get(streamId);
    if (known !== undefined) return known === null ? -1 : known.version;
    const version = read();
    this.remember(streamId, version === undefined ? null : { version, hash: undefined });
    return version ?? -1;
  }

  /** Called first in a group's transaction, with the write lock held: from here nobody else commits. */
  beginGroup(): void {
    this.groupHead = undefined;
    this.groupStreams.clear();
    this.forgetIfOthersCommitted();
  }

  logHead(read: () => LogHead | undefined): LogHead | undefined {
    if (this.groupHead) return this.groupHead;
    if (this.head) return this.head;
    return (this.head = read());
  }

  streamHead(streamId: string, read: () => StreamHead | undefined): StreamHead | undefined {
    const pending = this.groupStreams.get(streamId);
    if (pending) return pending;
    const known = this.streams.get(streamId);
    if (known === null) return undefined;
    if (known?.hash !== undefined) return known as StreamHead;
    const last = read();
    this.remember(streamId, last ?? null);
    return last;
  }

  /** An append whose savepoint was released: true for the rest of this transaction. */
  appended(result: AppendResult): void {
    const last = result.events[result.events.length - 1];
    if (!last) return;
    this.groupHead = { position: last.position, recorded_at: last.metadata.recordedAt };
    this.groupStreams.set(result.streamId, { version: last.version, hash: last.hash });
  }

  /** The group's transaction committed: its appends are now what everyone reads. */
  committed(): void {
    if (this.groupHead) this.head = this.groupHead;
    for (const [streamId, head] of this.groupStreams) this.remember(streamId, head);
    this.groupHead = undefined;
    this.groupStreams.clear();
  }

  /** The group's transaction failed to commit: nothing it did is known, and nothing read during it is trusted. */
  abandoned(): void {
    this.groupHead = undefined;
    this.groupStreams.clear();
    this.forget();
  }

  private remember(streamId: string, head: KnownStream): void {
    if (this.streams.size >= MAX_STREAMS && !this.streams.has(streamId)) this.streams.clear();
    this.streams.set(streamId, head);
  }

  private forgetIfOthersCommitted(): void {
    const now = this.currentDataVersion();
    if (now === this.dataVersion) return;
    this.dataVersion = now;
    this.forget();
  }

  private forget(): void {
    this.head = undefined;
    this.streams.clear();
  }

  private currentDataVersion(): number {
    return this.dataVersionStatement.get() as number;
  }
}

const caches = new WeakMap<Database, LogHeadCache>();
