import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CovenantConfig } from '../config/covenant-config';

/** The embedded default's key file, in the data directory (never in the repository). */
export const SIGNING_KEY_FILE = 'audit-signing-key.pem';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** `configured`: COVENANT_SIGNING_KEY; `data-dir`: read from <dataDir>/audit-signing-key.pem; `generated`: created there now. */
  source: 'configured' | 'data-dir' | 'generated';
  /** The file read or written, when there is one. */
  file?: string;
}

function fromPem(pem: string, source: SigningKey['source'], file?: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file ?? 'the signing key'} is not an Ed25519 private key`);
  return { privateKey, publicKey: createPublicKey(privateKey), source, ...(file ? { file } : {}) };
}

/**
 * The checkpoint signing key: COVENANT_SIGNING_KEY when configured, else the data directory's key
 * file, else (with `create`, which the API process does on start) a new Ed25519 key written there
 * with mode 0600. The file appears complete or not at all (written aside, then hard-linked into
 * place, which fails if another process got there first: then its key is used). Without `create`
 * and without a key, null: a verifier must not invent the key it checks against.
 */
export function loadSigningKey(config: Pick<CovenantConfig, 'signingKey' | 'dataDir'>, options: { create: boolean }): SigningKey | null {
  if (config.signingKey) return fromPem(config.signingKey.value(), 'configured', config.signingKey.file);
  const file = join(config.dataDir, SIGNING_KEY_FILE);
  if (existsSync(file)) return fromPem(readFileSync(file, 'utf8'), 'data-dir', file);
  if (!options.create) return null;
  mkdirSync(config.dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const aside = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(aside, pem, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(aside, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return fromPem(readFileSync(file, 'utf8'), 'data-dir', file);
  } finally {
    unlinkSync(aside);
  }
  return fromPem(pem, 'generated', file);
}

/** A public key given to the verifier by an auditor: SPKI PEM (as GET /audit/public-key serves it). */
export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the public key is not an Ed25519 key');
  return key;
}
