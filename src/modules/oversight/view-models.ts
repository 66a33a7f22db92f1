import type { FormError } from '../../platform/forms/validation.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import { paginationItems } from '../casework/service.ts';
import {
  AUDIT_SAMPLE_SIZE,
  type AuditSampleMarkRow,
  changeFrom,
  SELF_REGULATION_PAGE_SIZE,
  SELF_REGULATION_ROLES,
  type SelfRegulationHistoryRow,
  type SelfRegulationRow,
} from './self-regulation.ts';

interface FormErrors {
  errors?: FormError[];
  fieldErrors?: Record<string, { text: string }>;
}

const rolesText = (m: Messages, roles: readonly string[]) =>
  roles
    .filter((r) => (SELF_REGULATION_ROLES as readonly string[]).includes(r))
    .map((r) => m.t(`roles.${r}`))
    .join(', ');

function stateTag(m: Messages, on: boolean) {
  return on
    ? { text: m.t('oversight.state.self-regulating'), classes: 'govuk-tag--green' }
    : { text: m.t('oversight.state.reviewed'), classes: 'govuk-tag--grey' };
}

function since(m: Messages, r: SelfRegulationRow): string {
  return r.since ? m.formatDate(r.since) : m.t('oversight.list.neverChanged');
}

export function selfRegulationListViewModel(
  m: Messages,
  input: { rows: SelfRegulationRow[]; total: number; page: number },
) {
  const { t } = m;
  return {
    pageTitle: t('oversight.list.title'),
    count: t('oversight.list.count', { count: input.total }),
    rows: input.rows.map((r) => ({
      name: r.name,
      href: `/oversight/self-regulation/${r.userId}`,
      roles: rolesText(m, r.roles),
      state: stateTag(m, r.selfRegulating),
      since: since(m, r),
      why: r.lastReason ?? '',
      by: r.changedByName ? t('oversight.list.by', { name: r.changedByName }) : '',
      marks: r.openMarks > 0 ? t('oversight.list.marks', { count: r.openMarks }) : '',
    })),
    pagination: paginationItems(
      input.page,
      input.total,
      SELF_REGULATION_PAGE_SIZE,
      (p) => `/oversight/self-regulation?page=${p}`,
    ),
  };
}

export function selfRegulationDetailViewModel(
  m: Messages,
  input: {
    row: SelfRegulationRow;
    history: SelfRegulationHistoryRow[];
    marks: AuditSampleMarkRow[];
    own: boolean;
    values: { reason: string };
    formToken: string;
    notice: string | null;
  } & FormErrors,
) {
  const { t } = m;
  const r = input.row;
  const change = changeFrom(r.selfRegulating);
  return {
    pageTitle: t('oversight.detail.title', { name: r.name }),
    name: r.name,
    backHref: '/oversight/self-regulation',
    action: `/oversight/self-regulation/${r.userId}`,
    notice:
      input.notice === 'authorised' || input.notice === 'stepped-down'
        ? t(`oversight.notices.${input.notice}`, { count: input.marks.length })
        : null,
    rows: [
      { key: { text: t('oversight.detail.role') }, value: { text: rolesText(m, r.roles) } },
      { key: { text: t('oversight.detail.state') }, value: { text: stateTag(m, r.selfRegulating).text } },
      { key: { text: t('oversight.detail.since') }, value: { text: since(m, r) } },
      { key: { text: t('oversight.detail.why') }, value: { text: r.lastReason ?? t('oversight.detail.noReason') } },
    ],
    history: input.history.map((h) => ({
      change: t(`oversight.changes.${h.change}`),
      reason: h.reason,
      by: h.changedByName,
      when: m.formatDateTime(h.changedAt),
    })),
    marks: input.marks.map((mk) => ({
      reference: mk.reference ?? t('oversight.detail.hiddenCase'),
      href: mk.reference ? `/cases/${mk.caseId}` : null,
      marked: m.formatDate(mk.markedAt),
      by: mk.markedByName,
    })),
    own: input.own,
    change,
    heading: t(`oversight.form.heading.${change}`),
    submit: t(`oversight.form.submit.${change}`),
    hint: t(`oversight.form.hint.${change}`, { size: AUDIT_SAMPLE_SIZE }),
    values: input.values,
    formToken: input.formToken,
    errors: input.errors,
    fieldErrors: input.fieldErrors,
  };
}
