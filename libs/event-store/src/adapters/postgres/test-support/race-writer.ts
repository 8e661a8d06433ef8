/**
 * One of two OS processes racing for the same stream (postgres-concurrency.int-spec.ts). Each round,
 * both writers meet at a barrier row, then both append with the same expected version (round - 1);
 * the store must let exactly one win. Prints one JSON line: the rounds it won and what the losses said.
 * Usage: race-writer.ts <connectionString> <streamId> <writer> <rounds>
 */
import { Client } from 'pg';
import { WrongExpectedVersionError } from '../../../errors';
import { PostgresEventStore } from '../postgres-event-store';

async function main(): Promise<void> {
  const [connectionString, streamId, writer, roundsArg] = process.argv.slice(2);
  const rounds = Number(roundsArg);
  const store = new PostgresEventStore({ connectionString, maxConnections: 2 });
  const barrier = new Client({ connectionString });
  await barrier.connect();
  const won: number[] = [];
  const lost: Array<{ round: number; expected: unknown; actual: number }> = [];
  try {
    for (let round = 0; round < rounds; round++) {
      await barrier.query('INSERT INTO race_barrier (round, writer) VALUES ($1, $2)', [round, writer]);
      for (;;) {
        const { rows } = await barrier.query<{ n: string }>('SELECT count(*) AS n FROM race_barrier WHERE round = $1', [round]);
        if (Number(rows[0].n) === 2) break;
      }
      try {
        await store.appendToStream(streamId, [{ type: 'RoundWon', data: { round, writer } }], { expectedVersion: round - 1 });
        won.push(round);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        lost.push({ round, expected: error.expected, actual: error.actual });
      }
    }
  } finally {
    await barrier.end();
    await store.close();
  }
  process.stdout.write(JSON.stringify({ writer, won, lost }) + '\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
