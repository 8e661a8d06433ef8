import { createPrivateKey, createPublicKey, createSecretKey, KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { AuthSettings, CovenantConfig } from '../config/covenant-config';
import { CovenantClaims, Principal, Role, ROLES, TOKEN_ID } from './principal';

export type TokenAlgorithm = 'HS256' | 'EdDSA' | 'RS256';

/** Why a bearer token was refused; the message is safe to show (it never echoes the token). */
export class TokenRejectedError extends Error {
  constructor(readonly reason: 'expired' | 'malformed' | 'signature' | 'claims') {
    super(
      {
        expired: 'the token has expired',
        malformed: 'the token is not a well-formed signed JWT',
        signature: 'the token signature does not verify with the key of this deployment (or its algorithm is not accepted)',
        claims: 'the token lacks a valid sub, role, partnerships or parties claim, or its issuer or audience is not this deployment',
      }[reason],
    );
    this.name = 'TokenRejectedError';
  }
}

/** The keys of a deployment: what verifies tokens, and (when available) what signs them. */
export interface TokenKeys {
  algorithm: TokenAlgorithm;
  verifyKey: KeyObject;
  signKey?: KeyObject;
  issuer: string;
  audience: string;
}

export const SECRET_FILE = 'jwt-secret';

/**
 * The deployment's token keys from configuration: a configured secret or public/private key, or the
 * embedded default, an HS256 secret generated on first use into <dataDir>/jwt-secret (mode 0600).
 */
export function tokenKeysFrom(config: Pick<CovenantConfig, 'dataDir' | 'auth'>): TokenKeys {
  const auth: AuthSettings = config.auth ?? { issuer: 'covenant', audience: 'covenant-api', failuresPerMinute: 10 };
  const base = { issuer: auth.issuer, audience: auth.audience };
  if (auth.publicKey) {
    const verifyKey = createPublicKey(auth.publicKey.value());
    const algorithm: TokenAlgorithm = verifyKey.asymmetricKeyType === 'ed25519' ? 'EdDSA' : 'RS256';
    return { ...base, algorithm, verifyKey, signKey: auth.privateKey ? createPrivateKey(auth.privateKey.value()) : undefined };
  }
  const secret = auth.secret ? auth.secret.value().trim() : generatedSecret(config.dataDir);
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  return { ...base, algorithm: 'HS256', verifyKey: key, signKey: key };
}

function generatedSecret(dataDir: string): string {
  const file = join(dataDir, SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      // wx: two processes starting at once on one data dir keep the first one's secret.
      writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}

export interface MintOptions extends CovenantClaims {
  /** Seconds until expiry. */
  ttlSeconds: number;
  /** Issued-at override, for tests of expiry (seconds since the epoch). */
  issuedAt?: number;
}

/** Signs a Covenant token with the deployment's key (the CLI's `covenant token`, and tests). */
export async function mintToken(keys: TokenKeys, o: MintOptions): Promise<string> {
  if (!keys.signKey) throw new Error('This deployment verifies EdDSA/RS256 tokens with a public key only: set COVENANT_JWT_PRIVATE_KEY to mint them here');
  const claims = checkClaims(o);
  if (!claims) throw new Error('a token needs a sub and role of ' + ROLES.join('|') + ', and ids of letters, digits and ._:@-');
  const iat = o.issuedAt ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ role: claims.role, partnerships: [...claims.partnerships], parties: [...claims.parties] })
    .setProtectedHeader({ alg: keys.algorithm, typ: 'JWT' })
    .setSubject(claims.actorId)
    .setIssuer(keys.issuer)
    .setAudience(keys.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + o.ttlSeconds)
    .setJti(randomUUID())
    .sign(keys.signKey);
}

/**
 * Verifies a compact JWT: the one algorithm of this deployment only (so `alg: none` and HS256-with-
 * the-public-key confusions fail), issuer, audience, expiry (and `nbf`) with no leeway beyond 5 s of
 * clock skew, and Covenant's claims. Throws TokenRejectedError.
 */
export async function verifyToken(keys: TokenKeys, token: string): Promise<Principal> {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token) || token.length > 8192) throw new TokenRejectedError('malformed');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, keys.verifyKey, {
      algorithms: [keys.algorithm],
      issuer: keys.issuer,
      audience: keys.audience,
      requiredClaims: ['sub', 'exp', 'iat'],
      clockTolerance: 5,
    }));
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw new TokenRejectedError('expired');
    if (e instanceof joseErrors.JWTClaimValidationFailed) throw new TokenRejectedError('claims');
    if (e instanceof joseErrors.JWSSignatureVerificationFailed || e instanceof joseErrors.JOSEAlgNotAllowed) throw new TokenRejectedError('signature');
    throw new TokenRejectedError('malformed');
  }
  const claims = checkClaims(payload);
  if (!claims) throw new TokenRejectedError('claims');
  return { ...claims, tokenId: typeof payload.jti === 'string' ? payload.jti : undefined, expiresAt: new Date(Number(payload.exp) * 1000).toISOString() };
}

const ids = (v: unknown): string[] | null => (v === undefined ? [] : Array.isArray(v) && v.length <= 1000 && v.every((x) => typeof x === 'string' && TOKEN_ID.test(x)) ? [...new Set(v as string[])] : null);

function checkClaims(c: Record<string, unknown> | MintOptions): Pick<Principal, 'actorId' | 'role' | 'partnerships' | 'parties'> | null {
  const sub = c.sub;
  const role = c.role;
  if (typeof sub !== 'string' || !TOKEN_ID.test(sub)) return null;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return null;
  const partnerships = ids(c.partnerships);
  const parties = ids(c.parties);
  if (!partnerships || !parties) return null;
  return { actorId: sub, role: role as Role, partnerships, parties };
}
