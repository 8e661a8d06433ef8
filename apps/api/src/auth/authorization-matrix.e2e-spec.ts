import type { OpenAPIObject, OperationObject, ParameterObject } from '@nestjs/swagger';
import type { Test } from 'supertest';
import type { Role } from '@covenant/application/auth/principal';
import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { ENGINES, startTestApp, TestApp } from '../../../../test/e2e/app-fixture';
import { AuditLog } from '@covenant/application/audit/audit-log';
import { ContractHttp, d, PEOPLE, RECORDER } from '../contracts/test-support/contract-http';
import type { DocumentedAccess } from '../openapi/openapi';
import type { ScopeSource } from './access-policy';

/**
 * The authorization matrix, derived from the OpenAPI document the app serves: every operation × every
 * role × a token in scope and one out of scope × no token, each with the status its `x-covenant-access`
 * implies. A new route is covered the moment it exists; one without a policy is refused to all and
 * fails here. Two partnerships with the same kinds of resources: IN (in the scoped tokens) and OUT.
 *
 * Allowed calls prove they passed the guard without writing: GETs answer 200; commands are sent an
 * invalid `occurredAt` and must answer the validation 400 (pipes run after the guard).
 */
const IN = { partnership: 'p-matrix-in', contract: 'msa-matrix-in', escalation: 'esc-matrix-in', dispute: 'd-matrix-in', change: 'ch-matrix-in' };
const OUT = { partnership: 'p-matrix-out', contract: 'msa-matrix-out', escalation: 'esc-matrix-out', dispute: 'd-matrix-out', change: 'ch-matrix-out' };
const NOWHERE = { partnership: 'p-nowhere', contract: 'msa-nowhere', escalation: 'esc-nowhere', dispute: 'd-nowhere', change: 'ch-nowhere' };
type Ids = typeof IN;
const ROLES: Role[] = ['admin', 'auditor', 'contract-manager', 'committee', 'mediator'];
const SCOPED: Role[] = ['contract-manager', 'committee', 'mediator'];
const METHODS = ['get', 'post'] as const;

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  op: OperationObject;
  access: DocumentedAccess;
}

/** The kind of resource a path parameter names, from the route's scope (or, for other params, a fixed value). */
function pathFor(o: Operation, ids: Ids): string {
  const scope = 'public' in o.access ? null : o.access.scope;
  return o.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (scope?.from === 'param' && scope.param === name) return ids[scope.kind];
    // A command without a body (requeue) gets a malformed id instead: its 400 also proves the guard let it by.
    return { position: '1', breachId: 'sla-b-1', stepId: 'knowledge-transfer', personId: 'alice', notificationId: 'not%20an%20id' }[name] ?? `x-${name}`;
  });
}

const checkpoints: number[] = [];

/** Required query parameters get a valid value (consistency: between the two checkpoints issued in set-up). */
function queryFor(o: Operation, ids: Ids): string {
  const values: Record<string, string> = { from: String(checkpoints[0]), to: String(checkpoints[1]), stream: `contract-${ids.contract}` };
  const required = ((o.op.parameters ?? []) as ParameterObject[]).filter((p) => p.in === 'query' && p.required);
  return required.length === 0 ? '' : `?${required.map((p) => `${p.name}=${encodeURIComponent(values[p.name] ?? 'x')}`).join('&')}`;
}

/** A body that passes the guard's scope reading but fails validation (bad occurredAt). */
function bodyFor(scope: ScopeSource | null, ids: Ids): object {
  const bad = { occurredAt: 'not-a-date' };
  if (scope?.from === 'body-partnership') return { ...bad, partnershipId: ids.partnership };
  if (scope?.from === 'new-partnership') return { ...bad, partnershipId: ids.partnership };
  return bad;
}

