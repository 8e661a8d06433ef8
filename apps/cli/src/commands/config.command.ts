import { Command } from 'commander';
import { CONFIG_VARIABLES, loadConfig } from '@covenant/application/config/covenant-config';

export function registerConfigCommand(program: Command): void {
  program
    .command('config')
    .description('Print the effective configuration (secrets masked) and the variables it reads')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const config = loadConfig();
      const masked = {
        ...config,
        databaseUrl: config.databaseUrl?.replace(/:\/\/([^:@/]+):[^@]*@/, '://$1:***@'),
      };
      if (opts.json) {
        process.stdout.write(JSON.stringify(masked, null, 2) + '\n');
        return;
      }
      for (const [k, v] of Object.entries(masked)) process.stdout.write(`${k.padEnd(28)} ${v ?? ''}\n`);
      process.stdout.write('\nVariables:\n');
      for (const v of CONFIG_VARIABLES) process.stdout.write(`  ${v.name.padEnd(30)} ${v.accepts} (default ${v.default})\n`);
    });
}
