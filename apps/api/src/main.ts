import 'reflect-metadata';
import { ConfigError, loadConfig } from '@covenant/application/config/covenant-config';
import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`covenant: ${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  process.stdout.write(`Covenant listening on http://${config.host}:${config.port} (store: ${config.store}, data: ${config.dataDir})\n`);
  process.stdout.write('Every route but /health needs a bearer token: TOKEN=$(npx covenant token --role admin --ttl 8h)\n');
  if ((await app.get<EventStore>(EVENT_STORE).headPosition()) === 0) {
    process.stdout.write('The store is empty: run "npx covenant seed --demo" to load a demo partnership.\n');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`covenant: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
