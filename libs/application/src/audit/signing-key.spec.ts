import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/covenant-config';
import { loadSigningKey, SIGNING_KEY_FILE } from './signing-key';

const ed25519Pem = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

describe('checkpoint configuration', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'covenant-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('checkpoints every 1000 events or 60 s by default, with no configured key', () => {
    expect(loadConfig({}, dir)).toMatchObject({ checkpointEveryEvents: 1000, checkpointEverySeconds: 60, signingKey: undefined });
    expect(loadConfig({ COVENANT_CHECKPOINT_EVERY_EVENTS: '5', COVENANT_CHECKPOINT_EVERY_SECONDS: '2' })).toMatchObject({ checkpointEveryEvents: 5, checkpointEverySeconds: 2 });
  });

  it.each([
    ['COVENANT_CHECKPOINT_EVERY_EVENTS', '0'],
    ['COVENANT_CHECKPOINT_EVERY_EVENTS', '1.5'],
    ['COVENANT_CHECKPOINT_EVERY_EVENTS', 'often'],
    ['COVENANT_CHECKPOINT_EVERY_SECONDS', '86401'],
    ['COVENANT_CHECKPOINT_EVERY_SECONDS', '-3'],
  ])('stops start-up on %s=%s naming the variable and the range', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name} accepts an integer \\d+-\\d+`));
  });

  it('takes an inline PKCS8 PEM (also with literal \\n) and never prints it', () => {
    const pem = ed25519Pem();
    for (const raw of [pem, pem.replace(/\n/g, '\\n')]) {
      const config = loadConfig({ COVENANT_SIGNING_KEY: raw });
      expect(config.signingKey?.value()).toBe(pem);
      expect(JSON.stringify(config)).not.toContain('PRIVATE KEY');
      expect(`${config.signingKey}`).toBe('(inline, hidden)');
    }
  });

  it('takes the path of a key file, relative to the working directory', () => {
    const pem = ed25519Pem();
    writeFileSync(join(dir, 'signing.pem'), pem);
    const config = loadConfig({ COVENANT_SIGNING_KEY: 'signing.pem' }, dir);
    expect(config.signingKey?.file).toBe(join(dir, 'signing.pem'));
    expect(JSON.stringify({ k: config.signingKey })).toBe(JSON.stringify({ k: join(dir, 'signing.pem') }));
    expect(loadSigningKey(config, { create: false })?.source).toBe('configured');
  });

  it.each([
    ['a missing file', () => 'missing.pem'],
    ['a key that is not Ed25519', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()],
    ['a public key', () => generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString()],
    ['a damaged PEM', () => '-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n'],
  ])('refuses %s as COVENANT_SIGNING_KEY, without echoing key material', (_what, value) => {
    const raw = value();
    expect(() => loadConfig({ COVENANT_SIGNING_KEY: raw }, dir)).toThrow(/COVENANT_SIGNING_KEY accepts an Ed25519 private key/);
    try {
      loadConfig({ COVENANT_SIGNING_KEY: raw }, dir);
    } catch (err) {
      expect((err as Error).message).not.toContain('KEY-----\n');
    }
  });
});

describe('the signing key of the embedded default', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'covenant-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated on first start into the data directory with mode 0600, then reused', () => {
    const dataDir = join(dir, 'data');
    expect(loadSigningKey({ dataDir }, { create: false })).toBeNull();
    const first = loadSigningKey({ dataDir }, { create: true });
    const file = join(dataDir, SIGNING_KEY_FILE);
    expect(first).toMatchObject({ source: 'generated', file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadSigningKey({ dataDir }, { create: true });
    expect(again?.source).toBe('data-dir');
    expect(again?.publicKey.export({ format: 'pem', type: 'spki' })).toEqual(first?.publicKey.export({ format: 'pem', type: 'spki' }));
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('gives way to COVENANT_SIGNING_KEY, writing nothing', () => {
    const config = loadConfig({ COVENANT_SIGNING_KEY: ed25519Pem(), COVENANT_DATA_DIR: dir });
    expect(loadSigningKey(config, { create: true })?.source).toBe('configured');
    expect(() => statSync(join(dir, SIGNING_KEY_FILE))).toThrow(/ENOENT/);
  });
});
