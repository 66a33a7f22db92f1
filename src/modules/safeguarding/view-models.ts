import { createCalendar, londonDate } from '../../platform/calendar/index.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import { type CaseSummary, caseHeader, caseSubNavigation, paginationItems } from '../casework/service.ts';
import { CHECK_OUTCOMES } from './checks.ts';
import { clockState, letterDueOn, screeningDueOn, workingDaysLeft } from './clocks.ts';
import { DA_ANSWERS, DA_QUESTIONS, daScreeningSummary, INTERVIEW_METHODS } from './interviews.ts';
import {
  type ApplicationContext,
  type ChaseRow,
  type CheckRow,
  QUEUE_PAGE_SIZE,
  type QueueQuery,
  type SafeguardingRecords,
  type ScreeningQueueRow,
} from './queries.ts';
import { NO_RISK, REFERRAL_METHODS, RISK_FLAGS, SCREENING_DECISIONS } from './screening.ts';

const calendar = createCalendar();

/** The tag of a clock: its state in words (never colour alone) and a colour. */
export function clockTag(m: Messages, dueOn: string, doneOn: string | null, today: string) {
  const state = clockState(dueOn, doneOn, today);
  const days = Math.abs(workingDaysLeft(calendar, dueOn, today));
  const colour = {
    'done-on-time': 'govuk-tag--green',
    'done-late': 'govuk-tag--orange',
    due: 'govuk-tag--blue',
    'due-today': 'govuk-tag--yellow',
    overdue: 'govuk-tag--red',
  }[state];
  const text =
    state === 'overdue' || state === 'due'
      ? m.t(`safeguarding.clock.${state}${days === 1 ? 'One' : ''}`, { days })
      : m.t(`safeguarding.clock.${state}`);
  return { state, text, classes: colour };
}

function laName(m: Messages, name: string | null, nameCy: string | null): string {
  return (m.language === 'cy' && nameCy ? nameCy : name) ?? '';
}

export function checkSubject(m: Messages, c: CheckRow): string {
  return c.kind === 'police'
    ? m.t('checks.subject.police', { name: c.partyName ?? '' })
    : m.t('checks.subject.localAuthority', { name: laName(m, c.localAuthorityName, c.localAuthorityNameCy) });
}

function checkRowView(m: Messages, caseId: string, c: CheckRow, today: string, canEdit: boolean) {
  return {
    id: c.id,
    subject: checkSubject(m, c),
    kind: m.t(`checks.kinds.${c.kind}`),
    requested: m.formatDate(c.requestedOn, 'short'),
    due: m.formatDate(c.dueOn, 'short'),
    returned: c.returnedOn ? m.formatDate(c.returnedOn, 'short') : m.t('checks.notReturned'),
    outcome: c.outcome ? m.t(`checks.outcomes.${c.outcome}`) : '',
    clock: clockTag(m, c.dueOn, c.returnedOn, today),
    addendumNeeded: c.addendumNeeded,
    chased:
      c.chaseCount > 0
        ? m.t('checks.chasedTimes', { count: c.chaseCount, date: m.formatDate(c.lastChasedOn, 'short') })
        : '',
    href: canEdit ? `/cases/${caseId}/checks/${c.id}` : null,
  };
}

export function daAnswersView(m: Messages, answers: Record<string, unknown>) {
  const summary = daScreeningSummary(answers);
  return {
    indicators: summary.indicators.map((q) => m.t(`interviews.daQuestions.${q}`)),
    notAsked: summary.notAsked.map((q) => m.t(`interviews.daQuestions.${q}`)),
    rows: DA_QUESTIONS.map((q) => ({
      question: m.t(`interviews.daQuestions.${q}`),
      answer: m.t(`interviews.daAnswers.${typeof answers[q] === 'string' ? answers[q] : 'not-asked'}`),
    })),
  };
}

