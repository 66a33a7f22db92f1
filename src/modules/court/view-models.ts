import type { WorkingDayCalendar } from '../../platform/calendar/index.ts';
import type { FormError } from '../../platform/forms/validation.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import type { OutboxRow } from '../../platform/notify/outbox.ts';
import { isMessageTemplate } from '../../platform/notify/templates.ts';
import { type CaseSummary, caseHeader, caseSubNavigation, paginationItems } from '../casework/service.ts';
import type {
  AtRiskRow,
  DelayNoticeRow,
  DirectionChangeRow,
  DirectionRow,
  HearingRow,
  NoticePartyRow,
  OrderRow,
} from './queries.ts';
import { AT_RISK_PAGE_SIZE } from './queries.ts';
import {
  channelsFor,
  DELAY_WARNING_WORKING_DAYS,
  type DelayRisk,
  DIRECTION_TYPES,
  delayRisk,
  HEARING_STATUSES,
  HEARING_TYPES,
  isTellableParty,
  londonDateTime,
  ORDER_TYPES,
} from './rules.ts';

export type Values = Record<string, string | string[]>;
export interface FormErrors {
  errors?: FormError[];
  fieldErrors?: Record<string, { text: string }>;
}

const RISK_TAGS: Record<DelayRisk, string> = {
  filed: 'govuk-tag--green',
  'no-date': 'govuk-tag--grey',
  'on-track': 'govuk-tag--blue',
  'will-be-missed': 'govuk-tag--orange',
  missed: 'govuk-tag--red',
};

const STATUS_TAGS: Record<string, string> = {
  LISTED: 'govuk-tag--blue',
  COMPLETED: 'govuk-tag--green',
  ADJOURNED: 'govuk-tag--yellow',
  POSTPONED: 'govuk-tag--yellow',
  VACATED: 'govuk-tag--grey',
  CANCELLED: 'govuk-tag--grey',
};

export function hearingTypeLabel(m: Messages, code: string, typeLabel: string | null): string {
  const key = `court.hearingTypes.${code}`;
  return m.has(key) ? m.t(key) : (typeLabel ?? code);
}

export function hearingStatusLabel(m: Messages, status: string | null): string {
  if (!status) return m.t('court.notStated');
  const key = `court.hearingStatuses.${status.toUpperCase()}`;
  return m.has(key) ? m.t(key) : status;
}

export function orderTypeLabel(m: Messages, orderType: string, label: string | null): string {
  if (orderType === 'other' && label) return label;
  const key = `court.orderTypes.${orderType}`;
  return m.has(key) ? m.t(key) : (label ?? orderType);
}

export function directionLabel(m: Messages, d: { reportType: string; reportLabel: string | null }): string {
  if (d.reportType === 'other' && d.reportLabel) return d.reportLabel;
  const key = `court.reportTypes.${d.reportType}`;
  return m.has(key) ? m.t(key) : (d.reportLabel ?? d.reportType);
}

/** What is late, as it reads inside a sentence ("the section 7 report"). */
function lateLabel(m: Messages, d: { reportType: string; reportLabel: string | null }): string {
  if (d.reportType === 'other' && d.reportLabel) return d.reportLabel;
  const key = `court.lateItems.${d.reportType}`;
  return m.has(key) ? m.t(key) : (d.reportLabel ?? d.reportType);
}

/** A hearing's date, with its time unless it is only a date (midnight, as the first hearing's outcome gives). */
export function hearingWhen(m: Messages, startsAt: string | null): string {
  if (!startsAt) return m.t('court.notStated');
  const { date, time } = londonDateTime(startsAt);
  return time === '00:00' ? m.formatDate(date) : m.formatDateTime(startsAt);
}

function riskTag(m: Messages, risk: DelayRisk) {
  return { text: m.t(`court.risk.${risk}`), classes: RISK_TAGS[risk] };
}

function toldText(m: Messages, d: { lastNoticeAt: string | null; lastNoticeExpectedOn: string | null }): string {
  return d.lastNoticeAt
    ? m.t('court.directions.told', {
        date: m.formatDate(londonDateTime(d.lastNoticeAt).date),
        expected: m.formatDate(d.lastNoticeExpectedOn),
      })
    : m.t('court.directions.notTold');
}