describe.each(ENGINES)('authorization matrix (from the served OpenAPI document) on %s', (engine) => {
  let t: TestApp;
  let c: ContractHttp;
  let ops: Operation[];
  const tokenOf = (role: Role, inScope: boolean) =>
    t.bearer(SCOPED.includes(role) ? { sub: `${role}.matrix`, role, partnerships: [inScope ? IN.partnership : 'p-elsewhere'] } : { sub: `${role}.matrix`, role });

  async function checkpoint(): Promise<number> {
    const issued = await t.app.get(AuditLog).issueCheckpoint();
    if (!issued.issued) throw new Error('no checkpoint issued');
    return issued.checkpoint.treeSize;
  }

  async function world(ids: Ids): Promise<void> {
    await c.partnership(ids.partnership);
    await c.activeMaster(ids.contract, ids.partnership);
    await c.post(`/contracts/${ids.contract}/escalations`, { escalationId: ids.escalation, subject: 'Invoices rejected twice', occurredAt: d(5) }, RECORDER, 201);
    await c.post(`/contracts/${ids.contract}/disputes`, { disputeId: ids.dispute, subject: 'Change order CO-7', raisedByPartyId: 'acme', respondentPartyId: 'globex', occurredAt: d(6) }, PEOPLE.alice.personId, 201);
    await c.post(`/contracts/${ids.contract}/changes`, c.minorChange(ids.change, d(7)), RECORDER, 201);
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    c = new ContractHttp(t.app);
    checkpoints.length = 0;
    await world(IN);
    checkpoints.push(await checkpoint());
    await world(OUT);
    checkpoints.push(await checkpoint());
    const doc = (await t.anonymous().get('/openapi.json').expect(200)).body as OpenAPIObject;
    ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => {
        const op = item[method] as OperationObject & { 'x-covenant-access'?: DocumentedAccess };
        return { method, path, op, access: op['x-covenant-access'] as DocumentedAccess };
      }),
    );
  }, 120_000);
  afterAll(async () => t?.close());

  const call = (o: Operation, ids: Ids, authorization?: string): Test => {
    const scope = 'public' in o.access ? null : o.access.scope;
    const req = t.anonymous()[o.method](`${pathFor(o, ids)}${queryFor(o, ids)}`);
    if (authorization) req.set('Authorization', authorization);
    return o.method === 'post' ? req.send(bodyFor(scope, ids)) : req;
  };

  it('covers every operation of the document, each with a documented policy', () => {
    expect(ops.length).toBeGreaterThanOrEqual(65);
    const undocumented = ops.filter((o) => !o.access || (!('public' in o.access) && o.access.scope === null)).map((o) => `${o.method} ${o.path}`);
    expect(undocumented).toEqual([]);
  });

  it('answers every operation without a token with 401 (public ones with 200)', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const o of ops) {
      const res = await call(o, IN);
      got.push(`${o.method} ${o.path} ${res.status}`);
      want.push(`${o.method} ${o.path} ${'public' in o.access ? 200 : 401}`);
      if (res.status === 401) expect(res.headers['www-authenticate']).toBe('Bearer realm="covenant"');
    }
    expect(got).toEqual(want);
  });

  it('answers every operation × role × in/out of scope with the status its policy implies, writing nothing but access records', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    const got: string[] = [];
    const want: string[] = [];
    for (const o of ops) {
      if ('public' in o.access) continue;
      const allowed = o.access.roles;
      for (const role of ROLES) {
        for (const inScope of [true, false]) {
          if (!SCOPED.includes(role) && !inScope) continue; // admin and auditor have no scope
          const res = await call(o, inScope ? IN : OUT, tokenOf(role, inScope));
          let expected: number;
          if (!allowed.includes(role)) expected = 403;
          else if (SCOPED.includes(role) && !inScope && o.access.scope?.from !== 'list') expected = 403;
          else expected = o.method === 'get' ? 200 : 400;
          const label = `${o.method} ${o.path} as ${role}${SCOPED.includes(role) ? (inScope ? ' in scope' : ' out of scope') : ''}`;
          got.push(`${label}: ${res.status}${res.status >= 400 ? ` ${res.body.code}` : ''}`);
          want.push(`${label}: ${expected}${expected >= 400 ? ` ${res.body.code}` : ''}`);
          if (expected === 400) expect({ label, field: res.body.errors?.[0]?.field }).toEqual({ label, field: expect.any(String) });
          if (expected === 403) expect({ label, code: res.body.code }).toEqual({ label, code: expect.stringMatching(/^AUTH\.(ROLE_FORBIDDEN|OUT_OF_SCOPE)$/) });
        }
      }
    }
    expect(got).toEqual(want);
    const written: string[] = [];
    for await (const e of store.readAll({ after: head })) written.push(e.type);
    expect(new Set(written)).toEqual(new Set(['HistoryRead']));
  }, 120_000);

  it('tells a scoped token nothing about resources out of its scope: the same 403 whether they exist or not', async () => {
    const compared: string[] = [];
    for (const o of ops) {
      if ('public' in o.access || o.access.scope?.from !== 'param') continue;
      for (const role of SCOPED.filter((r) => !('public' in o.access) && o.access.roles.includes(r))) {
        const existing = await call(o, OUT, tokenOf(role, true));
        const missing = await call(o, NOWHERE, tokenOf(role, true));
        expect({ path: o.path, role, status: existing.status, body: existing.body }).toEqual({ path: o.path, role, status: 403, body: missing.body });
        compared.push(`${o.method} ${o.path}`);
      }
    }
    expect(compared.length).toBeGreaterThan(30);
  });

  it('gives scoped tokens only their own items in lists and reports: no ids, names or counts of the other partnership', async () => {
    const lists = ops.filter((o) => !('public' in o.access) && o.access.scope?.from === 'list');
    const leakingForAdmin: string[] = [];
    for (const o of lists) {
      const admin = JSON.stringify((await call(o, IN, tokenOf('admin', true)).expect(200)).body);
      if (admin.includes(OUT.partnership) || admin.includes(OUT.contract)) leakingForAdmin.push(o.path);
      for (const role of SCOPED.filter((r) => !('public' in o.access) && o.access.roles.includes(r))) {
        const res = await call(o, IN, tokenOf(role, true)).expect(200);
        const body = JSON.stringify(res.body);
        for (const id of Object.values(OUT)) expect({ path: o.path, role, leaks: body.includes(id) }).toEqual({ path: o.path, role, leaks: false });
        const outsider = JSON.stringify((await call(o, IN, tokenOf(role, false)).expect(200)).body);
        for (const id of [...Object.values(OUT), ...Object.values(IN)]) expect({ path: o.path, role, outsiderSees: outsider.includes(id) }).toEqual({ path: o.path, role, outsiderSees: false });
      }
    }
    // The check means something only where an unscoped reader does see the other partnership.
    expect(leakingForAdmin.sort()).toEqual(expect.arrayContaining(['/changes', '/contracts', '/disputes', '/escalations', '/partnerships']));
  });
});

