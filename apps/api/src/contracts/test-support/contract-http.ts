/**
 * Shared by the contract-side e2e specs: a realistic Acme × Globex partnership (the builders' people,
 * all three tiers) and contracts set up over HTTP, and a poster that checks `{ id, version }` and the ETag.
 */
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { E2E_ADMIN, Engine, startTestApp, TestApp } from '../../../../../test/e2e/app-fixture';
import { TokenKeys, tokenKeysFrom } from '@covenant/application/auth/tokens';
import { signJwt } from '@covenant/testing/jwt';
import { COVENANT_CONFIG } from '@covenant/application/config/config.module';
import type { CovenantConfig } from '@covenant/application/config/covenant-config';
import { ACME, addendumTerms, at, days, GLOBEX, masterTerms, PARTNERSHIP_ID, PEOPLE, RECORDER } from '@covenant/testing/builders';

export { ACME, GLOBEX, PARTNERSHIP_ID, PEOPLE, RECORDER, at, days, masterTerms, addendumTerms };

export const d = (n: number): string => at(days(n));
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const HASH_ACME = 'c0ffee'.padEnd(64, '0');
export const HASH_GLOBEX = 'beef00'.padEnd(64, '1');

export interface Accepted {
  id: string;
  version: number;
}

export class ContractHttp {
  private readonly keys: TokenKeys;
  private readonly tokens = new Map<string, string>();

  constructor(private readonly app: INestApplication) {
    this.keys = tokenKeysFrom(app.get<CovenantConfig>(COVENANT_CONFIG));
  }

  /** `Bearer <token>` of an admin token whose subject (the actor recorded in events) is `personId`. */
  as(personId: string): string {
    let token = this.tokens.get(personId);
    if (!token) {
      token = `Bearer ${signJwt(this.keys, { sub: personId, role: 'admin' })}`;
      this.tokens.set(personId, token);
    }
    return token;
  }

  /** supertest whose every request carries an admin token (sub `e2e.admin`). */
  http() {
    return request.agent(this.app.getHttpServer()).set('Authorization', this.as(E2E_ADMIN));
  }

  /** POSTs as `actor`, expects `status`; for 2xx checks the body is `{ id, version }` with that ETag. */
  async post(path: string, body: object, actor: string, status = 200, headers: Record<string, string> = {}) {
    const res = await request(this.app.getHttpServer()).post(path).set('Authorization', this.as(actor)).set(headers).send(body);
    if (res.status !== status) throw new Error(`POST ${path} as ${actor}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    if (status < 300) {
      expect(Object.keys(res.body).sort()).toEqual(['id', 'version']);
      expect(res.headers.etag).toBe(`"${res.body.version}"`);
    }
    return res;
  }

  async accepted(path: string, body: object, actor: string, status = 200): Promise<Accepted> {
    return (await this.post(path, body, actor, status)).body as Accepted;
  }

  /** Formed 30 days before T0, charter adopted, the six builder people seated 28 days before T0. */
  async partnership(partnershipId = PARTNERSHIP_ID): Promise<void> {
    await this.post('/partnerships', { partnershipId, name: 'Acme × Globex', parties: [ACME, GLOBEX], occurredAt: d(-30) }, RECORDER, 201);
    await this.post(`/partnerships/${partnershipId}/charter`, { occurredAt: d(-29) }, RECORDER);
    for (const p of Object.values(PEOPLE)) {
      await this.post(`/partnerships/${partnershipId}/members`, { ...p, effectiveFrom: d(-28), occurredAt: d(-28) }, RECORDER, 201);
    }
  }

  /** The master services agreement drafted, signed by both parties and active from T0. */
  async activeMaster(contractId: string, partnershipId = PARTNERSHIP_ID): Promise<void> {
    await this.post('/contracts', { contractId, partnershipId, terms: masterTerms(), occurredAt: d(-20) }, RECORDER, 201);
    await this.post(`/contracts/${contractId}/signatures`, { partyId: 'acme', signatoryName: 'Erin Exec', occurredAt: d(-10) }, RECORDER);
    await this.post(`/contracts/${contractId}/signatures`, { partyId: 'globex', signatoryName: 'Frank Exec', occurredAt: d(-9) }, RECORDER);
    await this.post(`/contracts/${contractId}/activation`, { occurredAt: d(0) }, RECORDER);
  }

  /** A minor change request that opens no review (the title only). */
  minorChange(changeId: string, occurredAt = d(10)) {
    return {
      changeId,
      title: 'Rename the agreement',
      rationale: 'Group branding',
      proposedLevel: 'minor',
      costImpact: { amount: '0.00', currency: 'EUR' },
      proposedTerms: { title: `Master Services Agreement (${changeId})` },
      occurredAt,
    };
  }
}

/**
 * The set-up every contract-side spec shares: a real app on the engine, the partnership over HTTP and
 * an active master agreement. Fields are filled in beforeAll; `head()` is the log's head position.
 */
export function withActiveMaster(engine: Engine, masterId: string) {
  const env = {
    t: undefined as unknown as TestApp,
    c: undefined as unknown as ContractHttp,
    store: undefined as unknown as EventStore,
    head: () => env.store.headPosition(),
  };
  beforeAll(async () => {
    env.t = await startTestApp(engine);
    env.c = new ContractHttp(env.t.app);
    env.store = env.t.app.get(EVENT_STORE);
    await env.c.partnership();
    await env.c.activeMaster(masterId);
  });
  afterAll(async () => env.t?.close());
  return env;
}
