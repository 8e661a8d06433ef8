import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, CovenantConfig, loadConfig } from '@covenant/application/config/covenant-config';
import { SchedulerRunner } from '@covenant/application/scheduler/scheduler.module';
import { ProjectorModule } from './projector.module';

const LEVELS: Record<CovenantConfig['logLevel'], LogLevel[]> = {
  error: ['error', 'fatal'],
  warn: ['error', 'fatal', 'warn'],
  log: ['error', 'fatal', 'warn', 'log'],
  debug: ['error', 'fatal', 'warn', 'log', 'debug', 'verbose'],
};

/**
 * `apps/projector`: the scale-out process. Runs every projection asynchronously (one runner each,
 * following the log from its checkpoint; batches and checkpoints commit together, so several projector
 * processes never apply an event twice) and the deadline scheduler every second (on PostgreSQL only the
 * holder of the scheduler's advisory lock acts; another instance waits and takes over when it goes).
 * Run the api processes with COVENANT_PROJECTION_MODE=async and COVENANT_SCHEDULER=off beside it.
 */
async function main(): Promise<void> {
  let loaded: CovenantConfig;
  try {
    loaded = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`covenant-projector: ${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const config: CovenantConfig = { ...loaded, projectionMode: 'async' };
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config), { logger: LEVELS[config.logLevel] });
  app.enableShutdownHooks();
  if (config.scheduler !== 'off') app.get(SchedulerRunner).start();
  process.stdout.write(`Covenant projector running (store: ${config.store}, read models: ${config.readModels}, scheduler: ${config.scheduler ?? 'on'})\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`covenant-projector: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
