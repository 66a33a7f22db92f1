import type { Misspelling } from '../../platform/documents/spellcheck.ts';
import type { FormError } from '../../platform/forms/validation.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import { caseHeader, caseSubNavigation, paginationItems } from '../casework/service.ts';
import { citationSource } from './document.ts';
import { SHARE_METHODS } from './forms.ts';
import type {
  DirectionFact,
  ReportContext,
  ReportDocumentRow,
  ReportQueueRow,
  ReportReviewRow,
  ReportRow,
  ReportShareRow,
} from './queries.ts';
import { READINESS_RULES, type Readiness } from './readiness.ts';
import { kindOfDirection, timeliness } from './reports.ts';
import {
  type CitationIndex,
  CONTACT_CITATION,
  childField,
  EDITABLE_STATUSES,
  RECOMMENDED_ORDERS,
  type ReportSections,
  resolveCitations,
  type TEXT_SECTIONS,
  tokenOf,
} from './sections.ts';

type Errors = { errors?: FormError[]; fieldErrors?: Record<string, { text: string }> };

const STATUS_TAG: Record<string, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  returned: 'govuk-tag--orange',
  approved: 'govuk-tag--turquoise',
  filed: 'govuk-tag--green',
};

export function statusTag(m: Messages, status: string) {
  return { text: m.t(`reports.status.${status}`), classes: STATUS_TAG[status] ?? 'govuk-tag--grey' };
}

/** "On time" or "Late by N days" for a filed report; for an open one, how it stands today. */
export function timelinessTag(m: Messages, dueOn: string | null, filedOn: string | null, today: string) {
  if (!dueOn) return null;
  const { onTime, daysLate } = timeliness(dueOn, filedOn ?? today);
  if (filedOn) {
    return onTime
      ? { text: m.t('reports.timeliness.onTime'), classes: 'govuk-tag--green' }
      : {
          text: m.t(daysLate === 1 ? 'reports.timeliness.lateOne' : 'reports.timeliness.late', { days: daysLate }),
          classes: 'govuk-tag--red',
        };
  }
  return onTime
    ? null
    : {
        text: m.t(daysLate === 1 ? 'reports.timeliness.overdueOne' : 'reports.timeliness.overdue', { days: daysLate }),
        classes: 'govuk-tag--red',
      };
}

export function directionText(m: Messages, d: DirectionFact) {
  const kind = kindOfDirection(d.reportType);
  const what = kind ? m.t(`reports.kinds.${kind}`) : (d.reportLabel ?? d.reportType);
  return d.dueOn
    ? m.t('reports.directionDue', { what, date: m.formatDate(d.dueOn) })
    : m.t('reports.directionNoDate', { what });
}

/** A section's text as parts for the page: plain text, quotations with their source and link, and unresolved tokens. */
export function textParts(m: Messages, text: string, index: CitationIndex) {
  return resolveCitations(text, index).map((p) =>
    p.type === 'text'
      ? { type: 'text', text: p.text }
      : p.type === 'quote'
        ? { type: 'quote', text: p.citable.quote, source: citationSource(m, p.citable), href: p.citable.href }
        : { type: 'unresolved', text: p.raw, label: m.t('reports.citations.unresolved', { token: p.raw }) },
  );
}

