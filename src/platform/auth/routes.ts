import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../audit/audit.ts';
import { DomainError } from '../errors/catalogue.ts';
import { fieldError, parseForm } from '../forms/validation.ts';
import { auditActor } from '../http/context.ts';
import { safeLocalPath } from '../http/rendering.ts';
import { sessionCookieName, sessionCookieOptions } from './authentication.ts';
import { verifyPassword } from './passwords.ts';
import { userAccount } from './schema.ts';
import { createSession, endSession, touchSession } from './sessions.ts';
import { recordSignInAttempt, signInBlocked } from './throttle.ts';

const signInSchema = z.object({
  email: z
    .string({ error: 'errors.signIn.emailRequired' })
    .trim()
    .min(1, { error: 'errors.signIn.emailRequired' })
    .max(254, { error: 'errors.signIn.emailFormat' })
    .pipe(z.email({ error: 'errors.signIn.emailFormat' })),
  password: z
    .string({ error: 'errors.signIn.passwordRequired' })
    .min(1, { error: 'errors.signIn.passwordRequired' })
    .max(1024, { error: 'errors.signIn.passwordRequired' }),
  returnTo: z.string().optional(),
});

const SIGN_IN_TEMPLATE = 'auth/views/sign-in.njk';

function signInView(
  request: FastifyRequest,
  values: { email?: string; returnTo?: string },
  extra: Record<string, unknown> = {},
) {
  const reason = (request.query as Record<string, unknown> | undefined)?.reason;
  return {
    pageTitle: request.messages.t('signIn.title'),
    values: { email: values.email ?? '' },
    returnTo: safeLocalPath(values.returnTo, '/'),
    signedOutReason: reason === 'timeout' || request.sessionEnded ? 'timeout' : null,
    oidcEnabled: Boolean(request.server.deps.config.oidc),
    ...extra,
  };
}

