import { generateKeyPairSync } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startTestApp, TestApp } from '../../../../test/e2e/app-fixture';
import { cliTarget, covenant, removeTarget, Target } from '../test-support/cli-target';

/**
 * The README's path from an empty store to an authenticated request: `covenant token` mints a token for
 * the deployment in COVENANT_DATA_DIR (creating its secret on first use), and the API accepts it.
 */
describe('covenant token', () => {
  let target: Target;
  let t: TestApp | undefined;

  beforeAll(async () => {
    target = await cliTarget('sqlite', 'covenant-token-');
  });
  afterAll(async () => {
    await t?.close();
    await removeTarget(target);
  });

  it('mints an admin token on an empty data dir (secret created 0600) that the API then accepts', async () => {
    const run = covenant(['token', '--role', 'admin', '--subject', 'ada.admin', '--ttl', '1h'], target);
    expect(run.stderr).toMatch(/^admin token for ada\.admin \(HS256\), reaching every partnership, valid until \d{4}-/);
    expect(run.status).toBe(0);
    const token = run.stdout.trim();
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'ada.admin', role: 'admin', iss: 'covenant', aud: 'covenant-api', partnerships: [], parties: [] });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    expect(statSync(join(target.dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);

    t = await startTestApp('sqlite', { COVENANT_DATA_DIR: target.dataDir });
    await t.anonymous().get('/contracts').expect(401);
    await t.anonymous().get('/contracts').set('Authorization', `Bearer ${token}`).expect(200);
    const formed = await t
      .anonymous()
      .post('/partnerships')
      .set('Authorization', `Bearer ${token}`)
      .send({ partnershipId: 'p-token', name: 'Token', parties: [{ partyId: 'acme', name: 'Acme' }, { partyId: 'globex', name: 'Globex' }] })
      .expect(201);
    expect(formed.body).toEqual({ id: 'p-token', version: 0 });
    const history = await t.http().get('/events?categories=partnership').expect(200);
    expect(history.body.items.map((e: { metadata: { actorId: string } }) => e.metadata.actorId)).toEqual(['ada.admin']);
  });

  it('mints scoped tokens: a committee token reaches its partnership only', async () => {
    const run = covenant(['token', '--role', 'committee', '--subject', 'dana.steering', '--partnership', 'p-token', '--ttl', '30m'], target);
    expect(run.status).toBe(0);
    const token = run.stdout.trim();
    expect(decodeJwt(token)).toMatchObject({ role: 'committee', partnerships: ['p-token'], parties: [] });
    const app = t as TestApp;
    await app.anonymous().get('/partnerships/p-token').set('Authorization', `Bearer ${token}`).expect(200);
    await app.anonymous().get('/partnerships/p-other').set('Authorization', `Bearer ${token}`).expect(403);
    await app.anonymous().post('/partnerships/p-token/charter').set('Authorization', `Bearer ${token}`).send({}).expect(403);
  });

  it.each([
    [['token'], /required option '--role <role>'/],
    [['token', '--role', 'root'], /--role accepts admin \| contract-manager \| committee \| mediator \| auditor; got "root"/],
    [['token', '--role', 'committee'], /a committee token needs at least one --partnership or --party/],
    [['token', '--role', 'auditor', '--party', 'acme'], /an auditor token reaches every partnership: drop --partnership and --party/],
    [['token', '--role', 'admin', '--ttl', '400d'], /--ttl accepts a duration such as 3600, 30m, 8h or 30d \(at most 366d\); got "400d"/],
    [['token', '--role', 'mediator', '--partnership', 'bad id'], /--partnership takes ids of 1-200 letters/],
  ])('refuses %j with exit 2 and a message, printing no token', (args, message) => {
    const run = covenant(args, target);
    expect(run.stderr).toMatch(message);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
  });

  it('mints EdDSA tokens with a configured private key; the API checks them with the public key alone', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const priv = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const keyed = await cliTarget('sqlite', 'covenant-token-eddsa-');
    let app: TestApp | undefined;
    try {
      const run = covenant(['token', '--role', 'auditor', '--subject', 'aude.auditor'], { ...keyed, env: { COVENANT_JWT_PUBLIC_KEY: pub, COVENANT_JWT_PRIVATE_KEY: priv } });
      expect(run.status).toBe(0);
      const token = run.stdout.trim();
      expect(decodeProtectedHeader(token).alg).toBe('EdDSA');
      app = await startTestApp('sqlite', { COVENANT_DATA_DIR: keyed.dataDir, COVENANT_JWT_PUBLIC_KEY: pub });
      await app.anonymous().get('/audit/verify').set('Authorization', `Bearer ${token}`).expect(200);
      // The same claims signed with the generated HS256 secret of another deployment are refused.
      const hs = covenant(['token', '--role', 'auditor'], target).stdout.trim();
      await app.anonymous().get('/audit/verify').set('Authorization', `Bearer ${hs}`).expect(401);
      // Without the private key the CLI says how to mint, and prints nothing.
      const noKey = covenant(['token', '--role', 'admin'], { ...keyed, env: { COVENANT_JWT_PUBLIC_KEY: pub } });
      expect(noKey.status).toBe(2);
      expect(noKey.stderr).toMatch(/set COVENANT_JWT_PRIVATE_KEY/);
      expect(noKey.stdout).toBe('');
    } finally {
      await app?.close();
      await removeTarget(keyed);
    }
  });
});
