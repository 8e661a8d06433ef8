/**
 * Who is calling, as a verified bearer token says. The roles and what they may do are in
 * QUALITY.md and in apps/api/src/auth/access-policy.ts; the actor recorded in event metadata is
 * `actorId`, from the token's `sub`, never from a request body or header.
 */
export const ROLES = ['admin', 'contract-manager', 'committee', 'mediator', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that see everything; the others see only the partnerships (and parties' partnerships) in their token. */
export const UNSCOPED_ROLES: readonly Role[] = ['admin', 'auditor'];

export interface Principal {
  actorId: string;
  role: Role;
  /** Partnerships named in the token (assigned to a mediator, governed by a committee, managed by a contract manager). */
  partnerships: readonly string[];
  /** Parties named in the token: a contract manager acts for these parties in every partnership they belong to. */
  parties: readonly string[];
  /** The token's id (`jti`) and expiry, for the access log and diagnostics. */
  tokenId?: string;
  expiresAt?: string;
}

/** The claims Covenant reads from (and `covenant token` writes into) a token, besides iss/aud/iat/exp/jti. */
export interface CovenantClaims {
  sub: string;
  role: Role;
  partnerships?: string[];
  parties?: string[];
}

export const isUnscoped = (p: Principal): boolean => UNSCOPED_ROLES.includes(p.role);

/** The id grammar of people, parties and partnerships in tokens, and of X-Correlation-Id. */
export const TOKEN_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$/;
