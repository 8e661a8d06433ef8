import { createHmac, randomUUID, sign } from 'node:crypto';
import type { TokenKeys } from '@covenant/application/auth/tokens';
import type { CovenantClaims } from '@covenant/application/auth/principal';

const b64 = (v: object | Buffer): string => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');

/**
 * Signs a JWT synchronously with node:crypto — an implementation independent of the app's (jose), so
 * the e2e specs also check that tokens built to the standard verify. Overrides let the forgery specs
 * tamper with the header and the claims.
 */
export function signJwt(keys: TokenKeys, claims: CovenantClaims | Record<string, unknown>, o: { ttlSeconds?: number; iat?: number; header?: Record<string, unknown> } = {}): string {
  const iat = o.iat ?? Math.floor(Date.now() / 1000);
  const header = { alg: keys.algorithm, typ: 'JWT', ...o.header };
  const payload = { iss: keys.issuer, aud: keys.audience, iat, exp: iat + (o.ttlSeconds ?? 3600), jti: randomUUID(), ...claims };
  const input = `${b64(header)}.${b64(payload)}`;
  if (!keys.signKey) throw new Error('no signing key');
  const signature =
    keys.algorithm === 'HS256'
      ? createHmac('sha256', keys.signKey).update(input).digest()
      : sign(keys.algorithm === 'EdDSA' ? null : 'sha256', Buffer.from(input), keys.signKey);
  return `${input}.${b64(signature)}`;
}
