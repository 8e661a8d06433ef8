import { createHmac, generateKeyPairSync } from 'node:crypto';
import { startTestApp, TestApp } from '../../../../test/e2e/app-fixture';
import { signJwt } from '@covenant/testing/jwt';
import type { TokenKeys } from '@covenant/application/auth/tokens';
import { ContractHttp } from '../contracts/test-support/contract-http';

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Forged, expired and malformed tokens are 401; repeated failures are 429; headers and CORS. */
describe('bearer-token authentication', () => {
  let t: TestApp;
  const get = (authorization: string) => t.anonymous().get('/contracts').set('Authorization', authorization);
  const expectRefused = async (authorization: string, code = 'AUTH.TOKEN_INVALID') => {
    const res = await get(authorization).expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="covenant"/);
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('accepts a valid token', async () => {
    await get(t.bearer({ sub: 'ada', role: 'admin' })).expect(200);
  });

  it('refuses an expired token (beyond 5 s of clock skew), naming expiry', async () => {
    const expired = signJwt(t.keys, { sub: 'ada', role: 'admin' }, { iat: Math.floor(Date.now() / 1000) - 3600, ttlSeconds: 60 });
    const res = await expectRefused(`Bearer ${expired}`);
    expect(res.body.detail).toMatch(/expired/);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('refuses alg "none", whatever the claims', async () => {
    const payload = { sub: 'ada', role: 'admin', iss: 'covenant', aud: 'covenant-api', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 };
    await expectRefused(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`);
    await expectRefused(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}`);
  });

  it('refuses a token signed with another secret, and one whose payload was edited after signing', async () => {
    const other: TokenKeys = { ...t.keys, signKey: (await import('node:crypto')).createSecretKey(Buffer.from('another-deployment-secret-of-48-characters-long!')) };
    await expectRefused(`Bearer ${signJwt(other, { sub: 'ada', role: 'admin' })}`);
    const [h, , s] = signJwt(t.keys, { sub: 'carol', role: 'committee', partnerships: ['p1'] }).split('.');
    const promoted = b64({ sub: 'carol', role: 'admin', iss: 'covenant', aud: 'covenant-api', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 });
    await expectRefused(`Bearer ${h}.${promoted}.${s}`);
  });

  it('refuses another algorithm than the deployment’s: an EdDSA token, and HS256 keyed with a public key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    await expectRefused(`Bearer ${signJwt({ ...t.keys, algorithm: 'EdDSA', signKey: privateKey }, { sub: 'ada', role: 'admin' })}`);
    // The classic confusion: an attacker HMACs with a public key as the secret.
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'ada', role: 'admin', iss: 'covenant', aud: 'covenant-api', iat: 1, exp: 4102444800 })}`;
    await expectRefused(`Bearer ${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`);
  });

  it.each([
    ['another issuer', { iss: 'someone-else' }],
    ['another audience', { aud: 'other-api' }],
    ['an unknown role', { role: 'root' }],
    ['no subject', { sub: undefined }],
    ['a malformed subject', { sub: 'ada lovelace' }],
    ['partnerships that are not a list of ids', { partnerships: 'p1' }],
  ])('refuses a correctly signed token with %s', async (_, override) => {
    await expectRefused(`Bearer ${signJwt(t.keys, { sub: 'ada', role: 'admin', ...override })}`);
  });

  it.each([
    ['garbage', 'Bearer not-a-jwt'],
    ['two segments', 'Bearer abc.def'],
    ['another scheme', `Basic ${Buffer.from('ada:secret').toString('base64')}`],
    ['an empty bearer', 'Bearer '],
  ])('refuses %s in the Authorization header', async (_, header) => {
    const res = await get(header).expect(401);
    expect(res.body.code).toMatch(/^AUTH\.TOKEN_(INVALID|REQUIRED)$/);
  });

  it('does not take a token from the query string', async () => {
    const token = t.bearer({ sub: 'ada', role: 'admin' }).slice('Bearer '.length);
    await t.anonymous().get(`/contracts?access_token=${token}`).expect(401);
  });

  it('sends security headers (helmet) and no CORS headers when no origin is configured', async () => {
    const res = await t.http().get('/contracts').set('Origin', 'https://evil.example').expect(200);
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'strict-transport-security': expect.stringMatching(/max-age=/) });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    // Refusals, unknown routes and bodies Fastify refuses carry them too: the hook runs before routing, parsing and authentication.
    const tooLarge = await t.http().post('/partnerships').set('Content-Type', 'application/json').send(JSON.stringify({ padding: 'x'.repeat(1_100_000) })).expect(413);
    for (const refused of [await t.anonymous().get('/contracts').expect(401), await t.http().get('/no-such-route').expect(404), tooLarge]) {
      expect(refused.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN' });
      expect(refused.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });
});

describe('failed authentications are rate limited per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { COVENANT_AUTH_FAILURES_PER_MINUTE: '3' });
  });
  afterAll(async () => t?.close());

  it('answers 429 with Retry-After after the limit, even to a valid token from that address, while requests without a token stay 401', async () => {
    for (let i = 0; i < 3; i++) await t.anonymous().get('/contracts').set('Authorization', 'Bearer bad.token.x').expect(401);
    const limited = await t.anonymous().get('/contracts').set('Authorization', 'Bearer bad.token.x').expect(429);
    expect(limited.body).toMatchObject({ status: 429, code: 'AUTH.TOO_MANY_FAILURES' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await t.http().get('/contracts').expect(429);
    await t.anonymous().get('/contracts').expect(401);
    await t.anonymous().get('/health').expect(200);
  });
});

describe('CORS when origins are configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { COVENANT_CORS_ORIGINS: 'https://governance.example.com' });
  });
  afterAll(async () => t?.close());

  it('answers the configured origin’s preflight and requests, and no other origin', async () => {
    const preflight = await t
      .anonymous()
      .options('/contracts')
      .set('Origin', 'https://governance.example.com')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://governance.example.com');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/i);
    const res = await t.http().get('/contracts').set('Origin', 'https://governance.example.com').expect(200);
    expect(res.headers['access-control-expose-headers']).toMatch(/ETag/);
    const other = await t.http().get('/contracts').set('Origin', 'https://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('party scope: a contract manager acts for its party in every partnership of that party', () => {
  let t: TestApp;
  let c: ContractHttp;
  const form = (partnershipId: string, a: string, b: string) => ({ partnershipId, name: `${a} × ${b}`, parties: [{ partyId: a, name: a }, { partyId: b, name: b }] });
  beforeAll(async () => {
    t = await startTestApp('sqlite');
    c = new ContractHttp(t.app);
    await c.post('/partnerships', form('p-initech-acme', 'initech', 'acme'), 'ola.ops', 201);
    await c.post('/partnerships', form('p-globex-umbrella', 'globex', 'umbrella'), 'ola.ops', 201);
  });
  afterAll(async () => t?.close());

  it('reaches the partnerships its party belongs to, lists only those, and may form one only with its party in it', async () => {
    const initech = t.bearer({ sub: 'ivy.initech', role: 'contract-manager', parties: ['initech'] });
    await t.anonymous().get('/partnerships/p-initech-acme').set('Authorization', initech).expect(200);
    await t.anonymous().get('/partnerships/p-globex-umbrella').set('Authorization', initech).expect(403);
    const list = await t.anonymous().get('/partnerships').set('Authorization', initech).expect(200);
    expect(list.body.items.map((p: { partnershipId: string }) => p.partnershipId)).toEqual(['p-initech-acme']);
    await t.anonymous().post('/partnerships/p-initech-acme/charter').set('Authorization', initech).send({}).expect(200);
    await t.anonymous().post('/partnerships').set('Authorization', initech).send(form('p-initech-hooli', 'initech', 'hooli')).expect(201);
    const foreign = await t.anonymous().post('/partnerships').set('Authorization', initech).send(form('p-hooli-globex', 'hooli', 'globex')).expect(403);
    expect(foreign.body.code).toBe('AUTH.OUT_OF_SCOPE');
    // The new partnership is in reach at once (its party is the token's).
    await t.anonymous().get('/partnerships/p-initech-hooli').set('Authorization', initech).expect(200);
  });
});
