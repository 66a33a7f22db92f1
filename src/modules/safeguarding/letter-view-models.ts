import type { Misspelling } from '../../platform/documents/spellcheck.ts';
import type { FormError } from '../../platform/forms/validation.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import { type CaseSummary, caseHeader, caseSubNavigation, paginationItems } from '../casework/service.ts';
import { clockState } from './clocks.ts';
import { childField, type LetterSections, RECOMMENDATIONS, type ReadinessProblem } from './letter-sections.ts';
import type { CaseDocumentRow, LetterContext, LetterReviewRow, LetterRow, ReviewQueueRow } from './letters.ts';

export interface LetterFormValues {
  checks: string;
  interviews: string;
  riskAnalysis: string;
  children: Record<string, string>;
  recommendation: string;
  recommendationDetails: string;
  signposting: string;
  unreturnedChecksStatement: string;
  ignoredWords: string[];
}

export function valuesOfLetter(letter: LetterRow): LetterFormValues {
  const s = (letter.sections ?? {}) as LetterSections;
  return {
    checks: s.checks ?? '',
    interviews: s.interviews ?? '',
    riskAnalysis: s.riskAnalysis ?? '',
    children: s.children ?? {},
    recommendation: letter.recommendation ?? '',
    recommendationDetails: s.recommendationDetails ?? '',
    signposting: s.signposting ?? '',
    unreturnedChecksStatement: letter.unreturnedChecksStatement ?? '',
    ignoredWords: s.ignoredWords ?? [],
  };
}

const STATUS_TAG: Record<string, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  returned: 'govuk-tag--orange',
  filed: 'govuk-tag--green',
};

/** Errors for the page from the readiness rules, the spell-check and the confidential scan. */
export function submissionErrors(
  m: Messages,
  found: { problems: ReadinessProblem[]; misspellings: Misspelling[]; confidential: { kind: string; field: string }[] },
  /** Field id → the child's name, for the messages about a child. */
  childNames: Record<string, string> = {},
) {
  const errors: FormError[] = [];
  const fieldErrors: Record<string, { text: string }> = {};
  const add = (field: string, text: string) => {
    errors.push({ field, text, href: `#${field}` });
    fieldErrors[field] ??= { text };
  };
  for (const p of found.problems) add(p.field, m.t(p.key, { name: childNames[p.field] ?? '' }));
  for (const c of found.confidential) {
    add(c.field, m.t('letters.errors.confidential', { kind: m.t(`letters.confidentialKinds.${c.kind}`) }));
  }
  found.misspellings.forEach((w, i) => {
    errors.push({
      field: `spelling-${i}`,
      text: m.t('letters.spelling.error', { word: w.word }),
      href: `#spelling-${i}`,
    });
  });
  return { errors, fieldErrors };
}

export interface LetterPageInput {
  ctx: LetterContext;
  letter: LetterRow | null;
  reviews: LetterReviewRow[];
  documents: CaseDocumentRow[];
  today: string;
  canEdit: boolean;
  canReview: boolean;
  canSeeAccessLog: boolean;
  authorName: string | null;
  viewerSelfRegulating: boolean;
  formToken: string;
  notice: string | null;
  values?: LetterFormValues;
  misspellings?: Misspelling[];
  errors?: FormError[];
  fieldErrors?: Record<string, { text: string }>;
}

