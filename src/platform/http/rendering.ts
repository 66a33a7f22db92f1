import type { FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import { can } from '../authorisation/policy.ts';
import type { Principal } from '../authorisation/roles.ts';
import type { Language } from '../i18n/i18n.ts';
import type { AssetManifest } from '../views/views.ts';

/** What the layout needs on every page; built per request, never by templates. */
export interface PageContext {
  language: Language;
  cspNonce: string;
  user: { displayName: string } | null;
  csrfToken: string;
  navigation: { href: string; text: string; active: boolean }[];
  assets: AssetManifest;
  languageLinks: Record<Language, string>;
  timeout: { idleSeconds: number; warningSeconds: number } | null;
  flash: string | null;
  /** Whether confidential contact details may be shown on this page (case pages only). */
  canSeeConfidential: boolean;
}

export interface RenderOptions {
  status?: number;
}

declare module 'fastify' {
  interface FastifyReply {
    /** Render a page template with its typed view model inside the layout. */
    page(template: string, viewModel: Record<string, unknown>, options?: RenderOptions): FastifyReply;
  }
}

export interface RenderSettings {
  env: nunjucks.Environment;
  assets: () => AssetManifest;
  timeout: { idleSeconds: number; warningSeconds: number };
  navigation: (principal: Principal, t: (key: string) => string) => { href: string; text: string; match: string }[];
}

/** Only local paths are followed after sign-in or a language switch: never another site. */
export function safeLocalPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  for (let i = 0; i < value.length; i += 1) if (value.charCodeAt(i) < 0x20) return fallback;
  return value;
}

const FLASH_KEYS = new Set([
  'note-added',
  'details-saved',
  'emergency-access-granted',
  'emergency-access-reviewed',
  'case-transferred',
]);

export function pageContext(request: FastifyRequest, reply: FastifyReply, settings: RenderSettings): PageContext {
  const nonce = (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script ?? '';
  const principal = request.principal;
  const path = request.url.split('?')[0] ?? '/';
  const returnTo = encodeURIComponent(safeLocalPath(request.url));
  const notice = (request.query as Record<string, unknown> | undefined)?.notice;
  const t = request.messages.t;
  return {
    language: request.language,
    cspNonce: nonce,
    user: principal ? { displayName: principal.displayName } : null,
    csrfToken: reply.generateCsrf({ userInfo: request.sessionIdHash ?? 'anonymous' }),
    navigation: principal
      ? settings.navigation(principal, t).map((n) => ({ href: n.href, text: n.text, active: path.startsWith(n.match) }))
      : [],
    assets: settings.assets(),
    languageLinks: { en: `/language/en?returnTo=${returnTo}`, cy: `/language/cy?returnTo=${returnTo}` },
    timeout: principal ? settings.timeout : null,
    flash: typeof notice === 'string' && FLASH_KEYS.has(notice) ? t(`notices.${notice}`) : null,
    canSeeConfidential: Boolean(
      principal &&
        request.caseFacts &&
        can(principal, 'case:view-confidential', { kind: 'case', facts: request.caseFacts }),
    ),
  };
}

export function renderPage(
  request: FastifyRequest,
  reply: FastifyReply,
  settings: RenderSettings,
  template: string,
  viewModel: Record<string, unknown>,
  options: RenderOptions = {},
): FastifyReply {
  const page = pageContext(request, reply, settings);
  const html = settings.env.render(template, { ...viewModel, page, t: request.messages.t });
  return reply
    .code(options.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(html);
}
