import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { CovenantConfig } from '@covenant/application/config/covenant-config';
import { AppModule } from './app.module';
import { MAX_BODY_BYTES, ProblemDetailsFilter } from './problem/problem-details.filter';
import { covenantValidationPipe } from './problem/validation';
import { CovenantMetrics } from './metrics/covenant-metrics';
import { registerHttpMetrics } from './metrics/http-metrics.middleware';
import { setupOpenApi } from './openapi/openapi';
import { securityHeaders } from './security-headers';

const LEVELS: Record<CovenantConfig['logLevel'], LogLevel[]> = {
  error: ['error', 'fatal'],
  warn: ['error', 'fatal', 'warn'],
  log: ['error', 'fatal', 'warn', 'log'],
  debug: ['error', 'fatal', 'warn', 'log', 'debug', 'verbose'],
};

/**
 * Builds the configured HTTP application (used by main, the CLI's serve and the e2e tests). Fastify,
 * not Express: on these 2-core machines its routing and serialisation cost a third as much per request,
 * which is what the HTTP throughput bar needs.
 */
export async function createApp(config: CovenantConfig): Promise<INestApplication> {
  // 1 MB bodies at most (413 beyond); JSON only.
  const adapter = new FastifyAdapter({ bodyLimit: MAX_BODY_BYTES });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { logger: LEVELS[config.logLevel] });
  const fastify = app.getHttpAdapter().getInstance();
  // Every answer is counted with the status sent, bodies refused before routing included.
  registerHttpMetrics(fastify, app.get(CovenantMetrics));
  // Errors Fastify raises before any handler (body too large, not JSON) reach this filter too, through
  // the error handler Nest installs on the instance.
  // Security headers (helmet's, recorded once) on every answer, refusals before routing included.
  const headers = securityHeaders();
  fastify.addHook('onRequest', (_request, reply, next) => {
    reply.headers(headers);
    next();
  });
  // CORS is off unless origins are configured (COVENANT_CORS_ORIGINS).
  if (config.corsOrigins && config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-Correlation-Id'],
      exposedHeaders: ['ETag', 'Location', 'Retry-After'],
      maxAge: 600,
    });
  }
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(covenantValidationPipe());
  // GET /openapi.json and Swagger UI at /docs.
  setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
