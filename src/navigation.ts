import { can } from './platform/authorisation/policy.ts';
import { AREA_MANAGER_ROLES, type Principal, type Role } from './platform/authorisation/roles.ts';

/** Who works cases after the first hearing, and so needs the lists of what is coming due. */
const CASEWORK_ROLES: readonly Role[] = ['fca', 'childrens-guardian', 'associate', ...AREA_MANAGER_ROLES];

/** Who is shown early warning in the header (others reach it from the performance pages). */
const WARNING_ROLES: readonly Role[] = ['seo', 'intake-officer', ...CASEWORK_ROLES, 'performance-analyst'];

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
  if (principal.roles.some((r) => CASEWORK_ROLES.includes(r))) {
    items.push({ href: '/court/at-risk', text: t('nav.filingAtRisk'), match: '/court/at-risk' });
    items.push({ href: '/plans/reviews-due', text: t('nav.planReviews'), match: '/plans' });
  }
  if (can(principal, 'allocation:queue')) {
    items.push({ href: '/allocation', text: t('nav.allocation'), match: '/allocation' });
  }
  if (can(principal, 'reports:queue')) {
    items.push({ href: '/reports/reviews', text: t('nav.reportReviews'), match: '/reports/reviews' });
  }
  if (can(principal, 'staff:self-regulation')) {
    items.push({ href: '/oversight/self-regulation', text: t('nav.selfRegulation'), match: '/oversight' });
  }
  if (can(principal, 'audit:review-emergency-access')) {
    items.push({ href: '/reviews/emergency-access', text: t('nav.reviews'), match: '/reviews' });
  }
  if (
    can(principal, 'performance:view', { kind: 'performance', scope: { level: 'national' } }) ||
    principal.roles.some((r) => AREA_MANAGER_ROLES.includes(r))
  ) {
    items.push({ href: '/performance', text: t('nav.performance'), match: '/performance' });
  }
  if (can(principal, 'performance:early-warning') && principal.roles.some((r) => WARNING_ROLES.includes(r))) {
    items.push({
      href: '/performance/early-warning',
      text: t('nav.earlyWarning'),
      match: '/performance/early-warning',
    });
  }
  if (can(principal, 'reference:manage')) {
    items.push({ href: '/admin/reference', text: t('nav.referenceData'), match: '/admin/reference' });
  }
  if (can(principal, 'outbox:view')) {
    items.push({ href: '/admin/outbox', text: t('nav.outbox'), match: '/admin/outbox' });
  }
  return items;
}
