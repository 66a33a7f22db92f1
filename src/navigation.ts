import { can } from './platform/authorisation/policy.ts';
import type { Principal } from './platform/authorisation/roles.ts';

/** The service navigation for a signed-in person: what their roles let them use. */
export function navigationFor(principal: Principal, t: (key: string) => string) {
  const items: { href: string; text: string; match: string }[] = [];
  if (principal.roles.some((r) => r !== 'system-admin')) {
    items.push({ href: '/caseload', text: t('nav.caseload'), match: '/caseload' });
  }
  if (can(principal, 'audit:review-emergency-access')) {
    items.push({ href: '/reviews/emergency-access', text: t('nav.reviews'), match: '/reviews' });
  }
  return items;
}
