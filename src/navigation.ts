import { can } from './platform/authorisation/policy.ts';
import { AREA_MANAGER_ROLES, type Principal } from './platform/authorisation/roles.ts';

/** The service navigation for a signed-in person: what their roles let them use. */
export function navigationFor(principal: Principal, t: (key: string) => string) {
  const items: { href: string; text: string; match: string }[] = [];
  if (principal.roles.some((r) => r !== 'system-admin')) {
    items.push({ href: '/caseload', text: t('nav.caseload'), match: '/caseload' });
  }
  if (can(principal, 'intake:create')) {
    items.push({ href: '/intake', text: t('nav.intake'), match: '/intake' });
  }
  if (can(principal, 'safeguarding:queues')) {
    items.push({ href: '/safeguarding/screening', text: t('nav.safeguarding'), match: '/safeguarding' });
  }
  if (can(principal, 'safeguarding:queues') && principal.roles.some((r) => AREA_MANAGER_ROLES.includes(r))) {
    items.push({ href: '/safeguarding/letters', text: t('nav.letterReviews'), match: '/safeguarding/letters' });
  }
  if (can(principal, 'audit:review-emergency-access')) {
    items.push({ href: '/reviews/emergency-access', text: t('nav.reviews'), match: '/reviews' });
  }
  return items;
}
