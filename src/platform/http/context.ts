import type { Config } from '../../config.ts';
import type { AuditActor } from '../audit/audit.ts';
import type { Action, CaseAccessFacts } from '../authorisation/policy.ts';
import type { Principal } from '../authorisation/roles.ts';
import type { Database } from '../db/database.ts';
import type { Language, Messages } from '../i18n/i18n.ts';
import type { AssetManifest } from '../views/views.ts';

/**
 * Loads the person acting from their account id (owned by the organisation module), given
 * the account's access version read with the session (a loader may cache by it).
 */
export type PrincipalLoader = (userId: string, accessVersion: number) => Promise<Principal | null>;
/** Loads what the policy needs to know about a case, or null when there is no such case. */
export type CaseAccessResolver = (caseId: string, now: Date) => Promise<CaseAccessFacts | null>;

/** Everything the app needs from outside, passed in (never imported as singletons). */
export interface AppDeps {
  config: Config;
  database: Database;
  clock: () => Date;
  principals: PrincipalLoader;
  caseAccess: CaseAccessResolver;
  assets?: AssetManifest;
  messages?: Record<Language, Messages>;
  /** Logger options or false; tests pass false, or a stream to read what would be logged. */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
}

/** A file as a route that takes uploads (`config.uploads`) receives it in its body. */
export interface UploadedFile {
  fileName: string;
  content: Buffer;
}

/** How a route is authorised. Every route must have one; a route without one is refused. */
export type RoutePolicy = { public: true } | { signedIn: true } | { action: Action; caseParam?: string };

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    /** Every route with its policy: read by the authorisation matrix and coverage tests. */
    routeInventory: { method: string; url: string; policy: RoutePolicy | undefined }[];
  }
  interface FastifyContextConfig {
    policy?: RoutePolicy;
    /** The route takes a file upload (multipart form); no other route reads one. */
    uploads?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    sessionIdHash: string | null;
    sessionEnded: 'idle' | 'absolute' | 'ended' | 'disabled' | null;
    language: Language;
    messages: Messages;
    /** Set by the authorisation hook on case routes. */
    caseFacts: CaseAccessFacts | null;
    now: Date;
  }
}

export function auditActor(request: { principal: Principal | null; id: string; ip: string }): AuditActor {
  return {
    userId: request.principal?.userId ?? null,
    role: request.principal?.roles.join(',') ?? null,
    requestId: request.id,
    clientIp: request.ip,
  };
}
