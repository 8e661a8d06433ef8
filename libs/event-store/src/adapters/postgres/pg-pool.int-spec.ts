import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '@covenant/testing/postgres';
import { createPgPool } from './pg-pool';

describe('createPgPool', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => db.drop());

  it('survives the server ending an idle connection: the error is reported, the next query gets a new connection', async () => {
    let report: (error: Error) => void = () => undefined;
    const reported = new Promise<Error>((resolve) => (report = resolve));
    const pool = createPgPool({ connectionString: db.url, max: 1 }, (error) => report(error));
    try {
      const first = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const admin = new Client({ connectionString: db.url });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1)', [first.rows[0].pid]);
      await admin.end();
      // Without the pool's listener this error would be an uncaught exception and jest would fail the run.
      expect(((await reported) as Error & { code?: string }).code).toBe('57P01');
      const second = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(second.rows[0].pid).not.toBe(first.rows[0].pid);
    } finally {
      await pool.end();
    }
  });
});