/** Begin a signed-in session: always a new session id (the old one, if any, ended). */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  authMethod: 'password' | 'oidc',
): Promise<void> {
  const { config, database } = request.server.deps;
  const secure = config.secureCookies;
  await database.db.transaction(async (tx) => {
    if (request.sessionIdHash) await endSession(tx, request.sessionIdHash, request.now);
    const { token, idHash } = await createSession(tx, {
      userId,
      authMethod,
      now: request.now,
      policy: { idleSeconds: config.session.idleSeconds, absoluteSeconds: config.session.absoluteSeconds },
    });
    await appendAudit(tx, { ...auditActor(request), userId }, request.now, [
      {
        action: 'sign-in',
        resourceType: 'user',
        resourceIds: [userId],
        fieldCategories: ['credentials'],
        reason: authMethod,
      },
    ]);
    // A browser-session cookie (no Max-Age): closing the browser forgets it; the server
    // enforces the idle and absolute limits whatever the browser keeps.
    reply.setCookie(sessionCookieName(secure), token, sessionCookieOptions(secure));
    request.sessionIdHash = idHash;
  });
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app.deps;

  app.get('/sign-in', { config: { policy: { public: true } } }, async (request, reply) => {
    if (request.principal) return reply.redirect('/', 303);
    const returnTo = (request.query as Record<string, unknown>).returnTo;
    return reply.page(
      SIGN_IN_TEMPLATE,
      signInView(request, { returnTo: typeof returnTo === 'string' ? returnTo : undefined }),
    );
  });

  app.post('/sign-in', { config: { policy: { public: true } } }, async (request, reply) => {
    const t = request.messages.t;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(signInSchema, body, t);
    const typedEmail = typeof body.email === 'string' ? body.email.slice(0, 254) : '';
    const returnTo = typeof body.returnTo === 'string' ? body.returnTo : undefined;
    if (!parsed.ok) {
      return reply.page(SIGN_IN_TEMPLATE, signInView(request, { email: typedEmail, returnTo }, parsed), {
        status: 400,
      });
    }
    const { email, password } = parsed.data;
    const db = app.deps.database.db;
    const now = request.now;
    const throttle = await signInBlocked(db, { email, clientIp: request.ip, now, policy: config.signIn });
    if (throttle.blocked) {
      throw new DomainError('TOO_MANY_SIGN_IN_ATTEMPTS', {
        minutes: Math.ceil(throttle.retryAfterSeconds / 60),
        retryAfter: throttle.retryAfterSeconds,
      });
    }
    const [account] = await db
      .select({ id: userAccount.id, passwordHash: userAccount.passwordHash, disabledAt: userAccount.disabledAt })
      .from(userAccount)
      .where(eq(userAccount.email, email.toLowerCase()));
    const passwordOk = await verifyPassword(account?.passwordHash, password);
    const ok = Boolean(account && passwordOk && !account.disabledAt);
    await recordSignInAttempt(db, { email, clientIp: request.ip, succeeded: ok, now });
    if (!ok || !account) {
      await db.transaction((tx) =>
        appendAudit(tx, auditActor(request), now, [
          {
            action: 'sign-in-failed',
            resourceType: 'user',
            resourceIds: account ? [account.id] : [],
            fieldCategories: ['credentials'],
          },
        ]),
      );
      const failure = fieldError('email', t('errors.signIn.wrongCredentials'));
      return reply.page(SIGN_IN_TEMPLATE, signInView(request, { email, returnTo }, failure), { status: 401 });
    }
    await startSession(request, reply, account.id, 'password');
    return reply.redirect(safeLocalPath(returnTo, '/'), 303);
  });

  const signOut = async (request: FastifyRequest, reply: FastifyReply) => {
    const secure = config.secureCookies;
    if (request.sessionIdHash) {
      const idHash = request.sessionIdHash;
      await app.deps.database.db.transaction(async (tx) => {
        await endSession(tx, idHash, request.now);
        await appendAudit(tx, auditActor(request), request.now, [
          {
            action: 'sign-out',
            resourceType: 'user',
            resourceIds: request.principal ? [request.principal.userId] : [],
          },
        ]);
      });
    }
    reply.clearCookie(sessionCookieName(secure), sessionCookieOptions(secure));
    reply.header('Clear-Site-Data', '"cache", "storage"');
    const reason = (request.query as Record<string, unknown>).reason === 'timeout' ? '?reason=timeout' : '';
    return reply.redirect(`/signed-out${reason}`, 303);
  };

  app.post('/sign-out', { config: { policy: { public: true } } }, signOut);
  // The timeout warning navigates here when time runs out. Signing out by GET is allowed
  // only from our own pages (Sec-Fetch-Site), so another site cannot sign people out.
  app.get('/sign-out', { config: { policy: { public: true } } }, async (request, reply) => {
    const site = request.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') return reply.redirect('/signed-out', 303);
    return signOut(request, reply);
  });

  app.get('/signed-out', { config: { policy: { public: true } } }, async (request, reply) => {
    const timedOut = (request.query as Record<string, unknown>).reason === 'timeout';
    return reply.page('auth/views/signed-out.njk', {
      pageTitle: request.messages.t(timedOut ? 'signedOut.timeoutTitle' : 'signedOut.title'),
      timedOut,
    });
  });

  /** "Stay signed in": keeps the session alive; answers JSON for the timeout warning script. */
  app.post('/session/extend', { config: { policy: { signedIn: true } } }, async (request, reply) => {
    if (request.sessionIdHash) await touchSession(app.deps.database.db, request.sessionIdHash, request.now);
    if ((request.headers.accept ?? '').includes('text/html')) {
      return reply.redirect(safeLocalPath((request.body as Record<string, unknown>)?.returnTo, '/'), 303);
    }
    return reply.send({ status: 'extended', idleSeconds: config.session.idleSeconds });
  });

  app.get<{ Params: { language: string }; Querystring: { returnTo?: string } }>(
    '/language/:language',
    { config: { policy: { public: true } } },
    async (request, reply) => {
      const language = request.params.language === 'cy' ? 'cy' : request.params.language === 'en' ? 'en' : null;
      if (!language) throw new DomainError('PAGE_NOT_FOUND');
      reply.setCookie('childvoice-language', language, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        secure: config.secureCookies,
        maxAge: 365 * 24 * 3600,
      });
      return reply.redirect(safeLocalPath(request.query.returnTo, '/'), 303);
    },
  );
}
