import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { ConfigError, loadConfig } from '../config/covenant-config';
import { mintToken, TokenRejectedError, tokenKeysFrom, verifyToken } from './tokens';

const pem = (k: { export(o: { type: 'spki' | 'pkcs8'; format: 'pem' }): string | Buffer }, type: 'spki' | 'pkcs8') => k.export({ type, format: 'pem' }).toString();

describe('token configuration and keys', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'covenant-auth-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates one HS256 secret into the data dir on first use (0600) and keeps it', async () => {
    const config = loadConfig({ COVENANT_DATA_DIR: dir });
    const keys = tokenKeysFrom(config);
    expect(keys).toMatchObject({ algorithm: 'HS256', issuer: 'covenant', audience: 'covenant-api' });
    const secret = readFileSync(join(dir, 'jwt-secret'), 'utf8');
    expect(secret.trim()).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    const token = await mintToken(keys, { sub: 'ada', role: 'admin', ttlSeconds: 60 });
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(secret);
    await expect(verifyToken(tokenKeysFrom(config), token)).resolves.toMatchObject({ actorId: 'ada', role: 'admin', partnerships: [], parties: [] });
  });

  it('uses a configured secret, inline or from a file, and refuses one under 32 characters', async () => {
    const secret = 'a-deployment-secret-of-forty-characters!';
    const inline = tokenKeysFrom(loadConfig({ COVENANT_DATA_DIR: dir, COVENANT_JWT_SECRET: secret }));
    writeFileSync(join(dir, 'secret.txt'), `${secret}\n`);
    const fromFile = tokenKeysFrom(loadConfig({ COVENANT_DATA_DIR: dir, COVENANT_JWT_SECRET: join(dir, 'secret.txt') }));
    const token = await mintToken(inline, { sub: 'ada', role: 'auditor', ttlSeconds: 60 });
    await expect(verifyToken(fromFile, token)).resolves.toMatchObject({ role: 'auditor' });
    expect(() => loadConfig({ COVENANT_JWT_SECRET: 'short' })).toThrow(/COVENANT_JWT_SECRET.*at least 32 characters/);
    expect(() => loadConfig({ COVENANT_JWT_SECRET: '/no/such/secret/file' })).toThrow(ConfigError);
  });

  it('checks EdDSA and RS256 tokens with a public key, and mints them only with the matching private key', async () => {
    for (const [type, alg] of [['ed25519', 'EdDSA'], ['rsa', 'RS256']] as const) {
      const pair = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
      const env = { COVENANT_DATA_DIR: dir, COVENANT_JWT_PUBLIC_KEY: pem(pair.publicKey, 'spki') };
      const signing = tokenKeysFrom(loadConfig({ ...env, COVENANT_JWT_PRIVATE_KEY: pem(pair.privateKey, 'pkcs8') }));
      const token = await mintToken(signing, { sub: 'ada', role: 'mediator', partnerships: ['p1'], ttlSeconds: 60 });
      expect(decodeProtectedHeader(token).alg).toBe(alg);
      const verifying = tokenKeysFrom(loadConfig(env));
      expect(verifying.signKey).toBeUndefined();
      await expect(verifyToken(verifying, token)).resolves.toMatchObject({ role: 'mediator', partnerships: ['p1'] });
      await expect(mintToken(verifying, { sub: 'ada', role: 'admin', ttlSeconds: 60 })).rejects.toThrow(/COVENANT_JWT_PRIVATE_KEY/);
    }
  });

  it.each([
    ['a secret and a public key at once', () => ({ COVENANT_JWT_SECRET: 'x'.repeat(40), COVENANT_JWT_PUBLIC_KEY: pem(generateKeyPairSync('ed25519').publicKey, 'spki') }), /COVENANT_JWT_PUBLIC_KEY/],
    ['a public key that is not Ed25519 or RSA 2048+', () => ({ COVENANT_JWT_PUBLIC_KEY: pem(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey, 'spki') }), /COVENANT_JWT_PUBLIC_KEY/],
    ['a private key that does not match the public key', () => ({ COVENANT_JWT_PUBLIC_KEY: pem(generateKeyPairSync('ed25519').publicKey, 'spki'), COVENANT_JWT_PRIVATE_KEY: pem(generateKeyPairSync('ed25519').privateKey, 'pkcs8') }), /COVENANT_JWT_PRIVATE_KEY/],
    ['a failure limit of 0', () => ({ COVENANT_AUTH_FAILURES_PER_MINUTE: '0' }), /COVENANT_AUTH_FAILURES_PER_MINUTE/],
    ['a CORS origin with a path', () => ({ COVENANT_CORS_ORIGINS: 'https://a.example/app' }), /COVENANT_CORS_ORIGINS/],
  ])('stops start-up on %s, naming the variable', (_, env, message) => {
    expect(() => loadConfig(env())).toThrow(message);
  });

  it('never prints a secret: settings show a file path or "(inline, hidden)"', () => {
    const config = loadConfig({ COVENANT_JWT_SECRET: 'a-deployment-secret-of-forty-characters!' });
    expect(JSON.stringify(config)).not.toContain('a-deployment-secret');
    expect(JSON.stringify(config.auth)).toContain('(inline, hidden)');
  });

  it('reads CORS origins as a list', () => {
    expect(loadConfig({ COVENANT_CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).corsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(loadConfig({}).corsOrigins).toEqual([]);
  });

  it('refuses tokens whose time ran out, or that another deployment issued', async () => {
    const keys = tokenKeysFrom(loadConfig({ COVENANT_DATA_DIR: dir }));
    const old = await mintToken(keys, { sub: 'ada', role: 'admin', ttlSeconds: 10, issuedAt: Math.floor(Date.now() / 1000) - 60 });
    await expect(verifyToken(keys, old)).rejects.toEqual(new TokenRejectedError('expired'));
    const other = await mintToken({ ...keys, issuer: 'elsewhere' }, { sub: 'ada', role: 'admin', ttlSeconds: 60 });
    await expect(verifyToken(keys, other)).rejects.toEqual(new TokenRejectedError('claims'));
  });
});