/**
 * The matrix above checks the guard against the published policy; this pins what the policy itself
 * must say for the roles of QUALITY.md, so a careless edit of ACCESS_POLICY shows up too.
 */
describe('the published access policy', () => {
  let t: TestApp;
  let access: Array<{ op: string; access: DocumentedAccess }>;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
    const doc = (await t.anonymous().get('/openapi.json').expect(200)).body as OpenAPIObject;
    access = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ op: `${m.toUpperCase()} ${path}`, access: (item[m] as unknown as Record<string, unknown>)['x-covenant-access'] as DocumentedAccess })),
    );
  });
  afterAll(async () => t?.close());
  const callable = (role: Role) => access.filter((a) => !('public' in a.access) && a.access.roles.includes(role)).map((a) => a.op).sort();

  it('leaves only /health public', () => {
    expect(access.filter((a) => 'public' in a.access).map((a) => a.op)).toEqual(['GET /health']);
  });

  it('lets admin call everything and auditor every read and nothing else', () => {
    expect(callable('admin')).toHaveLength(access.length - 1);
    expect(callable('auditor')).toEqual(access.filter((a) => a.op.startsWith('GET ') && !('public' in a.access)).map((a) => a.op).sort());
  });

  it('keeps audit, the global feed, metrics and the access log away from scoped roles', () => {
    for (const role of SCOPED) {
      expect(callable(role).filter((op) => /^GET \/(audit|events|metrics)|dead-letters/.test(op))).toEqual([]);
    }
  });

  it('lets mediators read timelines, contract history and disputes of their partnerships, and change nothing', () => {
    expect(callable('mediator')).toEqual(
      [
        'GET /contracts/{id}',
        'GET /contracts/{id}/history',
        'GET /disputes',
        'GET /disputes/{disputeId}',
        'GET /notifications',
        'GET /partnerships',
        'GET /partnerships/{id}',
        'GET /partnerships/{id}/state',
        'GET /partnerships/{id}/timeline',
      ].sort(),
    );
  });

  it('lets committees read their partnerships and record only decisions, reviews and assessments', () => {
    expect(callable('committee').filter((op) => op.startsWith('POST '))).toEqual(
      [
        'POST /changes/{changeId}/approval',
        'POST /changes/{changeId}/mediation-referral',
        'POST /changes/{changeId}/rejection',
        'POST /changes/{changeId}/review-conclusion',
        'POST /escalations/{escalationId}/escalation',
        'POST /escalations/{escalationId}/resolution',
        'POST /partnerships/{id}/business-reviews',
        'POST /partnerships/{id}/health-assessments',
      ].sort(),
    );
  });

  it('lets contract managers record every business fact of their partnerships', () => {
    const commands = access.filter((a) => a.op.startsWith('POST ') && !a.op.includes('dead-letters')).map((a) => a.op).sort();
    expect(callable('contract-manager').filter((op) => op.startsWith('POST '))).toEqual(commands);
  });
});
