import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { allocationRoutes } from './modules/allocation/routes.ts';
import { caseworkRoutes } from './modules/casework/routes.ts';
import { closingRoutes } from './modules/closing/routes.ts';
import { courtRoutes } from './modules/court/routes.ts';
import { directWorkRoutes } from './modules/direct-work/routes.ts';
import { intakeRoutes } from './modules/intake/routes.ts';
import { oversightRoutes } from './modules/oversight/routes.ts';
import { performanceRoutes } from './modules/performance/routes.ts';
import { planningRoutes } from './modules/planning/routes.ts';
import { reportsRoutes } from './modules/reports/routes.ts';
import { safeguardingRoutes } from './modules/safeguarding/routes.ts';
import { navigationFor } from './navigation.ts';
import { authenticationHook } from './platform/auth/authentication.ts';
import { oidcRoutes } from './platform/auth/oidc-routes.ts';
import { authRoutes } from './platform/auth/routes.ts';
import { can } from './platform/authorisation/policy.ts';
import { DomainError } from './platform/errors/catalogue.ts';
import { authorisationHook, requirePolicies } from './platform/http/authorisation-hook.ts';
import type { AppDeps, UploadedFile } from './platform/http/context.ts';
import { registerErrorHandling } from './platform/http/errors.ts';
import { healthRoutes } from './platform/http/health.ts';
import { REDACT_PATHS, safeErrorSerializer } from './platform/http/logging.ts';
import { type RenderSettings, renderPage } from './platform/http/rendering.ts';
import { securityHeaders } from './platform/http/security-headers.ts';
import { servicePages } from './platform/http/service-pages.ts';
import { createMessages, isLanguage } from './platform/i18n/i18n.ts';
import { notifyRoutes } from './platform/notify/routes.ts';
import { createViewEnvironment, loadAssetManifest } from './platform/views/views.ts';

/** Largest form or JSON body accepted; uploads have their own limits. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/** Largest uploaded file (a saved court search response, a picture for a child's letter). */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Folders of public/ served as static files; the only routes without an explicit policy. */
export const STATIC_FOLDERS = ['assets', 'stylesheets', 'javascripts'] as const;

