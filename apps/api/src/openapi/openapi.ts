import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { version } from '../../../../package.json';
import { COMMAND_HEADERS } from '../http/command-headers';
import { ACCESS_POLICY, AccessPolicy } from '../auth/access-policy';

export const BEARER = 'bearer';

/** What `x-covenant-access` says of an operation: who may call it and how its scope is found. */
export type DocumentedAccess = { public: true } | { roles: string[]; scope: Exclude<AccessPolicy, 'public'>['scope'] | null };

export function documentedAccess(operationId: string | undefined, method: string): DocumentedAccess {
  const policy = operationId ? ACCESS_POLICY[operationId] : undefined;
  if (policy === 'public') return { public: true };
  if (!policy) return { roles: [], scope: null };
  const readOnly = method === 'get' || method === 'head';
  return { roles: ['admin', ...(readOnly ? ['auditor'] : []), ...policy.roles], scope: policy.scope };
}

export const OPENAPI_JSON_PATH = 'openapi.json';
export const SWAGGER_UI_PATH = 'docs';

const DESCRIPTION = [
  'Covenant is an event-sourced partnership governance engine: partnerships, contracts, SLAs, escalations,',
  'changes and disputes are streams of immutable, hash-chained events.',
  '',
  '- **Commands** are `POST` on the resource they change. They answer `{ id, version }` with the stream',
  '  version in `ETag`. The acting person is the bearer token\'s subject; `If-Match: "<version>"` makes the',
  '  append conditional (409 on a mismatch, nothing written); `Idempotency-Key` makes retries safe (the',
  '  first response is replayed; another body under the same key is 422).',
  '- **Errors** are RFC 9457 `application/problem+json` with a stable `code`; validation errors list',
  '  each failing field and rule in `errors`.',
  '- **Events**: `GET /events?after=<position>` is the global feed for integrations.',
  '- **Authentication**: every route but `/health`, `/openapi.json` and `/docs` needs `Authorization: Bearer <JWT>`',
  '  (`covenant token` mints one). Roles: `admin` (everything), `auditor` (every read), and, limited to the',
  '  partnerships in the token (or of the parties in it), `contract-manager`, `committee` and `mediator`.',
  '  Each operation states who may call it in `x-covenant-access`. Out of scope: 403 on a resource (the same',
  '  answer whether or not it exists), only in-scope items in a list.',
].join('\n');

const PROBLEM = 'Problem';
const PROBLEM_REF: ReferenceObject = { $ref: `#/components/schemas/${PROBLEM}` };

const PROBLEM_SCHEMAS: Record<string, SchemaObject> = {
  [PROBLEM]: {
    type: 'object',
    description: 'RFC 9457 problem details with a stable code',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', format: 'uri', example: 'https://covenant.dev/problems/request-invalid' },
      title: { type: 'string', example: 'The request is invalid' },
      status: { type: 'integer', example: 400 },
      detail: { type: 'string', example: 'limit must not be greater than 500' },
      code: { type: 'string', description: 'Stable machine-readable code', example: 'REQUEST.INVALID' },
      errors: { type: 'array', description: 'For validation errors: each failing field and rule', items: { $ref: '#/components/schemas/ProblemFieldError' } },
    },
    additionalProperties: true,
  },
  ProblemFieldError: {
    type: 'object',
    required: ['field', 'rule', 'message'],
    properties: {
      field: { type: 'string', example: 'limit' },
      rule: { type: 'string', example: 'max' },
      message: { type: 'string', example: 'limit must not be greater than 500' },
    },
  },
};

const problemResponse = (description: string): ResponseObject => ({ description, content: { 'application/problem+json': { schema: PROBLEM_REF } } });

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

function isParameter(p: ParameterObject | ReferenceObject): p is ParameterObject {
  return 'in' in p;
}

/**
 * Documents what every operation shares but no decorator states: problem+json error bodies (each
 * declared error response gets the Problem schema, plus the errors the edge itself raises) and, on
 * commands (POST), the command headers and the ETag.
 */
function documentConventions(doc: OpenAPIObject): OpenAPIObject {
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ...PROBLEM_SCHEMAS } };
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op: OperationObject | undefined = item[method];
      if (!op) continue;
      const params = (op.parameters ?? []).filter(isParameter);
      const responses = op.responses as Record<string, ResponseObject | ReferenceObject>;
      const add = (status: string, description: string) => {
        if (!responses[status]) responses[status] = problemResponse(description);
      };
      for (const [status, response] of Object.entries(responses)) {
        if (/^[45]\d\d$/.test(status) && !('$ref' in response) && !response.content) response.content = problemResponse(response.description).content;
      }
      if (method === 'post') {
        for (const header of [COMMAND_HEADERS.ifMatch, COMMAND_HEADERS.idempotencyKey]) {
          if (!params.some((p) => p.in === 'header' && p.name.toLowerCase() === header.name.toLowerCase())) {
            (op.parameters ??= []).push({ in: 'header', name: header.name, required: header.required, description: header.description, schema: { type: 'string', example: header.example } });
          }
        }
        for (const [status, response] of Object.entries(responses)) {
          if (/^2\d\d$/.test(status) && !('$ref' in response)) {
            response.headers = { ETag: { description: 'The stream version after the command, for If-Match', schema: { type: 'string', example: '"3"' } }, ...response.headers };
          }
        }
      }
      if (params.length > 0 || op.requestBody || method === 'post') add('400', 'Invalid request: `errors` names each failing field and rule');
      const access = documentedAccess(op.operationId, method);
      (op as OperationObject & { 'x-covenant-access'?: DocumentedAccess })['x-covenant-access'] = access;
      if ('public' in access) {
        op.security = [];
      } else {
        op.security = [{ [BEARER]: [] }];
        add('401', 'No bearer token, or one that is expired, malformed or wrongly signed');
        add('403', 'The token’s role may not call this operation, or the resource is outside its partnerships');
        add('429', 'Too many failed authentications from this address; retry after `Retry-After` seconds');
      }
      if (method === 'post') {
        add('409', 'Conflict: If-Match does not match the stream version, or the command is illegal in the current state');
        add('413', 'Request body over 1 MB');
        add('422', 'Idempotency-Key reused with a different request');
      }
      if (params.some((p) => p.in === 'path')) add('404', 'Not found');
      add('500', 'Unexpected error (logged server-side; no internals in the body)');
    }
  }
  return doc;
}

/** The OpenAPI 3 document of the app's controllers and DTOs, with the shared conventions. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Covenant API')
    .setDescription(DESCRIPTION)
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A token minted by `covenant token` (or by your identity provider with the deployment key)' }, BEARER)
    .build();
  return documentConventions(SwaggerModule.createDocument(app, config));
}

/** Serves the document at `/openapi.json` and Swagger UI at `/docs` (built on first request). */
export function setupOpenApi(app: INestApplication): void {
  let doc: OpenAPIObject | undefined;
  SwaggerModule.setup(SWAGGER_UI_PATH, app, () => (doc ??= buildOpenApiDocument(app)), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Covenant API',
  });
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .filter((k) => obj[k] !== undefined)
        .map((k) => [k, sortKeys(obj[k])]),
    );
  }
  return value;
}

/** The committed form (`docs/openapi.json`): sorted keys, 2-space indent, trailing newline. */
export function serializeOpenApi(doc: OpenAPIObject): string {
  return `${JSON.stringify(sortKeys(doc), null, 2)}\n`;
}