export function overviewViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    records: SafeguardingRecords;
    today: string;
    canEdit: boolean;
    canSeeAccessLog: boolean;
    notice: string | null;
  },
) {
  const { t } = m;
  const s = data.summary;
  const r = data.records;
  const screeningDue = r.screening?.dueOn ?? null;
  const receivedDue = screeningDueOn(calendar, s.receivedOn);
  const letterDue = r.letter?.dueOn ?? letterDueOn(calendar, r.courtLetterDueOn, s.firstHearingOn);
  const letterStatus = r.letter?.status ?? 'none';
  const NOTICES = ['screening', 'check-returned', 'check-addendum', 'check-requested', 'check-chased', 'interview'];
  return {
    pageTitle: t('safeguarding.overview.title', { reference: s.reference }),
    caseId: s.id,
    header: caseHeader(m, s),
    subNavigation: caseSubNavigation(m, s.id, 'safeguarding', data.canSeeAccessLog),
    notice: data.notice && NOTICES.includes(data.notice) ? t(`safeguarding.notices.${data.notice}`) : null,
    canEdit: data.canEdit,
    screening: r.screening
      ? {
          rows: [
            { key: t('screening.fields.due'), value: m.formatDate(r.screening.dueOn) },
            {
              key: t('screening.fields.riskFlags'),
              value: r.screening.riskFlags.length
                ? r.screening.riskFlags
                    .map((f) =>
                      f === 'other' && r.screening?.otherRisk
                        ? `${t('screening.flags.other')}: ${r.screening.otherRisk}`
                        : t(`screening.flags.${f}`),
                    )
                    .join(', ')
                : t('screening.flags.none'),
            },
            { key: t('screening.fields.decision'), value: t(`screening.decisions.${r.screening.decision}`) },
            { key: t('screening.fields.rationale'), value: r.screening.rationale },
            {
              key: t('screening.fields.screenedBy'),
              value: t('screening.byOn', {
                name: r.screening.screenedBy ?? '',
                date: m.formatDateTime(r.screening.screenedAt),
              }),
            },
          ],
          clock: clockTag(m, r.screening.dueOn, londonDate(new Date(r.screening.screenedAt)), data.today),
        }
      : null,
    privateLaw: s.law === 'private',
    screeningDue:
      screeningDue || s.law !== 'private'
        ? null
        : { date: m.formatDate(receivedDue), clock: clockTag(m, receivedDue, null, data.today) },
    canScreen:
      data.canEdit && !r.screening && (s.status === 'received' || s.status === 'screening') && s.law === 'private',
    referrals: r.referrals.map((x) => ({
      text: t('screening.referralMade', {
        authority: x.localAuthorityName,
        method: t(`screening.methods.${x.method}`),
        date: m.formatDateTime(x.sentAt),
      }),
    })),
    checks: r.checks.map((c) => checkRowView(m, s.id, c, data.today, data.canEdit)),
    addendumNeeded: r.checks.some((c) => c.addendumNeeded),
    interviews: r.interviews.map((i) => {
      const da = daAnswersView(m, i.domesticAbuseScreening);
      return {
        heading: t('interviews.with', { name: i.partyName }),
        rows: [
          { key: t('interviews.fields.heldOn'), value: m.formatDate(i.heldOn) },
          { key: t('interviews.fields.method'), value: t(`interviews.methods.${i.method}`) },
          { key: t('interviews.fields.interviewer'), value: i.interviewer ?? '' },
          {
            key: t('interviews.fields.indicators'),
            value: da.indicators.length ? da.indicators.join(', ') : t('interviews.noIndicators'),
          },
          ...(da.notAsked.length ? [{ key: t('interviews.fields.notAsked'), value: da.notAsked.join(', ') }] : []),
          { key: t('interviews.fields.summary'), value: i.summary },
        ],
        onHearingDay: i.onHearingDay,
      };
    }),
    letter: {
      status: t(`safeguarding.letterStatus.${letterStatus}`),
      statusClasses:
        {
          none: 'govuk-tag--grey',
          draft: 'govuk-tag--blue',
          submitted: 'govuk-tag--purple',
          returned: 'govuk-tag--orange',
          filed: 'govuk-tag--green',
        }[letterStatus] ?? 'govuk-tag--grey',
      due: letterDue ? m.formatDate(letterDue) : t('common.notSet'),
      clock: letterDue ? clockTag(m, letterDue, r.letter?.filedOn ?? null, data.today) : null,
      href: `/cases/${s.id}/safeguarding-letter`,
    },
    // The hearing may come before the letter is filed: its outcome can be recorded from
    // screening on (the state machine allows it), never before.
    firstHearingHref:
      s.status === 'awaiting-first-hearing' || s.status === 'safeguarding-checks'
        ? `/cases/${s.id}/first-hearing`
        : null,
  };
}

type FormErrors = { errors?: unknown; fieldErrors?: Record<string, { text: string }> };