/**
 * Build the Fastify app. Plugins are mounted in this order (ARCHITECTURE.md):
 * health → security headers → session → body parsing → static → authentication →
 * authorisation → CSRF → current user → routes → 404 → errors.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger:
      deps.logger === false
        ? false
        : {
            level: typeof deps.logger === 'object' ? deps.logger.level : config.logLevel,
            redact: REDACT_PATHS,
            serializers: { err: safeErrorSerializer },
            ...(typeof deps.logger === 'object' && deps.logger.stream ? { stream: deps.logger.stream } : {}),
          },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.env === 'production',
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
  });
  app.decorate('deps', deps);
  app.decorate('routeInventory', []);
  requirePolicies(
    app,
    app.routeInventory,
    STATIC_FOLDERS.map((f) => `/${f}/`),
  );

  const messages = deps.messages ?? createMessages();
  const env = createViewEnvironment({ watch: config.templateReload });
  const assets = deps.assets ?? loadAssetManifest();
  const renderSettings: RenderSettings = {
    env,
    assets: () => assets,
    // The client warns before the server's idle limit, allowing for the touch interval.
    timeout: {
      idleSeconds: Math.max(60, config.session.idleSeconds - 30),
      warningSeconds: config.session.warningSeconds,
    },
    navigation: navigationFor,
  };

  app.decorateRequest('principal', null);
  app.decorateRequest('sessionIdHash', null);
  app.decorateRequest('sessionEnded', null);
  app.decorateRequest('language', 'en');
  app.decorateRequest('messages', null as unknown as FastifyRequest['messages']);
  app.decorateRequest('caseFacts', null);
  app.decorateRequest('now', null as unknown as Date);
  app.decorateReply('page', function (this, template, viewModel, options) {
    return renderPage(this.request, this, renderSettings, template, viewModel, options);
  });

  app.addHook('onRequest', async (request, reply) => {
    request.now = deps.clock();
    const chosen = request.cookies?.['childvoice-language'];
    request.language = isLanguage(chosen) ? chosen : 'en';
    request.messages = messages[request.language];
    reply.header('x-request-id', request.id);
  });

  // Set before any plugin is registered, so every encapsulated context inherits them.
  registerErrorHandling(app);
  await app.register(healthRoutes);
  await app.register(securityHeaders, { secure: config.secureCookies });
  await app.register(cookie, { secret: config.sessionSecret });
  // Cookies are parsed in onRequest, after the hook above; re-read the language then.
  app.addHook('onRequest', async (request) => {
    const chosen = request.cookies['childvoice-language'];
    request.language = isLanguage(chosen) ? chosen : 'en';
    request.messages = messages[request.language];
  });
  await app.register(formbody, { bodyLimit: BODY_LIMIT_BYTES });
  // Front-end assets built by scripts/build-assets.ts: public, immutable (hashed names).
  for (const [index, folder] of STATIC_FOLDERS.entries()) {
    await app.register(fastifyStatic, {
      root: fileURLToPath(new URL(`../public/${folder}/`, import.meta.url)),
      prefix: `/${folder}/`,
      decorateReply: index === 0,
      index: false,
      immutable: true,
      maxAge: '365d',
      serveDotFiles: false,
    });
  }

  app.addHook(
    'onRequest',
    authenticationHook({
      secure: config.secureCookies,
      policy: { idleSeconds: config.session.idleSeconds, absoluteSeconds: config.session.absoluteSeconds },
      principals: deps.principals,
    }),
  );
  if (config.rateLimitPerMinute > 0) {
    // Limits bulk extraction and runaway clients (ASVS 2.4.1): per person when signed in.
    await app.register(rateLimit, {
      global: true,
      hook: 'preHandler',
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => request.principal?.userId ?? request.ip,
      allowList: (request) => request.url === '/health',
      errorResponseBuilder: (_request, context) =>
        new DomainError('TOO_MANY_REQUESTS', { retryAfter: Math.ceil(context.ttl / 1000) }),
    });
  }
  app.addHook('preValidation', authorisationHook(deps.caseAccess));
  // File uploads (multipart) are read after authorisation and before the CSRF check, which
  // needs the form's token from the body. One file, buffered, with a hard size limit, and
  // only on routes that take one (`config.uploads`): anywhere else a multipart body is
  // refused before it is read, so no other route can be made to buffer a large file.
  app.addHook('preValidation', async (request) => {
    const type = request.headers['content-type'] ?? '';
    if (type.toLowerCase().startsWith('multipart/') && !request.routeOptions.config.uploads) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE');
    }
  });
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 10, parts: 11, fieldSize: 4096 },
    // A file field becomes { fileName, content }: a browser sends an empty part with a blank
    // name when no file was chosen, which is not the same as choosing an empty file.
    async onFile(part) {
      const content = await part.toBuffer();
      (part as unknown as { value: UploadedFile }).value = { fileName: part.filename, content };
    },
  });

  await app.register(csrf, {
    cookieKey: config.secureCookies ? '__Host-childvoice-csrf' : 'childvoice-csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: config.secureCookies, signed: true },
    getUserInfo: (request: FastifyRequest) => request.sessionIdHash ?? 'anonymous',
    csrfOpts: { userInfo: true, hmacKey: config.sessionSecret },
  });
  app.addHook('preValidation', async (request, reply) => {
    if (!UNSAFE_METHODS.has(request.method)) return;
    // Refuse cross-site posts outright (ASVS 3.5.3), then check the synchroniser token.
    if (request.headers['sec-fetch-site'] === 'cross-site') throw new DomainError('CSRF_INVALID');
    await new Promise<void>((resolve, reject) => {
      app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
    });
  });

  await app.register(authRoutes);
  await app.register(oidcRoutes);
  await app.register(servicePages);
  await app.register(notifyRoutes);
  app.get('/', { config: { policy: { public: true } } }, async (request, reply) => {
    const principal = request.principal;
    if (!principal) return reply.redirect('/sign-in', 302);
    if (can(principal, 'caseload:view')) return reply.redirect('/caseload', 302);
    return reply.page('home.njk', { pageTitle: request.messages.t('home.title') });
  });
  await app.register(caseworkRoutes);
  await app.register(intakeRoutes);
  await app.register(safeguardingRoutes);
  await app.register(allocationRoutes);
  await app.register(planningRoutes);
  await app.register(directWorkRoutes);
  await app.register(reportsRoutes);
  await app.register(courtRoutes);
  await app.register(closingRoutes);
  await app.register(oversightRoutes);
  await app.register(performanceRoutes);

  return app;
}
