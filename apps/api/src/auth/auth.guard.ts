import { CanActivate, ExecutionContext, Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { Principal } from '@covenant/application/auth/principal';
import { TokenKeys, TokenRejectedError, verifyToken } from '@covenant/application/auth/tokens';
import { COVENANT_CONFIG } from '@covenant/application/config/config.module';
import type { CovenantConfig } from '@covenant/application/config/covenant-config';
import { headerOf, HttpReply, HttpRequest } from '../http/http-types';
import { problem, ProblemException } from '../problem/problems';
import { ACCESS_POLICY, policyKey, RoutePolicy, ScopeSource } from './access-policy';
import { setRequestAuth } from './request-principal';
import { ScopeResolver } from './scope-resolver';

export const TOKEN_KEYS = Symbol('TOKEN_KEYS');

const REALM = 'Bearer realm="covenant"';
/** Verified tokens remembered (the exact string → its principal) until they expire; oldest evicted first. */
const VERIFIED_CACHE_SIZE = 10_000;
const WINDOW_MS = 60_000;

const unauthenticated = (code: string, detail: string) => new ProblemException(problem(401, code, 'Unauthenticated', detail));
// One answer for "no such resource" and "not yours": a scoped token learns nothing about what it cannot reach.
const outOfScope = () => new ProblemException(problem(403, 'AUTH.OUT_OF_SCOPE', 'Forbidden', 'This token does not reach the resource'));

/**
 * The one global guard (ARCHITECTURE.md: auth guard at the edge). Every route but the public ones needs
 * a valid bearer token (401 otherwise, with WWW-Authenticate); the route's policy in ACCESS_POLICY then
 * decides by role (403) and partnership scope (403, or a filtered list). A client address that keeps
 * presenting bad tokens is refused with 429 for a minute (failed authentications are counted in
 * @nestjs/throttler's storage). Runs before pipes, so an unauthorised body is never validated or used.
 */
@Injectable()
export class AuthGuard implements CanActivate, OnApplicationShutdown {
  private readonly failures = new ThrottlerStorageService();
  private readonly blockedUntil = new Map<string, number>();
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(
    @Inject(TOKEN_KEYS) private readonly keys: TokenKeys,
    @Inject(COVENANT_CONFIG) private readonly config: CovenantConfig,
    private readonly scopes: ScopeResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = ACCESS_POLICY[policyKey(context.getClass().name, context.getHandler().name)];
    if (policy === 'public') return true;
    const http = context.switchToHttp();
    const req = http.getRequest<HttpRequest>();
    const principal = await this.authenticate(req, http.getResponse<HttpReply>());
    if (!policy) {
      // Fail closed: a route nobody wrote a policy for is refused to everyone, and the matrix test says which.
      throw new ProblemException(problem(403, 'AUTH.NO_POLICY', 'Forbidden', 'This route has no access policy'));
    }
    if (!this.roleMayCall(principal, policy, req.method)) {
      throw new ProblemException(problem(403, 'AUTH.ROLE_FORBIDDEN', 'Forbidden', `The ${principal.role} role may not call ${req.method} ${req.routeOptions?.url ?? 'this route'}`));
    }
    const partnershipScope = await this.scopes.partnershipsOf(principal);
    setRequestAuth(req, { principal, partnershipScope });
    if (partnershipScope !== undefined && !(await this.inScope(policy.scope, partnershipScope, principal, req))) throw outOfScope();
    return true;
  }

  onApplicationShutdown(): void {
    this.failures.onApplicationShutdown();
  }

  private roleMayCall(p: Principal, policy: RoutePolicy, method: string): boolean {
    if (p.role === 'admin') return true;
    if (p.role === 'auditor') return method === 'GET' || method === 'HEAD';
    return (policy.roles as readonly string[]).includes(p.role);
  }

  private async inScope(scope: ScopeSource, reach: readonly string[], principal: Principal, req: HttpRequest): Promise<boolean> {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    switch (scope.from) {
      case 'none':
        return false;
      case 'list':
        return true; // the handler filters with @PartnershipScope()
      case 'param': {
        const id = (req.params as Record<string, string> | undefined)?.[scope.param];
        const owner = id ? await this.scopes.partnershipOf(scope.kind, id) : null;
        return owner !== null && reach.includes(owner);
      }
      case 'body-partnership':
        return typeof body.partnershipId === 'string' && reach.includes(body.partnershipId);
      case 'new-partnership': {
        // Named in the token, or formed by (among others) a party the token acts for.
        const parties = Array.isArray(body.parties) ? body.parties : [];
        const named = typeof body.partnershipId === 'string' && reach.includes(body.partnershipId);
        return named || parties.some((p) => typeof p === 'object' && p !== null && principal.parties.includes(String((p as Record<string, unknown>).partyId)));
      }
    }
  }

  private async authenticate(req: HttpRequest, res: HttpReply): Promise<Principal> {
    const client = req.ip ?? 'unknown';
    const blocked = this.blockedUntil.get(client);
    const raw = headerOf(req, 'authorization');
    if (blocked !== undefined && raw !== undefined) {
      if (blocked > Date.now()) throw this.tooMany(res, blocked);
      this.blockedUntil.delete(client);
    }
    if (raw === undefined || raw.trim() === '') {
      void res.header('WWW-Authenticate', REALM);
      throw unauthenticated('AUTH.TOKEN_REQUIRED', 'Send a bearer token: Authorization: Bearer <token> (`covenant token` mints one)');
    }
    const token = bearerOf(req);
    try {
      if (!token) throw new TokenRejectedError('malformed');
      return await this.verify(token);
    } catch (e) {
      if (!(e instanceof TokenRejectedError)) throw e;
      const limit = this.config.auth?.failuresPerMinute ?? 10;
      const record = await this.failures.increment(`auth-failure:${client}`, WINDOW_MS, limit, WINDOW_MS, 'auth');
      if (record.isBlocked) {
        const until = Date.now() + record.timeToBlockExpire * 1000;
        this.blockedUntil.set(client, until);
        throw this.tooMany(res, until);
      }
      void res.header('WWW-Authenticate', `${REALM}, error="invalid_token", error_description="${e.message.replace(/[^\x20-\x7e]|"/g, "'")}"`);
      throw unauthenticated('AUTH.TOKEN_INVALID', `Bearer token refused: ${e.message}`);
    }
  }

  /**
   * Signature checks cost more than the rest of a small command; a client reuses its token, so the
   * principal of a token already verified is reused until the token's own expiry (checked each time).
   */
  private async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return known.principal;
    if (known) this.verified.delete(token);
    const principal = await verifyToken(this.keys, token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { principal, expiresAtMs: Date.parse(principal.expiresAt ?? '') || 0 });
    return principal;
  }

  private tooMany(res: HttpReply, until: number): ProblemException {
    const seconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
    void res.header('Retry-After', String(seconds));
    return new ProblemException(problem(429, 'AUTH.TOO_MANY_FAILURES', 'Too many failed authentications', `Too many bad tokens from this address; try again in ${seconds} s`));
  }
}

/** The token of `Authorization: Bearer <token>` (scheme case-insensitive); undefined for any other shape. */
function bearerOf(req: HttpRequest): string | undefined {
  const m = /^Bearer +([^\s]+) *$/i.exec(headerOf(req, 'authorization') ?? '');
  return m?.[1];
}
