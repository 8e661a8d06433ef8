import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { generateOpenApiJson, OPENAPI_FILE } from '../apps/api/src/openapi/generate-openapi';

/*
 * `npm run openapi`: writes docs/openapi.json from the controllers and DTOs (the app is built on a
 * temp sqlite dir, never listening). Sorted keys and a trailing newline, so the same code always
 * gives the same bytes; the e2e check (apps/api/src/openapi/openapi.e2e-spec.ts) fails when the
 * committed file differs.
 */
async function main(): Promise<void> {
  const json = await generateOpenApiJson();
  const name = relative(process.cwd(), OPENAPI_FILE);
  if (existsSync(OPENAPI_FILE) && readFileSync(OPENAPI_FILE, 'utf8') === json) {
    process.stdout.write(`${name} is up to date\n`);
    return;
  }
  mkdirSync(dirname(OPENAPI_FILE), { recursive: true });
  writeFileSync(OPENAPI_FILE, json);
  const paths = Object.keys((JSON.parse(json) as { paths: Record<string, unknown> }).paths).length;
  process.stdout.write(`wrote ${name} (${paths} paths)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`openapi: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
