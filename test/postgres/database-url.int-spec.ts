import { Client } from 'pg';

// Guards the test set-up itself: every int worker must see the server global-setup started.
describe('test PostgreSQL', () => {
  it('is reachable from a test worker through DATABASE_URL', async () => {
    const url = process.env.DATABASE_URL;
    expect(url).toMatch(/^postgres(ql)?:\/\//);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('SELECT 1 AS n');
      expect(rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
  });
});
