import { existsSync, readFileSync } from 'node:fs';
import type { OpenAPIObject, OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger';
import { version } from '../../../../package.json';
import { startTestApp, TestApp } from '../../../../test/e2e/app-fixture';
import { generateOpenApiJson, OPENAPI_FILE } from './generate-openapi';
import { serializeOpenApi } from './openapi';

const STALE = 'docs/openapi.json is out of date with the controllers and DTOs: run `npm run openapi` and commit the result';

function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  const i = al.findIndex((line, n) => line !== bl[n]);
  const at = i === -1 ? al.length : i;
  return `first difference at line ${at + 1}:\n  committed: ${bl[at] ?? '(end of file)'}\n  generated: ${al[at] ?? '(end of file)'}`;
}

function operations(doc: OpenAPIObject): Array<[string, string, OperationObject]> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((m) => (item[m] ? [[path, m, item[m]] as [string, string, OperationObject]] : [])),
  );
}

describe('OpenAPI document', () => {
  let generated: string;
  let t: TestApp;
  const http = () => t.http();

  beforeAll(async () => {
    generated = await generateOpenApiJson();
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('matches the committed docs/openapi.json (else: npm run openapi)', () => {
    if (!existsSync(OPENAPI_FILE)) throw new Error(`docs/openapi.json is missing: ${STALE}`);
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    if (generated !== committed) throw new Error(`${STALE}\n${firstDifference(generated, committed)}`);
  });

  it('is generated deterministically: sorted keys, 2-space indent, trailing newline', async () => {
    expect(await generateOpenApiJson()).toBe(generated);
    expect(generated.endsWith('}\n')).toBe(true);
    expect(generated.startsWith('{\n  "components": {\n')).toBe(true);
  });

  it('serves the same document at GET /openapi.json', async () => {
    const res = await http().get('/openapi.json').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const doc = res.body as OpenAPIObject;
    expect(serializeOpenApi(doc)).toBe(generated);
    expect(doc.info).toMatchObject({ title: 'Covenant API', version });
    expect(doc.info.description).toMatch(/problem\+json/);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/metrics', '/events', '/partnerships', '/partnerships/{id}/charter']));
  });

  it('documents problem+json errors on every operation and the command headers and ETag on every command', () => {
    const doc = JSON.parse(generated) as OpenAPIObject;
    expect(doc.components?.schemas?.Problem).toMatchObject({ required: ['type', 'title', 'status', 'detail', 'code'] });
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(5);
    for (const [path, method, op] of ops) {
      const responses = op.responses as Record<string, ResponseObject>;
      const errors = Object.entries(responses).filter(([status]) => /^[45]/.test(status));
      expect({ path, method, errors: errors.length > 0 }).toEqual({ path, method, errors: true });
      for (const [, r] of errors) expect(Object.keys(r.content ?? {})).toEqual(['application/problem+json']);
      if (method !== 'post') continue;
      const headers = (op.parameters as ParameterObject[]).filter((p) => p.in === 'header').map((p) => p.name);
      expect({ path, headers }).toEqual({ path, headers: expect.arrayContaining(['If-Match', 'Idempotency-Key']) });
      expect(Object.keys(responses)).toEqual(expect.arrayContaining(['400', '401', '409', '422']));
      const ok = Object.entries(responses).filter(([status]) => /^2/.test(status));
      for (const [, r] of ok) expect(r.headers).toHaveProperty('ETag');
    }
    const feed = doc.paths['/events'].get as OperationObject;
    expect((feed.parameters as ParameterObject[]).map((p) => p.name)).toEqual(['after', 'limit', 'types', 'categories']);
  });

  it('serves Swagger UI at /docs', async () => {
    const page = await http().get('/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toMatch(/swagger-ui/i);
    expect(page.text).toMatch(/<title>Covenant API<\/title>/);
    const init = await http().get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('"/events"');
    await http().get('/docs/swagger-ui-bundle.js').expect(200);
  });
});
