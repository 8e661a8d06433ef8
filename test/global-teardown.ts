import type { EmbeddedServer } from './postgres/embedded-server';
import { SERVER_KEY } from './global-setup';

type WithServer = typeof globalThis & { [SERVER_KEY]?: EmbeddedServer };

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as WithServer;
  const server = holder[SERVER_KEY];
  if (!server) return;
  delete holder[SERVER_KEY];
  delete process.env.DATABASE_URL;
  await server.stop();
}