function casePage(m: Messages, summary: CaseSummary, canSeeAccessLog: boolean) {
  return {
    caseId: summary.id,
    header: caseHeader(m, summary),
    subNavigation: caseSubNavigation(m, summary.id, 'court', canSeeAccessLog),
  };
}

/** The court page of a case: warnings, hearings, orders, directions, delay notices, messages. */
export function courtViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    hearings: HearingRow[];
    orders: OrderRow[];
    directions: DirectionRow[];
    notices: DelayNoticeRow[];
    messages: OutboxRow[];
    today: string;
    calendar: WorkingDayCalendar;
    canEdit: boolean;
    canSeeAccessLog: boolean;
    saved: string | null;
  },
) {
  const t = m.t;
  const caseId = data.summary.id;
  const directions = data.directions.map((d) => {
    const risk = delayRisk(data.calendar, d, data.today);
    return { d, risk };
  });
  return {
    pageTitle: t('court.title'),
    ...casePage(m, data.summary, data.canSeeAccessLog),
    canEdit: data.canEdit,
    notice: data.saved && m.has(`court.saved.${data.saved}`) ? t(`court.saved.${data.saved}`) : null,
    warnings: directions
      .filter(({ risk }) => risk === 'will-be-missed' || risk === 'missed')
      .map(({ d, risk }) => ({
        id: d.id,
        text: t(risk === 'missed' ? 'court.warning.missed' : 'court.warning.willBeMissed', {
          what: lateLabel(m, d),
          date: m.formatDate(d.dueOn),
        }),
        told: d.lastNoticeAt
          ? t('court.warning.told', {
              date: m.formatDate(londonDateTime(d.lastNoticeAt).date),
              expected: m.formatDate(d.lastNoticeExpectedOn),
            })
          : null,
        href: data.canEdit ? `/cases/${caseId}/court/delay-notices/new?directionId=${d.id}` : null,
      })),
    hearings: data.hearings.map((h) => ({
      when: hearingWhen(m, h.startsAt),
      type: hearingTypeLabel(m, h.typeCode, h.typeLabel),
      fromCourt: h.sourceRef !== null,
      venue: h.venue ?? '',
      status: hearingStatusLabel(m, h.status),
      statusClasses: STATUS_TAGS[(h.status ?? '').toUpperCase()] ?? 'govuk-tag--grey',
      outcome: h.outcome ?? '',
      href: data.canEdit ? `/cases/${caseId}/court/hearings/${h.id}` : null,
    })),
    orders: data.orders.map((o) => ({
      type: orderTypeLabel(m, o.orderType, o.label),
      madeOn: o.madeOn ? m.formatDate(o.madeOn) : t('court.notStated'),
      hearing: o.hearingId
        ? `${hearingTypeLabel(m, o.hearingTypeCode ?? '', o.hearingTypeLabel)}, ${hearingWhen(m, o.hearingStartsAt)}`
        : t('court.notStated'),
      final: o.final,
    })),
    directions: directions.map(({ d, risk }) => ({
      what: directionLabel(m, d),
      dueOn: d.dueOn ? m.formatDate(d.dueOn) : t('court.notStated'),
      risk: riskTag(m, risk),
      filed: d.filedOn ? t('court.directions.filedOn', { date: m.formatDate(d.filedOn) }) : null,
      changes:
        d.changes === 0
          ? null
          : d.changes === 1
            ? t('court.directions.changedOnce')
            : t('court.directions.changes', { count: d.changes }),
      told: toldText(m, d),
      href: `/cases/${caseId}/court/directions/${d.id}`,
    })),
    notices: data.notices.map((n) => ({
      when: m.formatDateTime(n.createdAt),
      what: directionLabel(m, n),
      dueOn: n.dueOn ? m.formatDate(n.dueOn) : t('court.notStated'),
      expectedOn: m.formatDate(n.expectedOn),
      reason: n.reason,
      by: n.createdByName,
      told: n.recipients.map((r) =>
        t('court.notices.recipient', {
          name: r.name,
          channel: t(`notify.outbox.channels.${r.channel}`),
          status: m.has(`notify.outbox.statuses.${r.status}`) ? t(`notify.outbox.statuses.${r.status}`) : r.status,
        }),
      ),
    })),
    messages: data.messages.map((r) => ({
      template: isMessageTemplate(r.template) ? t(`notify.templates.${r.template}.name`) : r.template,
      channel: m.has(`notify.outbox.channels.${r.channel}`) ? t(`notify.outbox.channels.${r.channel}`) : r.channel,
      language: m.has(`languages.${r.language}`) ? t(`languages.${r.language}`) : r.language,
      status: m.has(`notify.outbox.statuses.${r.status}`) ? t(`notify.outbox.statuses.${r.status}`) : r.status,
      queued: m.formatDateTime(r.createdAt),
    })),
    links: {
      addHearing: `/cases/${caseId}/court/hearings/new`,
      addOrder: `/cases/${caseId}/court/orders/new`,
      addDirection: `/cases/${caseId}/court/directions/new`,
      delayNotice: `/cases/${caseId}/court/delay-notices/new`,
    },
  };
}