const hasToken = (text: string) => /\[\[/.test(text);

function caseFrame(m: Messages, ctx: ReportContext, canSeeAccessLog: boolean) {
  return {
    caseId: ctx.summary.id,
    header: caseHeader(m, ctx.summary),
    subNavigation: caseSubNavigation(m, ctx.summary.id, 'reports', canSeeAccessLog),
  };
}

export function reportsListViewModel(
  m: Messages,
  input: { ctx: ReportContext; today: string; canEdit: boolean; canSeeAccessLog: boolean; notice: string | null },
) {
  const { ctx } = input;
  const answered = new Set(ctx.reports.map((r) => r.directionId));
  return {
    pageTitle: m.t('reports.listTitle'),
    ...caseFrame(m, ctx, input.canSeeAccessLog),
    rows: ctx.reports.map((r) => {
      const d = ctx.directions.find((x) => x.id === r.directionId);
      const dueOn = r.dueOn ?? d?.dueOn ?? null;
      return {
        href: `/cases/${ctx.summary.id}/reports/${r.id}`,
        kind: m.t(`reports.kinds.${r.kind}`),
        status: statusTag(m, r.status),
        due: dueOn ? m.formatDate(dueOn) : m.t('common.notSet'),
        filed: r.filedOn ? m.formatDate(r.filedOn) : m.t('reports.notFiled'),
        timeliness: timelinessTag(m, dueOn, r.filedOn, input.today),
      };
    }),
    waiting: ctx.directions
      .filter((d) => kindOfDirection(d.reportType) && !d.filedOn && !answered.has(d.id))
      .map((d) => ({ text: directionText(m, d), timeliness: timelinessTag(m, d.dueOn, null, input.today) })),
    canStart: input.canEdit,
    notice: input.notice === 'report-started' ? m.t('reports.notices.started') : null,
  };
}

export function newReportViewModel(
  m: Messages,
  input: {
    ctx: ReportContext;
    open: DirectionFact[];
    canStartNow: boolean;
    hasFiledReport: boolean;
    canSeeAccessLog: boolean;
    formToken: string;
    values?: { directionId: string; language: string };
  } & Errors,
) {
  const { ctx } = input;
  const values = input.values ?? {
    directionId: input.open.length === 1 ? input.open[0]!.id : '',
    language: ctx.summary.language,
  };
  const directionItems = input.open.map((d) => {
    const kind = kindOfDirection(d.reportType)!;
    const blocked = kind === 'addendum' && !input.hasFiledReport;
    return {
      value: d.id,
      text: directionText(m, d),
      hint: { text: blocked ? m.t('reports.new.addendumNeedsReport') : m.t(`reports.kindHints.${kind}`) },
      checked: values.directionId === d.id,
      disabled: blocked,
    };
  });
  return {
    pageTitle: m.t('reports.new.title'),
    ...caseFrame(m, ctx, input.canSeeAccessLog),
    canStartNow: input.canStartNow,
    directionItems,
    languageItems: (['en', 'cy'] as const).map((l) => ({
      value: l,
      text: m.t(`languages.${l}`),
      checked: values.language === l,
    })),
    formToken: input.formToken,
    errors: input.errors,
    fieldErrors: input.fieldErrors,
  };
}

export interface ReportFormValues {
  sections: ReportSections;
}

/** The checklist as the page shows it: each rule done or to do, its problems linked to where to fix them. */
export function checklistView(
  m: Messages,
  readiness: Readiness,
  reportHref: string,
  childNames: Record<string, string>,
) {
  return READINESS_RULES.map((rule) => {
    const r = readiness.rules.find((x) => x.rule === rule)!;
    return {
      id: `readiness-${rule}`,
      title: m.t(`reports.readiness.rules.${rule}`),
      ok: r.ok,
      tag: r.ok
        ? { text: m.t('reports.readiness.done'), classes: 'govuk-tag--green' }
        : { text: m.t('reports.readiness.toDo'), classes: 'govuk-tag--red' },
      problems: r.problems.map((p) => ({
        text: m.t(p.key, { ...p.params, name: p.params.name ?? childNames[p.field] ?? '' }),
        href: p.href.startsWith('#') ? `${reportHref}${p.href}` : p.href,
      })),
    };
  });
}

/** Error summary and field messages from the readiness problems. */
export function readinessErrors(m: Messages, readiness: Readiness) {
  const errors: FormError[] = [];
  const fieldErrors: Record<string, { text: string }> = {};
  for (const p of readiness.problems) {
    const text = m.t(p.key, p.params);
    errors.push({ field: p.field, text, href: p.href });
    fieldErrors[p.field] ??= { text };
  }
  return { errors, fieldErrors };
}

function evidenceView(m: Messages, ctx: ReportContext) {
  return {
    children: ctx.childWork.map((c) => ({
      name: c.name,
      seen: c.seen
        ? m.t(c.seenAlone ? 'reports.evidence.seenAlone' : 'reports.evidence.seen')
        : c.notSeenReason
          ? m.t('reports.evidence.notSeenBecause', { reason: c.notSeenReason })
          : m.t('reports.evidence.notSeen'),
      words: c.sessions
        .filter((s) => s.ownWords.trim() !== '')
        .map((s) => ({
          token: tokenOf('words', s.id),
          quote: s.ownWords,
          source: m.t('reports.evidence.sessionOn', { date: m.formatDate(s.heldOn) }),
          tools: s.tools.join(', '),
          href: s.href,
        })),
      impactHref: c.impact?.href ?? null,
      diversity: c.diversity?.statement ?? null,
    })),
    contacts: ctx.contacts
      .filter((c) => c.whatWasSaid.trim() !== '')
      .map((c) => ({
        token: tokenOf('contact', c.id),
        quote: c.whatWasSaid,
        source: citationSource(m, {
          kind: CONTACT_CITATION,
          id: c.id,
          quote: '',
          on: c.heldOn,
          href: c.href,
          contactKind: c.kind,
          withWhom: c.withWhom,
        }),
        href: c.href,
      })),
    directWorkHref: `/cases/${ctx.summary.id}/direct-work`,
    planHref: `/cases/${ctx.summary.id}/plan`,
  };
}

export interface ReportPageInput extends Errors {
  ctx: ReportContext;
  report: ReportRow;
  readiness: Readiness | null;
  reviews: ReportReviewRow[];
  documents: ReportDocumentRow[];
  shareCount: number;
  today: string;
  canEdit: boolean;
  canReview: boolean;
  canSeeAccessLog: boolean;
  authorName: string;
  viewerIsSelfRegulatingAuthor: boolean;
  formToken: string;
  notice: string | null;
  sections?: ReportSections;
  misspellings?: Misspelling[];
}

const NOTICES = ['report-saved', 'report-submitted', 'report-returned', 'report-approved', 'report-filed', 'quoted'];

export function reportPageViewModel(m: Messages, input: ReportPageInput) {
  const { ctx, report } = input;
  const t = m.t;
  const caseId = ctx.summary.id;
  const base = `/cases/${caseId}/reports/${report.id}`;
  const s: ReportSections = input.sections ?? ((report.sections ?? {}) as ReportSections);
  const direction = ctx.directions.find((d) => d.id === report.directionId) ?? null;
  const dueOn = report.dueOn ?? direction?.dueOn ?? null;
  const editable = input.canEdit && EDITABLE_STATUSES.includes(report.status);
  const fe = input.fieldErrors ?? {};
  const parent = report.parentReportId ? ctx.reports.find((r) => r.id === report.parentReportId) : undefined;
  const textField = (key: (typeof TEXT_SECTIONS)[number]) => ({
    id: key,
    name: key,
    value: s[key] ?? '',
    label: t(`reports.sections.${key}`),
    hint: t(`reports.hints.${key}`),
    errorMessage: fe[key],
    parts: hasToken(s[key] ?? '') ? textParts(m, s[key] ?? '', ctx.citations) : [],
  });
  const childNames = Object.fromEntries(
    ctx.children.flatMap((c) =>
      (['wishes', 'wordsReason', 'needs', 'diversity', 'diversityRelevant'] as const).map((k) => [
        childField(k, c.id),
        c.name,
      ]),
    ),
  );
  const canFile =
    input.canEdit &&
    (report.status === 'approved' || (input.viewerIsSelfRegulatingAuthor && report.status !== 'filed'));
  const readOnly = (key: string, heading: string, text: string | undefined) =>
    (text ?? '').trim() ? [{ id: key, heading, parts: textParts(m, text!, ctx.citations) }] : [];
  const orders = (s.orders ?? []).filter((o) => (RECOMMENDED_ORDERS as readonly string[]).includes(o));
  return {
    pageTitle: t(`reports.kinds.${report.kind}`),
    ...caseFrame(m, ctx, input.canSeeAccessLog),
    notice: input.notice && NOTICES.includes(input.notice) ? t(`reports.notices.${input.notice}`) : null,
    report: {
      id: report.id,
      version: report.version,
      status: statusTag(m, report.status),
      isFiled: report.status === 'filed',
      summaryRows: [
        { key: { text: t('reports.fields.kind') }, value: { text: t(`reports.kinds.${report.kind}`) } },
        { key: { text: t('reports.fields.status') }, value: { html: '' }, tag: statusTag(m, report.status) },
        { key: { text: t('reports.fields.language') }, value: { text: t(`languages.${report.language}`) } },
        { key: { text: t('reports.fields.due') }, value: { text: dueOn ? m.formatDate(dueOn) : t('common.notSet') } },
        { key: { text: t('reports.fields.author') }, value: { text: input.authorName } },
        ...(parent?.filedOn
          ? [
              {
                key: { text: t('reports.fields.addendumTo') },
                value: { text: t('reports.addendumToText', { date: m.formatDate(parent.filedOn) }) },
              },
            ]
          : []),
        ...(report.filedOn
          ? [{ key: { text: t('reports.fields.filedOn') }, value: { text: m.formatDate(report.filedOn) } }]
          : []),
      ],
      timeliness: timelinessTag(m, dueOn, report.filedOn, input.today),
    },
    reviews: input.reviews.map((r) => ({
      title: t(r.decision === 'returned' ? 'reports.reviews.returned' : 'reports.reviews.approved', {
        name: r.reviewerName,
        date: m.formatDateTime(r.reviewedAt),
      }),
      comments: r.comments,
    })),
    checklist: input.readiness ? checklistView(m, input.readiness, base, childNames) : null,
    editable,
    waiting: report.status === 'submitted',
    approved: report.status === 'approved',
    canReview: input.canReview && report.status === 'submitted',
    reviewHref: `${base}/review`,
    canFile,
    fileHref: `${base}/file`,
    shareHref: `${base}/share`,
    shareCount: input.shareCount,
    submitText: t(input.viewerIsSelfRegulatingAuthor ? 'reports.submitSelf' : 'reports.submit'),
    formToken: input.formToken,
    action: base,
    text: {
      background: textField('background'),
      welfare: textField('welfare'),
      risk: textField('risk'),
      analysis: textField('analysis'),
      recommendation: textField('recommendation'),
      signposting: textField('signposting'),
    },
    children: ctx.children.map((c) => {
      const field = (k: 'wishes' | 'wordsReason' | 'needs' | 'diversity') => ({
        id: childField(k, c.id),
        value: s[k]?.[c.id] ?? '',
        errorMessage: fe[childField(k, c.id)],
        parts: hasToken(s[k]?.[c.id] ?? '') ? textParts(m, s[k]?.[c.id] ?? '', ctx.citations) : [],
      });
      const relevant = s.diversityRelevant?.[c.id] ?? '';
      return {
        id: c.id,
        name: c.name,
        wishes: {
          ...field('wishes'),
          label: t('reports.childSections.wishes', { name: c.name }),
          hint: t('reports.hints.wishes', { name: c.name }),
        },
        wordsReason: {
          ...field('wordsReason'),
          label: t('reports.childSections.wordsReason', { name: c.name }),
          hint: t('reports.hints.wordsReason'),
        },
        needs: {
          ...field('needs'),
          label: t('reports.childSections.needs', { name: c.name }),
          hint: t('reports.hints.needs'),
        },
        diversity: {
          ...field('diversity'),
          label: t('reports.childSections.diversity', { name: c.name }),
          hint: t('reports.hints.diversity'),
        },
        relevant: {
          name: childField('diversityRelevant', c.id),
          legend: t('reports.childSections.diversityRelevant', { name: c.name }),
          errorMessage: fe[childField('diversityRelevant', c.id)],
          items: [
            { value: 'yes', text: t('reports.diversityRelevant.yes'), checked: relevant === 'yes' },
            { value: 'no', text: t('reports.diversityRelevant.no'), checked: relevant === 'no' },
          ],
        },
      };
    }),
    orderItems: RECOMMENDED_ORDERS.map((o) => ({
      value: o,
      text: t(`reports.orders.${o}`),
      checked: orders.includes(o),
    })),
    quoteTargets: [
      { value: 'auto', text: t('reports.evidence.quoteAuto') },
      { value: 'background', text: t('reports.sections.background') },
      ...ctx.children.flatMap((c) => [
        { value: childField('wishes', c.id), text: t('reports.childSections.wishes', { name: c.name }) },
        { value: childField('needs', c.id), text: t('reports.childSections.needs', { name: c.name }) },
      ]),
      { value: 'welfare', text: t('reports.sections.welfare') },
      { value: 'risk', text: t('reports.sections.risk') },
      { value: 'analysis', text: t('reports.sections.analysis') },
    ],
    evidence: evidenceView(m, ctx),
    misspellings: (input.misspellings ?? []).map((w, i) => ({
      id: `spelling-${i}`,
      value: w.word,
      text: t('reports.spelling.accept', { word: w.word }),
      hint: {
        text: w.suggestions.length
          ? t('reports.spelling.suggestions', { words: w.suggestions.join(', ') })
          : t('reports.spelling.noSuggestions'),
      },
    })),
    spellingError: (input.errors ?? []).some((e) => e.field.startsWith('spelling-')),
    spellingIntro: t('reports.spelling.intro', { language: t(`languages.${report.language === 'cy' ? 'cy' : 'en'}`) }),
    readOnlySections: editable
      ? []
      : [
          ...readOnly('background', t('reports.sections.background'), s.background),
          ...ctx.children.flatMap((c) => [
            ...readOnly(
              childField('wishes', c.id),
              t('reports.childSections.wishes', { name: c.name }),
              s.wishes?.[c.id],
            ),
            ...readOnly(
              childField('wordsReason', c.id),
              t('reports.childSections.wordsReason', { name: c.name }),
              s.wordsReason?.[c.id],
            ),
            ...readOnly(childField('needs', c.id), t('reports.childSections.needs', { name: c.name }), s.needs?.[c.id]),
          ]),
          ...readOnly('welfare', t('reports.sections.welfare'), s.welfare),
          ...ctx.children.flatMap((c) =>
            readOnly(
              childField('diversity', c.id),
              t('reports.childSections.diversity', { name: c.name }),
              s.diversity?.[c.id],
            ),
          ),
          ...readOnly('risk', t('reports.sections.risk'), s.risk),
          ...readOnly('analysis', t('reports.sections.analysis'), s.analysis),
          ...readOnly('recommendation', t('reports.sections.recommendation'), s.recommendation),
          ...(orders.length
            ? [
                {
                  id: 'orders',
                  heading: t('reports.sections.orders'),
                  parts: [{ type: 'text', text: orders.map((o) => t(`reports.orders.${o}`)).join('\n') }],
                },
              ]
            : []),
          ...readOnly('signposting', t('reports.sections.signposting'), s.signposting),
        ],
    documents: input.documents.map((d) => ({
      href: `${base}/documents/${d.id}`,
      text: t('reports.download', { name: d.fileName }),
      format: t(`reports.formats.${d.format === 'pdf' ? 'pdf' : 'docx'}`),
      size: `${Math.max(1, Math.round(d.byteSize / 1024))} KB`,
    })),
    errors: input.errors,
    fieldErrors: input.fieldErrors,
  };
}

export function reviewPageViewModel(
  m: Messages,
  input: {
    ctx: ReportContext;
    report: ReportRow;
    readiness: Readiness | null;
    reviews: ReportReviewRow[];
    authorName: string;
    ownReport: boolean;
    today: string;
    canSeeAccessLog: boolean;
    formToken: string;
    values: { decision: string; comments: string };
  } & Errors,
) {
  const page = reportPageViewModel(m, {
    ctx: input.ctx,
    report: input.report,
    readiness: input.readiness,
    reviews: input.reviews,
    documents: [],
    shareCount: 0,
    today: input.today,
    canEdit: false,
    canReview: true,
    canSeeAccessLog: input.canSeeAccessLog,
    authorName: input.authorName,
    viewerIsSelfRegulatingAuthor: false,
    formToken: input.formToken,
    notice: null,
  });
  return {
    ...page,
    pageTitle: m.t('reports.review.title'),
    reportHref: `/cases/${input.ctx.summary.id}/reports/${input.report.id}`,
    reviewable: input.report.status === 'submitted',
    ownReport: input.ownReport,
    values: input.values,
    errors: input.errors,
    fieldErrors: input.fieldErrors,
  };
}

export function filePageViewModel(
  m: Messages,
  input: {
    ctx: ReportContext;
    report: ReportRow;
    readiness: Readiness;
    allowed: 'review' | 'self-regulating' | null;
    today: string;
    canSeeAccessLog: boolean;
    formToken: string;
    values: { day: string; month: string; year: string; confirm: boolean };
  } & Errors,
) {
  const { ctx, report } = input;
  const t = m.t;
  const base = `/cases/${ctx.summary.id}/reports/${report.id}`;
  const direction = ctx.directions.find((d) => d.id === report.directionId) ?? null;
  const dueOn = report.dueOn ?? direction?.dueOn ?? null;
  const childNames = Object.fromEntries(ctx.children.map((c) => [c.id, c.name]));
  const today = timeliness(dueOn, input.today);
  return {
    pageTitle: t('reports.file.title'),
    ...caseFrame(m, ctx, input.canSeeAccessLog),
    reportHref: base,
    action: `${base}/file`,
    kind: t(`reports.kinds.${report.kind}`),
    filed: report.status === 'filed',
    due: dueOn ? m.formatDate(dueOn) : t('common.notSet'),
    todayTimeliness:
      dueOn === null
        ? t('reports.file.noDueDate')
        : today.onTime
          ? t('reports.file.onTimeToday')
          : t(today.daysLate === 1 ? 'reports.file.lateTodayOne' : 'reports.file.lateToday', { days: today.daysLate }),
    route: input.allowed,
    ready: input.readiness.ready,
    checklist: checklistView(m, input.readiness, base, childNames).filter((r) => !r.ok),
    formToken: input.formToken,
    values: input.values,
    errors: input.errors,
    fieldErrors: input.fieldErrors,
  };
}

export function sharePageViewModel(
  m: Messages,
  input: {
    ctx: ReportContext;
    report: ReportRow;
    shares: ReportShareRow[];
    nextHearingOn: string | null;
    today: string;
    canEdit: boolean;
    canSeeAccessLog: boolean;
    formToken: string;
    notice: string | null;
    values: { recipients: string[]; day: string; month: string; year: string; method: string; reason: string };
  } & Errors,
) {
  const { ctx, report } = input;
  const t = m.t;
  const base = `/cases/${ctx.summary.id}/reports/${report.id}`;
  const people = [
    ...ctx.summary.parties.map((p) => ({
      value: `party:${p.id}`,
      text: `${p.givenNames} ${p.familyName}`,
      hint: {
        text: t(
          `reports.share.partyRoles.${['applicant', 'respondent'].includes(p.partyRole) ? p.partyRole : 'other'}`,
        ),
      },
    })),
    ...ctx.summary.children.map((c) => ({
      value: `child:${c.id}`,
      text: `${c.givenNames} ${c.familyName}`,
      hint: { text: t('reports.share.child') },
    })),
  ].map((i) => ({ ...i, checked: input.values.recipients.includes(i.value) }));
  return {
    pageTitle: t('reports.share.title'),
    ...caseFrame(m, ctx, input.canSeeAccessLog),
    reportHref: base,
    action: `${base}/share`,
    kind: t(`reports.kinds.${report.kind}`),
    filed: report.status === 'filed',
    canEdit: input.canEdit && report.status === 'filed',
    notice:
      input.notice === 'shared'
        ? t('reports.notices.shared')
        : input.notice === 'shared-late'
          ? t('reports.notices.sharedLate')
          : null,
    noticeLate: input.notice === 'shared-late',
    nextHearing: input.nextHearingOn ? m.formatDate(input.nextHearingOn) : null,
    hearingPassed: input.nextHearingOn !== null && input.today > input.nextHearingOn,
    rows: input.shares.map((s) => ({
      name: s.recipientName,
      who: t(s.childId ? 'reports.share.child' : 'reports.share.party'),
      on: m.formatDate(s.sharedOn),
      method: t(`reports.share.methods.${s.method}`),
      reason: s.reason ?? '',
      late: s.nextHearingOn !== null && s.sharedOn > s.nextHearingOn,
      lateText: s.nextHearingOn ? t('reports.share.afterHearing', { date: m.formatDate(s.nextHearingOn) }) : '',
    })),
    recipientItems: people,
    methodItems: SHARE_METHODS.map((v) => ({
      value: v,
      text: t(`reports.share.methods.${v}`),
      checked: input.values.method === v,
    })),
    formToken: input.formToken,
    values: input.values,
    errors: input.errors,
    fieldErrors: input.fieldErrors,
  };
}

export function reviewQueueViewModel(
  m: Messages,
  input: { rows: ReportQueueRow[]; total: number; page: number; pageSize: number; today: string },
) {
  const t = m.t;
  return {
    pageTitle: t('reports.queue.title'),
    count: t('reports.queue.count', { count: input.total }),
    rows: input.rows.map((r) => ({
      reference: r.reference,
      href: `/cases/${r.caseId}/reports/${r.reportId}/review`,
      linkText: t('reports.queue.reviewReport', { reference: r.reference }),
      kind: t(`reports.kinds.${r.kind}`),
      author: r.authorName,
      submitted: m.formatDate(r.submittedAt),
      due: r.dueOn ? m.formatDate(r.dueOn) : t('common.notSet'),
      timeliness: timelinessTag(m, r.dueOn, null, input.today),
    })),
    pagination: paginationItems(input.page, input.total, input.pageSize, (p) => `/reports/reviews?page=${p}`),
  };
}