export function letterPageViewModel(m: Messages, input: LetterPageInput) {
  const { ctx, letter } = input;
  const t = m.t;
  const summary: CaseSummary = ctx.summary;
  const main = ctx.letters.find((l) => l.kind === 'letter') ?? null;
  const updates = ctx.letters.filter((l) => l.kind === 'update');
  const addendumChecks = ctx.checks.filter((c) => c.addendumNeeded);
  const values = input.values ?? (letter ? valuesOfLetter(letter) : null);
  const editable = input.canEdit && letter !== null && (letter.status === 'draft' || letter.status === 'returned');
  const coversIds = new Set(((letter?.sections ?? {}) as LetterSections).coversCheckIds ?? []);
  const checks = letter?.kind === 'update' ? ctx.checks.filter((c) => coversIds.has(c.id)) : ctx.checks;
  const unreturned = checks.filter((c) => !c.returnedOn).length;
  const timeliness =
    letter?.status === 'filed' && letter.dueOn && letter.filedOn
      ? clockState(letter.dueOn, letter.filedOn, input.today) === 'done-on-time'
        ? { text: t('letters.timeliness.onTime'), classes: 'govuk-tag--green' }
        : { text: t('letters.timeliness.late'), classes: 'govuk-tag--red' }
      : null;
  const notices: Record<string, string> = {
    'letter-saved': t('letters.saved'),
    'letter-submitted': t('letters.submittedNotice'),
    'letter-filed': t('letters.filedNotice'),
    'letter-returned': t('letters.returnedNotice'),
  };
  const errorTexts = input.fieldErrors ?? {};
  return {
    pageTitle: t(letter?.kind === 'update' ? 'letters.updateTitle' : 'letters.title'),
    caseId: summary.id,
    header: caseHeader(m, summary),
    subNavigation: caseSubNavigation(m, summary.id, 'safeguarding', input.canSeeAccessLog),
    notice: input.notice && notices[input.notice] ? notices[input.notice] : null,
    letter: letter
      ? {
          id: letter.id,
          kind: letter.kind,
          version: letter.version,
          status: letter.status,
          statusText: t(`letters.status.${letter.status}`),
          statusClasses: STATUS_TAG[letter.status] ?? 'govuk-tag--grey',
          language: t(`languages.${letter.language}`),
          dueOn: letter.dueOn ? m.formatDate(letter.dueOn) : null,
          filedOn: letter.filedOn ? m.formatDate(letter.filedOn) : null,
          author: input.authorName ?? '',
          timeliness,
        }
      : null,
    canStart: input.canEdit && main === null,
    canStartUpdate:
      input.canEdit &&
      main?.status === 'filed' &&
      addendumChecks.length > 0 &&
      !updates.some((u) => u.status !== 'filed'),
    updateLinks: updates
      .filter((u) => u.id !== letter?.id)
      .map((u) => ({
        href: `/cases/${summary.id}/safeguarding-letter?letter=${u.id}`,
        text: `${t('letters.kinds.update')} (${t(`letters.status.${u.status}`)})`,
      })),
    mainLink: letter?.kind === 'update' && main ? `/cases/${summary.id}/safeguarding-letter` : null,
    editable,
    canReview: input.canReview && letter?.status === 'submitted',
    waiting: letter?.status === 'submitted',
    filed: letter?.status === 'filed',
    isUpdate: letter?.kind === 'update',
    submitText: t(input.viewerSelfRegulating ? 'letters.submitSelf' : 'letters.submit'),
    formToken: input.formToken,
    values,
    children: ctx.children.map((c) => ({
      id: c.id,
      field: childField(c.id),
      name: c.name,
      value: values?.children[c.id] ?? '',
      hint: t('letters.hints.child', { name: c.name }),
      errorMessage: errorTexts[childField(c.id)],
    })),
    recommendationItems: RECOMMENDATIONS.map((r) => ({
      value: r,
      text: t(`letters.recommendations.${r}`),
      checked: values?.recommendation === r,
    })),
    showStatement: unreturned > 0 || (values?.unreturnedChecksStatement ?? '') !== '',
    misspellings: (input.misspellings ?? []).map((w, i) => ({
      id: `spelling-${i}`,
      word: w.word,
      text: t('letters.spelling.accept', { word: w.word }),
      hint: w.suggestions.length
        ? t('letters.spelling.suggestions', { words: w.suggestions.join(', ') })
        : t('letters.spelling.noSuggestions'),
    })),
    spellingIntro: t('letters.spelling.intro', {
      language: t(`letters.dictionaries.${letter?.language === 'cy' ? 'cy' : 'en'}`),
    }),
    ignoredWords: values?.ignoredWords ?? [],
    reviews: input.reviews.map((r) => ({
      title: t(r.decision === 'returned' ? 'letters.reviews.returned' : 'letters.reviews.approved', {
        name: r.reviewerName,
        date: m.formatDateTime(r.reviewedAt),
      }),
      comments: r.comments,
    })),
    documents: input.documents.map((d) => ({
      href: `/cases/${summary.id}/documents/${d.id}`,
      text: t('letters.download', { name: d.fileName }),
      format: t(`letters.formats.${d.format === 'pdf' ? 'pdf' : 'docx'}`),
      size: `${Math.max(1, Math.round(d.byteSize / 1024))} KB`,
    })),
    sectionsReadOnly: letter ? readOnlySections(m, ctx, letter) : [],
    errors: input.errors,
    fieldErrors: input.fieldErrors,
  };
}

/** The letter as the reviewer (or anyone without edit) reads it. */
export function readOnlySections(m: Messages, ctx: LetterContext, letter: LetterRow) {
  const v = valuesOfLetter(letter);
  const t = m.t;
  const rows: { heading: string; text: string }[] = [];
  const push = (key: string, text: string) => {
    if (text.trim()) rows.push({ heading: t(`letters.sections.${key}`), text });
  };
  push('checks', v.checks);
  push('unreturnedChecksStatement', v.unreturnedChecksStatement);
  push('interviews', v.interviews);
  push('riskAnalysis', v.riskAnalysis);
  for (const c of ctx.children) {
    if (v.children[c.id]?.trim())
      rows.push({ heading: `${t('letters.sections.children')}: ${c.name}`, text: v.children[c.id]! });
  }
  if (v.recommendation) {
    rows.push({
      heading: t('letters.sections.recommendation'),
      text: [t(`letters.recommendations.${v.recommendation}`), v.recommendationDetails].filter(Boolean).join('\n\n'),
    });
  }
  push('signposting', v.signposting);
  return rows;
}

export function reviewQueueViewModel(
  m: Messages,
  input: { rows: ReviewQueueRow[]; total: number; page: number; pageSize: number; today: string },
) {
  const t = m.t;
  return {
    pageTitle: t('letters.queue.title'),
    count: t('letters.queue.count', { count: input.total }),
    rows: input.rows.map((r) => {
      const state = r.dueOn ? clockState(r.dueOn, null, input.today) : null;
      return {
        reference: r.reference,
        href: `/cases/${r.caseId}/safeguarding-letter/review${r.kind === 'update' ? `?letter=${r.letterId}` : ''}`,
        linkText: t('letters.queue.reviewLetter', { reference: r.reference }),
        kind: t(`letters.kinds.${r.kind === 'update' ? 'update' : 'letter'}`),
        author: r.authorName,
        submitted: m.formatDate(r.submittedAt),
        due: r.dueOn ? m.formatDate(r.dueOn) : t('common.notSet'),
        overdue: state === 'overdue',
        dueToday: state === 'due-today',
      };
    }),
    pagination: paginationItems(input.page, input.total, input.pageSize, (p) => `/safeguarding/letters?page=${p}`),
  };
}
