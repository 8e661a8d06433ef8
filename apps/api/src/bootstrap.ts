import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { CovenantConfig } from '@covenant/application/config/covenant-config';
import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { covenantValidationPipe } from './problem/validation';

const LEVELS: Record<CovenantConfig['logLevel'], LogLevel[]> = {
  error: ['error', 'fatal'],
  warn: ['error', 'fatal', 'warn'],
  log: ['error', 'fatal', 'warn', 'log'],
  debug: ['error', 'fatal', 'warn', 'log', 'debug', 'verbose'],
};

/** Builds the configured HTTP application (used by main, the CLI's serve and the e2e tests). */
export async function createApp(config: CovenantConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: LEVELS[config.logLevel], bodyParser: false });
  // 1 MB bodies at most (413 beyond), JSON only.
  app.useBodyParser('json', { limit: '1mb', strict: true });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(covenantValidationPipe());
  app.enableShutdownHooks();
  return app;
}
