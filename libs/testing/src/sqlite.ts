import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempSqliteFile {
  /** Path of a database file that does not exist yet, in its own fresh directory. */
  file: string;
  /** Removes the directory with the file and its -wal/-shm companions. Safe to call twice. */
  remove(): void;
}

/**
 * A fresh SQLite file path in os.tmpdir(). Each file gets its own directory so the WAL and shared
 * memory files go with it, and tests running in parallel never share a database by accident.
 */
export function tempSqliteFile(name = 'covenant.db'): TempSqliteFile {
  const dir = mkdtempSync(join(tmpdir(), 'covenant-sqlite-'));
  return {
    file: join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Jest hooks giving every test its own temp file: call at describe level, read `current()` inside a
 * test. The file is removed after each test (close your connections first, in the test or an
 * afterEach registered before this one: jest runs afterEach hooks in reverse order of registration).
 */
export function useTempSqliteFile(name?: string): { current(): string } {
  let temp: TempSqliteFile | undefined;
  beforeEach(() => {
    temp = tempSqliteFile(name);
  });
  afterEach(() => {
    temp?.remove();
    temp = undefined;
  });
  return {
    current: () => {
      if (!temp) throw new Error('useTempSqliteFile: no file outside a test');
      return temp.file;
    },
  };
}
