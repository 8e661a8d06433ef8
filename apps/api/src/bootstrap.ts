import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CovenantConfig } from '@covenant/application/config/covenant-config';
import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './problem/problem-details.filter';

const LEVELS: Record<CovenantConfig['logLevel'], LogLevel[]> = {
  error: ['error', 'fatal'],
  warn: ['error', 'fatal', 'warn'],
  log: ['error', 'fatal', 'warn', 'log'],
  debug: ['error', 'fatal', 'warn', 'log', 'debug', 'verbose'],
};

/** Builds the configured HTTP application (used by main, the CLI's serve and the e2e tests). */
export async function createApp(config: CovenantConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: LEVELS[config.logLevel], bodyParser: true });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  return app;
}
