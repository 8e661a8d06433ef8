import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from '@covenant/application/auth/principal';
import type { HttpRequest } from '../http/http-types';
import { problem, ProblemException } from '../problem/problems';

/** What the AuthGuard learnt about a request, kept on the request for handlers and interceptors. */
export interface RequestAuth {
  principal: Principal;
  /** The partnerships a scoped token reaches (its own and its parties'); undefined: every partnership. */
  partnershipScope: readonly string[] | undefined;
}

const AUTH = Symbol('covenant.auth');
type WithAuth = HttpRequest & { [AUTH]?: RequestAuth };

export function setRequestAuth(req: HttpRequest, auth: RequestAuth): void {
  (req as WithAuth)[AUTH] = auth;
}

export function requestAuthOf(req: HttpRequest): RequestAuth | undefined {
  return (req as WithAuth)[AUTH];
}

/** The verified caller; a route without a principal here is a wiring error, answered as unauthenticated. */
export function principalOf(req: HttpRequest): Principal {
  const auth = requestAuthOf(req);
  if (!auth) throw new ProblemException(problem(401, 'AUTH.TOKEN_REQUIRED', 'Unauthenticated', 'Send a bearer token: Authorization: Bearer <token>'));
  return auth.principal;
}

/** `@CurrentPrincipal()`: the caller, from the bearer token. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext) => principalOf(ctx.switchToHttp().getRequest<HttpRequest>()));

/**
 * `@PartnershipScope()` on a list or report handler: the partnership ids the caller may see, to pass
 * into the query so only those items are returned (undefined: every partnership; an empty array:
 * none). Never derived from a query parameter.
 */
export const PartnershipScope = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): readonly string[] | undefined => {
    const auth = requestAuthOf(ctx.switchToHttp().getRequest<HttpRequest>());
    // No auth on the request would be a wiring error: it sees nothing rather than everything.
    return auth ? auth.partnershipScope : [];
  },
);
