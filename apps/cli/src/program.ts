import { Command } from 'commander';
import { registerConfigCommand } from './commands/config.command';
import { registerSeedCommand } from './commands/seed.command';
import { registerServeCommand } from './commands/serve.command';
import { registerRebuildCommand } from './commands/rebuild.command';
import { registerVerifyCommand } from './commands/verify.command';
import { registerCheckpointCommand } from './commands/checkpoint.command';
import { registerReplayCommand } from './commands/replay.command';
import { registerDiffCommand } from './commands/diff.command';
import { registerExportCommand } from './commands/export.command';
import { registerVerifyBundleCommand } from './commands/verify-bundle.command';
import { registerTickCommand } from './commands/tick.command';
import { registerTokenCommand } from './commands/token.command';

/** The `covenant` command line. Each command lives in ./commands and registers itself here. */
export function buildProgram(): Command {
  const program = new Command('covenant')
    .description('Covenant: event-sourced partnership governance engine')
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  registerConfigCommand(program);
  registerSeedCommand(program);
  registerRebuildCommand(program);
  registerVerifyCommand(program);
  registerCheckpointCommand(program);
  registerReplayCommand(program);
  registerDiffCommand(program);
  registerExportCommand(program);
  registerVerifyBundleCommand(program);
  registerTickCommand(program);
  registerTokenCommand(program);
  return program;
}
