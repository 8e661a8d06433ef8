import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import type { SqliteSynchronous } from './sqlite-schema';

/*
 * WAL checkpoints off the writing thread. A checkpoint copies the WAL back into the database file and
 * (synchronous NORMAL or FULL) fsyncs both; SQLite runs it inside whichever commit crosses
 * wal_autocheckpoint, and on these machines that wait was about 2 of the ~9 us of an event-sized row
 * in 100-row transactions. Here a worker thread with its own connection runs PASSIVE checkpoints,
 * which never block the writer, after every ~1 MB written. The writer keeps its automatic checkpoint
 * as a backstop at a larger WAL: the WAL only restarts once a checkpoint has caught up with it, which
 * a worker racing a busy writer rarely does, and the backstop also covers a worker that has failed.
 * The worker starts with the first checkpoint due, so small stores (tests, tools) never start one.
 * The benchmark's raw insert runs with one too, so the store is compared with SQLite under the same
 * regime.
 */

const SIGNAL_BYTES = 1024 * 1024;
const BACKSTOP_PAGES = 10_000;
const SQLITE_DEFAULT_PAGES = 1000;
/** A commit writes whole pages (the table's and each index's last leaf) however small it is. */
const COMMIT_BYTES = 3 * 4096;

// Plain CommonJS evaluated by the worker: no transpiler there, and nothing to ship beside the build.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = ' + workerData.synchronous);
db.pragma('busy_timeout = 5000');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  db.pragma('wal_checkpoint(PASSIVE)');
});
`;

export class WalCheckpointer {
  private worker: Worker | undefined;
  private written = 0;
  private failed = false;

  constructor(
    private readonly db: Database,
    private readonly synchronous: SqliteSynchronous,
  ) {}

  /** Called after each commit with about how many bytes of rows it wrote. */
  committed(rowBytes: number): void {
    this.written += rowBytes + COMMIT_BYTES;
    if (this.written < SIGNAL_BYTES || this.failed) return;
    this.written = 0;
    (this.worker ??= this.start()).postMessage('checkpoint');
  }

  /** Stops the worker; its connection closes first, so closing the writer still checkpoints everything. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker || this.failed) return;
    const exited = once(worker, 'exit');
    worker.ref(); // unreferenced, it would not keep the process alive until it has exited
    worker.postMessage('close');
    await exited;
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: this.db.name, synchronous: this.synchronous, driver: require.resolve('better-sqlite3') },
    });
    worker.unref();
    worker.on('error', () => {
      this.failed = true;
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    });
    this.db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    return worker;
  }
}
