import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PrincipalLoader } from '../http/context.ts';
import { findSession, type SessionPolicy } from './sessions.ts';

export function sessionCookieName(secure: boolean): string {
  // The __Host- prefix binds the cookie to this host, HTTPS and path=/ (no subdomain can set it).
  return secure ? '__Host-childvoice-session' : 'childvoice-session';
}

export function sessionCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
}

/** Load the session and the person acting, on every request that is not public-only. */
export function authenticationHook(options: { secure: boolean; policy: SessionPolicy; principals: PrincipalLoader }) {
  const cookieName = sessionCookieName(options.secure);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    request.principal = null;
    request.sessionIdHash = null;
    request.sessionEnded = null;
    const token = request.cookies[cookieName];
    if (!token) return;
    const db = request.server.deps.database.db;
    const found = await findSession(db, token, request.now, options.policy);
    if (found.state !== 'active') {
      reply.clearCookie(cookieName, sessionCookieOptions(options.secure));
      if (found.state === 'expired') request.sessionEnded = found.reason;
      return;
    }
    const principal = await options.principals(found.session.userId, found.session.accessVersion);
    if (!principal) {
      reply.clearCookie(cookieName, sessionCookieOptions(options.secure));
      request.sessionEnded = 'disabled';
      return;
    }
    request.principal = principal;
    request.sessionIdHash = found.session.idHash;
  };
}
