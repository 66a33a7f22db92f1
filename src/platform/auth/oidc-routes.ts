import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appendAudit } from '../audit/audit.ts';
import { DomainError } from '../errors/catalogue.ts';
import { auditActor } from '../http/context.ts';
import { safeLocalPath } from '../http/rendering.ts';
import {
  decodeFlow,
  encodeFlow,
  failureCode,
  linkSubject,
  matchAccount,
  OIDC_COOKIE_SECONDS,
  oidcClient,
  oidcCookieName,
} from './oidc.ts';
import { startSession } from './routes.ts';

/** Single sign-on routes; registered only when OIDC is configured. */
export async function oidcRoutes(app: FastifyInstance): Promise<void> {
  const { config, database } = app.deps;
  if (!config.oidc) return;
  const oidc = oidcClient(config.oidc);
  const redirectUri = `${config.publicUrl.origin}/auth/oidc/callback`;
  const cookieName = oidcCookieName(config.secureCookies);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies } as const;

  /** Audit a failed attempt, then show a page that says what to do (and nothing of the tokens). */
  const refuse = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    options: { status: 401 | 403; userId?: string | null; returnTo: string; message?: string },
  ) => {
    request.log.info({ code }, 'single sign-on refused');
    await database.db.transaction((tx) =>
      appendAudit(tx, auditActor(request), request.now, [
        {
          action: 'sign-in-failed',
          resourceType: 'user',
          resourceIds: options.userId ? [options.userId] : [],
          fieldCategories: ['credentials'],
          reason: `oidc: ${code}`,
        },
      ]),
    );
    const t = request.messages.t;
    const returnTo = safeLocalPath(options.returnTo, '/');
    return reply.page(
      'errors/401.njk',
      {
        pageTitle: t('oidc.failedTitle'),
        message: t(options.message ?? (options.status === 403 ? 'errors.oidc.noAccount' : 'errors.oidc.failed')),
        signInHref: `/sign-in?returnTo=${encodeURIComponent(returnTo)}`,
      },
      { status: options.status },
    );
  };

  app.get('/auth/oidc/start', { config: { policy: { public: true } } }, async (request, reply) => {
    const returnTo = safeLocalPath((request.query as Record<string, unknown>).returnTo, '/');
    let begun: Awaited<ReturnType<typeof oidc.begin>>;
    try {
      begun = await oidc.begin(redirectUri, returnTo);
    } catch (error) {
      request.log.error({ err: error }, 'single sign-on provider discovery failed');
      throw new DomainError('INTERNAL', {}, { cause: error });
    }
    reply.setCookie(cookieName, encodeFlow(begun.flow), {
      ...cookieOptions,
      signed: true,
      maxAge: OIDC_COOKIE_SECONDS,
    });
    return reply.redirect(begun.url.href, 303);
  });

  app.get('/auth/oidc/callback', { config: { policy: { public: true } } }, async (request, reply) => {
    const raw = request.cookies[cookieName];
    reply.clearCookie(cookieName, cookieOptions);
    const unsigned = raw ? request.unsignCookie(raw) : null;
    const flow = unsigned?.valid && unsigned.value ? decodeFlow(unsigned.value) : null;
    if (!flow) {
      // No attempt of ours in this browser (expired, tampered, or another site's link). Not the
      // generic 401 page: its sign-in link would return here, carrying the authorisation code.
      const code = raw ? 'bad-state-cookie' : 'no-state-cookie';
      return refuse(request, reply, code, { status: 401, returnTo: '/', message: 'errors.oidc.expired' });
    }
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const state = new URLSearchParams(query).get('state');
    if (state !== flow.state) return refuse(request, reply, 'state-mismatch', { status: 401, returnTo: flow.returnTo });

    const currentUrl = new URL(redirectUri);
    currentUrl.search = query;
    let claims: Awaited<ReturnType<typeof oidc.complete>>;
    try {
      claims = await oidc.complete(currentUrl, flow);
    } catch (error) {
      const code = failureCode(error);
      request.log.info({ errorCode: (error as { code?: unknown }).code }, 'single sign-on token refused');
      return refuse(request, reply, code, { status: 401, returnTo: flow.returnTo });
    }

    const match = await matchAccount(database.db, claims);
    if (!match.ok) {
      return refuse(request, reply, match.code, { status: 403, userId: match.userId, returnTo: flow.returnTo });
    }
    if (match.link) {
      const subject = match.link;
      await database.db.transaction(async (tx) => {
        if (!(await linkSubject(tx, match.userId, subject))) return;
        await appendAudit(tx, { ...auditActor(request), userId: match.userId }, request.now, [
          {
            action: 'change',
            resourceType: 'user',
            resourceIds: [match.userId],
            fieldCategories: ['credentials'],
            reason: 'oidc: linked',
          },
        ]);
      });
    }
    await startSession(request, reply, match.userId, 'oidc');
    return reply.redirect(safeLocalPath(flow.returnTo, '/'), 303);
  });
}
