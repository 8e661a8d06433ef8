import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { CovenantConfig } from '@covenant/application/config/covenant-config';
import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { covenantValidationPipe } from './problem/validation';
import { CovenantMetrics } from './metrics/covenant-metrics';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { setupOpenApi } from './openapi/openapi';

const LEVELS: Record<CovenantConfig['logLevel'], LogLevel[]> = {
  error: ['error', 'fatal'],
  warn: ['error', 'fatal', 'warn'],
  log: ['error', 'fatal', 'warn', 'log'],
  debug: ['error', 'fatal', 'warn', 'log', 'debug', 'verbose'],
};

/** Builds the configured HTTP application (used by main, the CLI's serve and the e2e tests). */
export async function createApp(config: CovenantConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: LEVELS[config.logLevel], bodyParser: false });
  // First, so every answer is counted with the status sent, bodies the parser refuses included.
  app.use(httpMetricsMiddleware(app.get(CovenantMetrics)));
  // 1 MB bodies at most (413 beyond), JSON only.
  app.useBodyParser('json', { limit: '1mb', strict: true });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(covenantValidationPipe());
  // GET /openapi.json and Swagger UI at /docs.
  setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
