import { Command } from 'commander';
import { loadConfig } from '@covenant/application/config/covenant-config';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the HTTP API (same as npm start)')
    .action(async () => {
      const config = loadConfig();
      // Loaded lazily so commands that never serve don't pay for Nest's HTTP stack.
      const { createApp } = await import('../../../api/src/bootstrap');
      const app = await createApp(config);
      await app.listen(config.port, config.host);
      process.stdout.write(`Covenant listening on http://${config.host}:${config.port} (store: ${config.store})\n`);
    });
}
