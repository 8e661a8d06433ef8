import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CommandGateway } from '../../libs/application/src/commands/command-gateway';
import { loadConfig } from '../../libs/application/src/config/covenant-config';
import { createApp } from '../../apps/api/src/bootstrap';
import { setUpContracts } from './contracts-fixture';

/*
 * The API under load, in its own process (so the load generator does not share its core): createApp on
 * the data dir in COVENANT_DATA_DIR, listening on 127.0.0.1 and a free port, then N contracts set up
 * through the command gateway. Tells the parent { port, setupMs } over IPC; stops on SIGTERM or when
 * the parent goes away.
 * Started by bench/http.bench.ts with fork(); BENCH_CONTRACTS sets N.
 */
async function main(): Promise<void> {
  const dataDir = process.env.COVENANT_DATA_DIR;
  if (!dataDir || !process.send) throw new Error('http-server.ts is started by bench/http.bench.ts (fork, COVENANT_DATA_DIR)');
  const config = loadConfig({ COVENANT_STORE: 'sqlite', COVENANT_DATA_DIR: dataDir, LOG_LEVEL: 'error', PORT: '0', HOST: '127.0.0.1' });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const started = performance.now();
  await setUpContracts(app.get(CommandGateway), Number(process.env.BENCH_CONTRACTS ?? 1000));
  const setupMs = Math.round(performance.now() - started);
  const port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
  const stop = async (): Promise<void> => {
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());
  process.send({ port, setupMs });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