function dateItems(m: Messages, values: Values, field: string, errors: FormErrors) {
  const bad = Boolean(errors.fieldErrors?.[field]);
  return (['day', 'month', 'year'] as const).map((p) => ({
    name: p,
    label: m.t(`date.${p}`),
    classes: `govuk-input--width-${p === 'year' ? 4 : 2}${bad ? ' govuk-input--error' : ''}`,
    value: String(values[`${field}-${p}`] ?? ''),
  }));
}

const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');

export function dateValues(prefix: string, iso: string | null): Values {
  if (!iso) return { [`${prefix}-day`]: '', [`${prefix}-month`]: '', [`${prefix}-year`]: '' };
  const [y, mo, d] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(mo)), [`${prefix}-year`]: y! };
}

/** The hearing form, new or changing one (whose court code, if not one of ours, stays choosable). */
export function hearingFormViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    canSeeAccessLog: boolean;
    hearing: HearingRow | null;
    values: Values;
    formToken: string;
  } & FormErrors,
) {
  const t = m.t;
  const v = data.values;
  const current = data.hearing;
  const typeItems = [
    { value: '', text: t('court.hearingForm.chooseType'), selected: str(v.typeCode) === '' },
    ...(current && !(HEARING_TYPES as readonly string[]).includes(current.typeCode)
      ? [
          {
            value: current.typeCode,
            text: current.sourceRef
              ? t('court.hearingForm.fromCourt', { label: hearingTypeLabel(m, current.typeCode, current.typeLabel) })
              : hearingTypeLabel(m, current.typeCode, current.typeLabel),
            selected: str(v.typeCode) === current.typeCode,
          },
        ]
      : []),
    ...HEARING_TYPES.map((code) => ({
      value: code,
      text: t(`court.hearingTypes.${code}`),
      selected: str(v.typeCode) === code,
    })),
  ];
  const title = current ? t('court.hearingForm.titleChange') : t('court.hearingForm.titleNew');
  return {
    pageTitle: title,
    heading: title,
    ...casePage(m, data.summary, data.canSeeAccessLog),
    action: current
      ? `/cases/${data.summary.id}/court/hearings/${current.id}`
      : `/cases/${data.summary.id}/court/hearings/new`,
    backHref: `/cases/${data.summary.id}/court`,
    submit: current ? t('court.hearingForm.submitChange') : t('court.hearingForm.submitNew'),
    values: v,
    version: str(v.version),
    typeItems,
    dateItems: dateItems(m, v, 'heldOn', data),
    statusItems: HEARING_STATUSES.map((s) => ({
      value: s,
      text: t(`court.hearingStatuses.${s}`),
      checked: str(v.status) === s,
    })),
    formToken: data.formToken,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}

export function hearingValues(h: HearingRow): Values {
  const at = h.startsAt ? londonDateTime(h.startsAt) : null;
  return {
    typeCode: h.typeCode,
    ...dateValues('heldOn', at?.date ?? null),
    time: at && at.time !== '00:00' ? at.time : '',
    venue: h.venue ?? '',
    status: (h.status ?? '').toUpperCase(),
    outcome: h.outcome ?? '',
    version: String(h.version),
  };
}

export function orderFormViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    canSeeAccessLog: boolean;
    hearings: HearingRow[];
    values: Values;
    formToken: string;
    openDirections: number;
  } & FormErrors,
) {
  const t = m.t;
  const v = data.values;
  return {
    pageTitle: t('court.orderForm.title'),
    ...casePage(m, data.summary, data.canSeeAccessLog),
    action: `/cases/${data.summary.id}/court/orders/new`,
    backHref: `/cases/${data.summary.id}/court`,
    values: v,
    typeItems: ORDER_TYPES.map((o) => ({
      value: o,
      text: t(`court.orderTypes.${o}`),
      checked: str(v.orderType) === o,
    })),
    dateItems: dateItems(m, v, 'madeOn', data),
    hearingItems: [
      { value: '', text: t('court.orderForm.noHearing'), selected: str(v.hearingId) === '' },
      ...data.hearings.map((h) => ({
        value: h.id,
        text: `${hearingTypeLabel(m, h.typeCode, h.typeLabel)}, ${hearingWhen(m, h.startsAt)}`,
        selected: str(v.hearingId) === h.id,
      })),
    ],
    finalItems: [
      { value: 'yes', text: t('court.orderForm.yes'), checked: str(v.final) === 'yes' },
      { value: 'no', text: t('court.orderForm.no'), checked: str(v.final) === 'no' },
    ],
    openDirections: data.openDirections > 0,
    formToken: data.formToken,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}

export function directionFormViewModel(
  m: Messages,
  data: { summary: CaseSummary; canSeeAccessLog: boolean; values: Values; formToken: string } & FormErrors,
) {
  const t = m.t;
  const v = data.values;
  return {
    pageTitle: t('court.directionForm.title'),
    ...casePage(m, data.summary, data.canSeeAccessLog),
    action: `/cases/${data.summary.id}/court/directions/new`,
    backHref: `/cases/${data.summary.id}/court`,
    values: v,
    typeItems: DIRECTION_TYPES.map((r) => ({
      value: r,
      text: t(`court.reportTypes.${r}`),
      checked: str(v.reportType) === r,
    })),
    dateItems: dateItems(m, v, 'dueOn', data),
    formToken: data.formToken,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}

/** One direction: what, when, its status and the history of its date, with the change form. */
export function directionPageViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    canSeeAccessLog: boolean;
    canEdit: boolean;
    direction: DirectionRow;
    history: DirectionChangeRow[];
    today: string;
    calendar: WorkingDayCalendar;
    values: Values;
    formToken: string;
  } & FormErrors,
) {
  const t = m.t;
  const d = data.direction;
  const risk = delayRisk(data.calendar, d, data.today);
  const sourceKey = `court.sources.${d.source}`;
  return {
    pageTitle: `${t('court.directionPage.title')}: ${directionLabel(m, d)}`,
    heading: directionLabel(m, d),
    ...casePage(m, data.summary, data.canSeeAccessLog),
    action: `/cases/${data.summary.id}/court/directions/${d.id}`,
    backHref: `/cases/${data.summary.id}/court`,
    rows: [
      { key: t('court.directionPage.what'), value: directionLabel(m, d) },
      { key: t('court.directionPage.dueOn'), value: d.dueOn ? m.formatDate(d.dueOn) : t('court.notStated') },
      { key: t('court.directionPage.status'), value: t(`court.risk.${risk}`) },
      { key: t('court.directionPage.source'), value: m.has(sourceKey) ? t(sourceKey) : d.source },
      { key: t('court.directions.columns.told'), value: toldText(m, d) },
    ],
    filed: d.filedOn ? t('court.directionPage.filed', { date: m.formatDate(d.filedOn) }) : null,
    canChange: data.canEdit && !d.filedOn,
    tellHref:
      data.canEdit && !d.filedOn ? `/cases/${data.summary.id}/court/delay-notices/new?directionId=${d.id}` : null,
    history: data.history.map((h) => ({
      changedAt: m.formatDateTime(h.changedAt),
      from: h.previousDueOn ? m.formatDate(h.previousDueOn) : t('court.notStated'),
      to: m.formatDate(h.newDueOn),
      reason: h.reason,
      by: h.changedByName,
    })),
    values: data.values,
    version: str(data.values.version),
    dateItems: dateItems(m, data.values, 'dueOn', data),
    formToken: data.formToken,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}

export interface NoticeParty {
  id: string;
  name: string;
  role: string;
  language: 'en' | 'cy';
  channels: { channel: 'email' | 'sms' | 'letter'; recipient: string | null }[];
}

/** The adult parties of a case and how each can be told (never by a confidential detail). */
export function noticeParties(rows: NoticePartyRow[], today: string): NoticeParty[] {
  return rows
    .filter((p) => isTellableParty(p, today))
    .map((p) => ({
      id: p.id,
      name: `${p.givenNames} ${p.familyName}`,
      role: p.partyRole,
      language: p.languagePreference === 'cy' ? 'cy' : 'en',
      channels: channelsFor(p.contacts),
    }));
}

export function delayNoticeFormViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    canSeeAccessLog: boolean;
    directions: DirectionRow[];
    parties: NoticeParty[];
    values: Values;
    formToken: string;
  } & FormErrors,
) {
  const t = m.t;
  const v = data.values;
  const chosen = Array.isArray(v.parties) ? v.parties : v.parties ? [v.parties] : [];
  return {
    pageTitle: t('court.noticeForm.title'),
    ...casePage(m, data.summary, data.canSeeAccessLog),
    action: `/cases/${data.summary.id}/court/delay-notices/new`,
    backHref: `/cases/${data.summary.id}/court`,
    values: v,
    directionItems: data.directions.map((d) => ({
      value: d.id,
      text: d.dueOn
        ? t('court.noticeForm.directionItem', { what: directionLabel(m, d), date: m.formatDate(d.dueOn) })
        : t('court.noticeForm.directionNoDate', { what: directionLabel(m, d) }),
      checked: str(v.directionId) === d.id,
    })),
    dateItems: dateItems(m, v, 'expectedOn', data),
    parties: data.parties.map((p) => {
      const posted = str(v[`channel-${p.id}`]);
      const selected = p.channels.some((c) => c.channel === posted) ? posted : p.channels[0]!.channel;
      return {
        id: p.id,
        label: t('court.noticeForm.party', { name: p.name, role: t(`partyRole.${p.role}`) }),
        language: t('court.noticeForm.language', { language: t(`languages.${p.language}`) }),
        checked: chosen.includes(p.id),
        channelName: `channel-${p.id}`,
        channelLegend: t('court.noticeForm.channel', { name: p.name }),
        channelError: data.fieldErrors?.[`channel-${p.id}`],
        channelItems: p.channels.map((c) => ({
          value: c.channel,
          text: t(`court.noticeForm.channels.${c.channel}`, { value: c.recipient ?? '' }),
          checked: c.channel === selected,
        })),
      };
    }),
    formToken: data.formToken,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}

/** The list of filing dates that will be missed, on the cases the person can see. */
export function atRiskViewModel(
  m: Messages,
  data: { rows: AtRiskRow[]; total: number; page: number; today: string; calendar: WorkingDayCalendar },
) {
  const t = m.t;
  const from = data.total === 0 ? 0 : (data.page - 1) * AT_RISK_PAGE_SIZE + 1;
  const to = Math.min(data.total, data.page * AT_RISK_PAGE_SIZE);
  return {
    pageTitle: t('court.atRisk.title'),
    intro: t('court.atRisk.intro', { days: DELAY_WARNING_WORKING_DAYS }),
    total: data.total,
    showing: t('court.atRisk.showing', { from, to, total: data.total }),
    rows: data.rows.map((r) => ({
      reference: r.reference,
      caseHref: `/cases/${r.caseId}/court`,
      what: directionLabel(m, r),
      dueOn: m.formatDate(r.dueOn),
      risk: riskTag(m, delayRisk(data.calendar, { dueOn: r.dueOn, filedOn: null }, data.today)),
      told: toldText(m, r),
      tellHref: `/cases/${r.caseId}/court/delay-notices/new?directionId=${r.directionId}`,
    })),
    pagination: paginationItems(data.page, data.total, AT_RISK_PAGE_SIZE, (p) => `/court/at-risk?page=${p}`),
  };
}