export interface ScreeningValues {
  riskFlags: string[];
  otherRisk: string;
  decision: string;
  rationale: string;
  referralLocalAuthority: string;
  referralMethod: string;
  referralContent: string;
}

export function screeningViewModel(
  m: Messages,
  data: {
    summary: CaseSummary & {
      children: { givenNames: string; familyName: string; dateOfBirth: string | null }[];
      parties: { givenNames: string; familyName: string; partyRole: string }[];
    };
    context: ApplicationContext;
    localAuthorities: { code: string; name: string; nameCy: string | null }[];
    values: ScreeningValues;
    formToken: string;
    today: string;
    canSeeAccessLog: boolean;
  } & FormErrors,
) {
  const { t } = m;
  const s = data.summary;
  const v = data.values;
  const dueOn = screeningDueOn(calendar, s.receivedOn);
  return {
    pageTitle: t('screening.title'),
    caseId: s.id,
    header: caseHeader(m, s),
    subNavigation: caseSubNavigation(m, s.id, 'safeguarding', data.canSeeAccessLog),
    received: m.formatDate(s.receivedOn),
    due: m.formatDate(dueOn),
    clock: clockTag(m, dueOn, null, data.today),
    signals: data.context.signals.map((x) => ({
      kind: t(`screening.signalKinds.${x.kind}`),
      source: t(`screening.signalSources.${x.source}`),
      detail: x.detail ?? '',
    })),
    allegations: data.context.allegations.map((a) =>
      m.has(`screening.allegations.${a}`) ? t(`screening.allegations.${a}`) : a,
    ),
    allegationsDetail: data.context.allegationsDetail ?? '',
    children: s.children.map((c) => ({
      name: `${c.givenNames} ${c.familyName}`,
      dateOfBirth: c.dateOfBirth ? m.formatDate(c.dateOfBirth) : t('common.notKnown'),
    })),
    parties: s.parties.map((p) => ({ name: `${p.givenNames} ${p.familyName}`, role: t(`partyRole.${p.partyRole}`) })),
    flagItems: [
      ...RISK_FLAGS.map((f) => ({
        value: f,
        text: t(`screening.flags.${f}`),
        checked: v.riskFlags.includes(f),
        ...(f === 'other' ? { conditional: true } : {}),
      })),
    ],
    noneItem: { value: NO_RISK, text: t('screening.flags.none'), checked: v.riskFlags.includes(NO_RISK) },
    decisionItems: SCREENING_DECISIONS.map((d) => ({
      value: d,
      text: t(`screening.decisions.${d}`),
      hint: t(`screening.decisionHints.${d}`),
      checked: v.decision === d,
    })),
    localAuthorityItems: [
      { value: '', text: t('screening.chooseLocalAuthority'), selected: !v.referralLocalAuthority },
      ...data.localAuthorities.map((la) => ({
        value: la.code,
        text: laName(m, la.name, la.nameCy),
        selected: la.code === v.referralLocalAuthority,
      })),
    ],
    methodItems: REFERRAL_METHODS.map((x) => ({
      value: x,
      text: t(`screening.methods.${x}`),
      checked: v.referralMethod === x,
    })),
    values: v,
    formToken: data.formToken,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}

function queueQueryString(q: QueueQuery, overrides: Partial<QueueQuery> = {}): string {
  const merged = { ...q, ...overrides };
  const params = new URLSearchParams({ scope: merged.scope });
  if (merged.area) params.set('area', merged.area);
  if (merged.page > 1) params.set('page', String(merged.page));
  return `?${params.toString()}`;
}

function scopeTabs(m: Messages, base: string, q: QueueQuery, extra = '') {
  return (['mine', 'all'] as const).map((scope) => ({
    text: m.t(`safeguarding.scope.${scope}`),
    href: `${base}${queueQueryString(q, { scope, page: 1 })}${extra}`,
    current: q.scope === scope,
  }));
}

/** The area filter: a select of the service areas, "all areas" first. */
function areaItems(m: Messages, areas: { id: string; name: string; nameCy: string }[], q: QueueQuery) {
  return [
    { value: '', text: m.t('safeguarding.filters.allAreas'), selected: !q.area },
    ...areas.map((a) => ({ value: a.id, text: m.language === 'cy' ? a.nameCy : a.name, selected: a.id === q.area })),
  ];
}

export function screeningQueueViewModel(
  m: Messages,
  query: QueueQuery,
  result: { rows: ScreeningQueueRow[]; total: number },
  today: string,
  areas: { id: string; name: string; nameCy: string }[],
) {
  const from = result.total === 0 ? 0 : (query.page - 1) * QUEUE_PAGE_SIZE + 1;
  const to = Math.min(result.total, query.page * QUEUE_PAGE_SIZE);
  return {
    pageTitle: m.t('screening.queue.title'),
    scopes: scopeTabs(m, '/safeguarding/screening', query),
    query,
    areaItems: areaItems(m, areas, query),
    total: result.total,
    showing: m.t('safeguarding.showing', { from, to, total: result.total }),
    rows: result.rows.map((r) => {
      const due = screeningDueOn(calendar, r.receivedOn);
      return {
        href: `/cases/${r.id}/screening`,
        reference: r.reference,
        received: m.formatDate(r.receivedOn, 'short'),
        due: m.formatDate(due, 'short'),
        clock: clockTag(m, due, null, today),
        court: laName(m, r.courtName, r.courtNameCy) || m.t('common.notSet'),
        area: laName(m, r.areaName, r.areaNameCy),
        restricted: r.restricted,
      };
    }),
    pagination: paginationItems(
      query.page,
      result.total,
      QUEUE_PAGE_SIZE,
      (p) => `/safeguarding/screening${queueQueryString(query, { page: p })}`,
    ),
  };
}

export function chaseListViewModel(
  m: Messages,
  query: QueueQuery & { list: 'overdue' | 'update-letter' },
  result: { rows: ChaseRow[]; total: number },
  today: string,
  formToken: () => string,
  areas: { id: string; name: string; nameCy: string }[],
) {
  const from = result.total === 0 ? 0 : (query.page - 1) * QUEUE_PAGE_SIZE + 1;
  const to = Math.min(result.total, query.page * QUEUE_PAGE_SIZE);
  const listParam = query.list === 'update-letter' ? '&list=update-letter' : '';
  const returnTo = `/safeguarding/checks${queueQueryString(query)}${listParam}`;
  return {
    pageTitle: m.t('checks.chase.title'),
    list: query.list,
    query,
    areaItems: areaItems(m, areas, query),
    scopes: scopeTabs(m, '/safeguarding/checks', query, listParam),
    tabs: (['overdue', 'update-letter'] as const).map((l) => ({
      text: m.t(`checks.chase.tabs.${l}`),
      href: `/safeguarding/checks${queueQueryString(query, { page: 1 })}${l === 'update-letter' ? '&list=update-letter' : ''}`,
      current: query.list === l,
    })),
    total: result.total,
    showing: m.t('safeguarding.showing', { from, to, total: result.total }),
    returnTo,
    rows: result.rows.map((c) => {
      const overdueBy = -workingDaysLeft(calendar, c.dueOn, today);
      return {
        caseHref: `/cases/${c.caseId}/safeguarding`,
        reference: c.reference,
        subject: checkSubject(m, c),
        due: m.formatDate(c.dueOn, 'short'),
        returned: c.returnedOn ? m.formatDate(c.returnedOn, 'short') : '',
        outcome: c.outcome ? m.t(`checks.outcomes.${c.outcome}`) : '',
        overdue:
          overdueBy > 0
            ? m.t(`safeguarding.clock.overdue${overdueBy === 1 ? 'One' : ''}`, { days: overdueBy })
            : m.t('safeguarding.clock.due-today'),
        overdueClasses: overdueBy > 0 ? 'govuk-tag--red' : 'govuk-tag--yellow',
        chaseCount: String(c.chaseCount),
        lastChased: c.lastChasedOn ? m.formatDate(c.lastChasedOn, 'short') : m.t('checks.neverChased'),
        chaseAction: `/cases/${c.caseId}/checks/${c.id}/chase`,
        recordHref: `/cases/${c.caseId}/checks/${c.id}`,
        formToken: formToken(),
      };
    }),
    pagination: paginationItems(
      query.page,
      result.total,
      QUEUE_PAGE_SIZE,
      (p) => `/safeguarding/checks${queueQueryString(query, { page: p })}${listParam}`,
    ),
  };
}

export interface CheckReturnValues {
  day: string;
  month: string;
  year: string;
  outcome: string;
  concerns: string;
  version: number;
}

export function checkReturnViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    check: CheckRow;
    values: CheckReturnValues;
    today: string;
    canSeeAccessLog: boolean;
    formToken: string;
    letterFiled: boolean;
  } & FormErrors,
) {
  const { t } = m;
  const c = data.check;
  const v = data.values;
  return {
    pageTitle: t('checks.return.title'),
    caseId: data.summary.id,
    header: caseHeader(m, data.summary),
    subNavigation: caseSubNavigation(m, data.summary.id, 'safeguarding', data.canSeeAccessLog),
    subject: checkSubject(m, c),
    checkId: c.id,
    rows: [
      { key: t('checks.fields.kind'), value: t(`checks.kinds.${c.kind}`) },
      { key: t('checks.fields.requested'), value: m.formatDate(c.requestedOn) },
      { key: t('checks.fields.due'), value: m.formatDate(c.dueOn) },
      {
        key: t('checks.fields.chased'),
        value: c.chaseCount
          ? t('checks.chasedTimes', { count: c.chaseCount, date: m.formatDate(c.lastChasedOn, 'short') })
          : t('checks.neverChased'),
      },
    ],
    clock: clockTag(m, c.dueOn, c.returnedOn, data.today),
    returned: c.returnedOn !== null,
    canChase: c.returnedOn === null,
    letterFiled: data.letterFiled && c.returnedOn === null,
    outcomeItems: CHECK_OUTCOMES.map((o) => ({
      value: o,
      text: t(`checks.outcomes.${o}`),
      checked: v.outcome === o,
    })),
    values: v,
    formToken: data.formToken,
    chaseAction: `/cases/${data.summary.id}/checks/${c.id}/chase`,
    backHref: `/cases/${data.summary.id}/safeguarding`,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}

export function newCheckViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    parties: { id: string; name: string; role: string }[];
    localAuthorities: { code: string; name: string; nameCy: string | null }[];
    values: { kind: string; partyId: string; localAuthorityCode: string };
    formToken: string;
    canSeeAccessLog: boolean;
  } & FormErrors,
) {
  const { t } = m;
  const v = data.values;
  return {
    pageTitle: t('checks.new.title'),
    caseId: data.summary.id,
    header: caseHeader(m, data.summary),
    subNavigation: caseSubNavigation(m, data.summary.id, 'safeguarding', data.canSeeAccessLog),
    partyItems: data.parties.map((p) => ({
      value: p.id,
      text: p.name,
      hint: { text: t(`partyRole.${p.role}`) },
      checked: v.partyId === p.id,
    })),
    localAuthorityItems: [
      { value: '', text: t('screening.chooseLocalAuthority'), selected: !v.localAuthorityCode },
      ...data.localAuthorities.map((la) => ({
        value: la.code,
        text: laName(m, la.name, la.nameCy),
        selected: la.code === v.localAuthorityCode,
      })),
    ],
    values: v,
    formToken: data.formToken,
    backHref: `/cases/${data.summary.id}/safeguarding`,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}

export interface InterviewValues {
  partyId: string;
  day: string;
  month: string;
  year: string;
  method: string;
  answers: Record<string, string>;
  summary: string;
}

export function interviewViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    parties: { id: string; name: string; role: string }[];
    values: InterviewValues;
    formToken: string;
    canSeeAccessLog: boolean;
  } & FormErrors,
) {
  const { t } = m;
  const v = data.values;
  return {
    pageTitle: t('interviews.new.title'),
    caseId: data.summary.id,
    header: caseHeader(m, data.summary),
    subNavigation: caseSubNavigation(m, data.summary.id, 'safeguarding', data.canSeeAccessLog),
    firstHearing: data.summary.firstHearingOn ? m.formatDate(data.summary.firstHearingOn) : null,
    partyItems: data.parties.map((p) => ({
      value: p.id,
      text: p.name,
      hint: { text: t(`partyRole.${p.role}`) },
      checked: v.partyId === p.id,
    })),
    methodItems: INTERVIEW_METHODS.map((x) => ({
      value: x,
      text: t(`interviews.methods.${x}`),
      checked: v.method === x,
    })),
    daQuestions: DA_QUESTIONS.map((q) => ({
      name: `da-${q}`,
      legend: t(`interviews.daQuestions.${q}`),
      error: data.fieldErrors?.[`da-${q}`],
      items: DA_ANSWERS.map((a) => ({ value: a, text: t(`interviews.daAnswers.${a}`), checked: v.answers[q] === a })),
    })),
    values: v,
    formToken: data.formToken,
    backHref: `/cases/${data.summary.id}/safeguarding`,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}
