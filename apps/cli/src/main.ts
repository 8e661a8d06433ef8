import 'reflect-metadata';
import { CommanderError } from 'commander';
import { ConfigError } from '@covenant/application/config/covenant-config';
import { buildProgram } from './program';

// Output piped into a reader that stops early (`covenant replay … | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    if (err instanceof ConfigError) {
      process.stderr.write(`covenant: ${err.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`covenant: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
