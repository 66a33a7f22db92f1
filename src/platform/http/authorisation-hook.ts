import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { appendAuditNow } from '../audit/audit.ts';
import { can } from '../authorisation/policy.ts';
import { DomainError } from '../errors/catalogue.ts';
import { auditActor, type CaseAccessResolver, type RoutePolicy } from './context.ts';
import { safeLocalPath } from './rendering.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export type RouteInventory = { method: string; url: string; policy: RoutePolicy | undefined }[];

/**
 * Collect every route's policy at registration. A route without a policy fails start-up
 * (and so the test suite) rather than being served open.
 */
export function requirePolicies(app: FastifyInstance, inventory: RouteInventory, staticPrefixes: string[] = []): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // Static asset folders are public by declaration here, not by omission.
    if (!route.config?.policy && staticPrefixes.some((prefix) => route.url.startsWith(prefix))) {
      route.config = { ...(route.config ?? {}), policy: { public: true } };
    }
    const policy = route.config?.policy;
    for (const method of methods) {
      if (method === 'HEAD') continue;
      inventory.push({ method, url: route.url, policy });
    }
    if (!policy) {
      throw new Error(`Route ${methods.join(',')} ${route.url} has no authorisation policy (config.policy).`);
    }
  });
}

function signInRedirect(request: FastifyRequest, reply: FastifyReply) {
  const returnTo = encodeURIComponent(safeLocalPath(request.url));
  return reply.redirect(`/sign-in?returnTo=${returnTo}`, 302);
}

/**
 * Deny by default. Public routes pass; everything else needs a signed-in person; routes
 * with an action are decided by `can`, loading the case's access facts when the route
 * names a case. A refusal on a case is audited, and says nothing about the case.
 */
export function authorisationHook(caseAccess: CaseAccessResolver) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    // The not-found handler answers 404 to everyone: it reveals nothing.
    if (request.is404) return;
    const policy = request.routeOptions.config?.policy;
    if (!policy) throw new DomainError('FORBIDDEN');
    if ('public' in policy) return;
    const principal = request.principal;
    if (!principal) {
      if (request.sessionEnded) throw new DomainError('SESSION_EXPIRED');
      if (request.method === 'GET') return signInRedirect(request, reply);
      throw new DomainError('NOT_SIGNED_IN');
    }
    if ('signedIn' in policy) return;
    if (!policy.caseParam) {
      if (!can(principal, policy.action)) throw new DomainError('FORBIDDEN');
      return;
    }
    const caseId = (request.params as Record<string, unknown>)[policy.caseParam];
    if (!isUuid(caseId)) throw new DomainError('CASE_NOT_FOUND');
    const facts = await caseAccess(caseId, request.now);
    if (!facts) throw new DomainError('CASE_NOT_FOUND');
    if (!can(principal, policy.action, { kind: 'case', facts })) {
      const db = request.server.deps.database.db;
      await appendAuditNow(db, auditActor(request), request.now, [
        { action: 'denied', resourceType: 'case', resourceIds: [caseId], caseId, reason: policy.action },
      ]);
      const offerEmergency = can(principal, 'case:emergency-access', { kind: 'case', facts });
      throw new DomainError(
        'CASE_FORBIDDEN',
        offerEmergency ? { emergencyAccessHref: `/cases/${caseId}/emergency-access` } : {},
      );
    }
    request.caseFacts = facts;
  };
}
