import { londonDate } from '../../platform/calendar/index.ts';
import type { Misspelling } from '../../platform/documents/spellcheck.ts';
import type { FormError } from '../../platform/forms/validation.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import { caseHeader, caseSubNavigation } from '../casework/service.ts';
import { AGE_BANDS } from './age-bands.ts';
import type { ClosingChild, ClosingContext, LetterProblem } from './service.ts';

/** Typed view models of the closing pages, built by pure functions from the service's data. */

type FieldErrors = Record<string, { text: string }>;
export interface PageErrors {
  errors?: FormError[];
  fieldErrors?: FieldErrors;
}

const NOTICES = [
  'record-saved',
  'letter-saved',
  'letter-produced',
  'picture-added',
  'picture-removed',
  'closed',
  'reopened',
] as const;

function noticeText(m: Messages, notice: string | null | undefined): string | null {
  return notice && (NOTICES as readonly string[]).includes(notice) ? m.t(`closing.notices.${notice}`) : null;
}

const summaryRow = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
const base = (m: Messages, ctx: ClosingContext, canSeeAccessLog: boolean, title: string) => ({
  pageTitle: title,
  caseId: ctx.summary.id,
  header: caseHeader(m, ctx.summary),
  subNavigation: caseSubNavigation(m, ctx.summary.id, 'closing', canSeeAccessLog),
});

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const LETTER_TAGS: Record<string, string> = {
  none: 'govuk-tag--grey',
  draft: 'govuk-tag--yellow',
  produced: 'govuk-tag--green',
};

function ageText(m: Messages, child: ClosingChild): string {
  const e = child.eligibility;
  if (e.kind === 'choose') return m.t('closing.letters.ageUnknown');
  return m.t('common.age', { age: e.age });
}

/** A label from another area's catalogue (the court's names of orders and reports), else the code itself. */
const known = (m: Messages, key: string, fallback: string) => (m.has(key) ? m.t(key) : fallback);

export function finalOrderRows(m: Messages, ctx: ClosingContext) {
  const o = ctx.finalOrder;
  if (!o) return null;
  return [
    summaryRow(m.t('closing.finalOrder.order'), o.label ?? known(m, `court.orderTypes.${o.orderType}`, o.orderType)),
    summaryRow(
      m.t('closing.finalOrder.madeOn'),
      o.madeOn ? m.formatDate(o.madeOn) : m.t('closing.finalOrder.notKnown'),
    ),
  ];
}

export function recommendationRows(m: Messages, ctx: ClosingContext) {
  const r = ctx.report;
  if (!r) return null;
  return [
    summaryRow(m.t('closing.recommendation.report'), known(m, `court.reportTypes.${r.kind}`, r.kind)),
    summaryRow(m.t('closing.recommendation.filedOn'), m.formatDate(r.filedOn)),
    summaryRow(m.t('closing.recommendation.text'), r.recommendation),
  ];
}

/** The closing page: the final order, our recommendation, the record, the letters, the invitations, closure. */
export function closingViewModel(
  m: Messages,
  ctx: ClosingContext,
  opts: { canEdit: boolean; canReopen: boolean; canSeeAccessLog: boolean; notice?: string | null },
) {
  const { t } = m;
  const status = ctx.summary.status;
  const record = ctx.record;
  const canWork = opts.canEdit && ctx.editable;
  return {
    ...base(m, ctx, opts.canSeeAccessLog, t('closing.title', { reference: ctx.summary.reference })),
    notice: noticeText(m, opts.notice),
    courtHref: `/cases/${ctx.summary.id}/court`,
    finalOrder: finalOrderRows(m, ctx),
    recommendation: recommendationRows(m, ctx),
    record: record
      ? {
          outOfDate: !ctx.recordCurrent,
          rows: [
            summaryRow(t('closing.record.reflects'), t(`closing.record.options.${record.orderReflects}`)),
            ...(record.reflectsExplanation
              ? [summaryRow(t('closing.record.explanation'), record.reflectsExplanation)]
              : []),
            summaryRow(t('closing.record.summary'), record.summary),
            summaryRow(t('closing.record.updatedAt'), m.formatDateTime(record.updatedAt)),
          ],
        }
      : null,
    recordLink: canWork
      ? {
          href: `/cases/${ctx.summary.id}/closing/record`,
          text: t(record ? 'closing.record.change' : 'closing.record.add'),
        }
      : null,
    lettersNeedOrder: !ctx.finalOrder,
    letters: ctx.children.map((c) => {
      const tooYoung = c.eligibility.kind === 'too-young';
      const state = c.letter ? (c.letter.status === 'produced' ? 'produced' : 'draft') : 'none';
      const href = `/cases/${ctx.summary.id}/closing/children/${c.id}/letter`;
      return {
        name: c.name,
        age: ageText(m, c),
        status: tooYoung
          ? { text: t('closing.letters.tooYoung'), classes: 'govuk-tag--grey' }
          : { text: t(`closing.letters.statuses.${state}`), classes: LETTER_TAGS[state] },
        link:
          tooYoung || (!canWork && !c.letter)
            ? null
            : {
                href,
                text: t(
                  canWork ? (c.letter ? 'closing.letters.open' : 'closing.letters.write') : 'closing.letters.view',
                ),
              },
      };
    }),
    invitations: ctx.invitations.map((i) => ({
      name: i.recipientName ?? '',
      channel: t(`closing.feedback.channels.${i.channel}`),
      language: t(`languages.${i.language === 'cy' ? 'cy' : 'en'}`),
      status: m.has(`closing.feedback.statuses.${i.status}`) ? t(`closing.feedback.statuses.${i.status}`) : i.status,
      queuedAt: m.formatDateTime(i.createdAt),
    })),
    closure: {
      closed: status === 'closed',
      closedOn:
        status === 'closed' && ctx.closedAt
          ? t('closing.closure.closedOn', { date: m.formatDate(londonDate(new Date(ctx.closedAt))) })
          : null,
      closeHref: opts.canEdit && status === 'closing' ? `/cases/${ctx.summary.id}/closing/close` : null,
      reopenHref: opts.canReopen && status === 'closed' ? `/cases/${ctx.summary.id}/closing/reopen` : null,
      history: ctx.history.map((h) => ({
        date: m.formatDateTime(h.occurredAt),
        text:
          h.kind === 'reopened'
            ? t('closing.closure.reopenedEntry', { name: h.actorName, reason: h.reason ?? '' })
            : t('closing.closure.closedEntry', { name: h.actorName }),
      })),
    },
  };
}

export interface RecordValues {
  orderReflects: string;
  explanation: string;
  summary: string;
}

/** The closing record form. */
export function recordViewModel(
  m: Messages,
  ctx: ClosingContext,
  opts: { canSeeAccessLog: boolean; formToken: string; values?: RecordValues; blocked?: string | null } & PageErrors,
) {
  const { t } = m;
  const record = ctx.record;
  const values: RecordValues = opts.values ?? {
    orderReflects: record && record.orderReflects !== 'no-recommendation' ? record.orderReflects : '',
    explanation: record?.reflectsExplanation ?? '',
    summary: record?.summary ?? '',
  };
  const blocked =
    opts.blocked ??
    (!ctx.finalOrder
      ? t('closing.errors.noFinalOrder')
      : ctx.summary.status !== 'closing'
        ? t('closing.errors.notClosing')
        : null);
  return {
    ...base(m, ctx, opts.canSeeAccessLog, t('closing.record.title', { reference: ctx.summary.reference })),
    backHref: `/cases/${ctx.summary.id}/closing`,
    blocked,
    outOfDate: Boolean(record && !ctx.recordCurrent),
    finalOrder: finalOrderRows(m, ctx),
    recommendation: recommendationRows(m, ctx),
    hasReport: ctx.report !== null,
    reflectsItems: (['yes', 'partly', 'no'] as const).map((v) => ({
      value: v,
      text: t(`closing.record.options.${v}`),
      checked: values.orderReflects === v,
      needsExplanation: v !== 'yes',
    })),
    values,
    version: record?.version ?? 0,
    formToken: opts.formToken,
    errors: opts.errors ?? [],
    fieldErrors: opts.fieldErrors ?? {},
  };
}

export interface LetterValues {
  ageBand: string;
  body: string;
  pictureAlt: string;
}

/** Page errors from the problems the service found with a letter. */
export function letterErrors(m: Messages, problems: LetterProblem[]): PageErrors & { misspellings: Misspelling[] } {
  const { t } = m;
  const errors: FormError[] = [];
  const fieldErrors: FieldErrors = {};
  let misspellings: Misspelling[] = [];
  const add = (field: string, text: string, href = field) => {
    errors.push({ field, text, href: `#${href}` });
    fieldErrors[field] ??= { text };
  };
  for (const p of problems) {
    switch (p.problem) {
      case 'too-young':
        add('body', t('closing.errors.tooYoung'));
        break;
      case 'no-final-order':
        add('body', t('closing.errors.noFinalOrder'));
        break;
      case 'not-closing':
        add('body', t('closing.errors.notClosing'));
        break;
      case 'band-required':
        add('ageBand', t('closing.errors.bandRequired'));
        break;
      case 'text-required':
        add('body', t('closing.errors.textRequired'));
        break;
      case 'confidential':
        add(p.field, t('closing.errors.confidential', { kind: t(`closing.errors.confidentialKinds.${p.kind}`) }));
        break;
      case 'spelling':
        misspellings = p.misspellings;
        for (const [i, w] of p.misspellings.entries()) {
          const text = t('closing.errors.spelling', { word: w.word });
          errors.push({ field: 'ignoreWords', text, href: `#spelling${i === 0 ? '' : `-${i + 1}`}` });
        }
        fieldErrors.ignoreWords ??= { text: t('closing.letter.spelling.legend') };
        break;
      case 'required':
        add('picture', t('closing.errors.pictureRequired'));
        break;
      case 'empty':
        add('picture', t('closing.errors.pictureEmpty'));
        break;
      case 'too-large':
        add('picture', t('closing.errors.pictureTooLarge'));
        break;
      case 'not-png-or-jpeg':
        add('picture', t('closing.errors.pictureType'));
        break;
      case 'unreadable':
        add('picture', t('closing.errors.pictureUnreadable'));
        break;
      case 'dimensions':
        add('picture', t('closing.errors.pictureDimensions'));
        break;
      case 'alt-required':
        add('pictureAlt', t('closing.errors.altRequired'));
        break;
    }
  }
  return { errors, fieldErrors, misspellings };
}

/** The letter to one child: its words, its band, its picture, the documents produced. */
export function letterViewModel(
  m: Messages,
  ctx: ClosingContext,
  child: ClosingChild,
  opts: {
    canEdit: boolean;
    canSeeAccessLog: boolean;
    formToken: string;
    /** The words a new letter starts from (the band's template), when there is a band. */
    templateText: string | null;
    values?: Partial<LetterValues>;
    misspellings?: Misspelling[];
    notice?: string | null;
  } & PageErrors,
) {
  const { t } = m;
  const letter = child.letter;
  const e = child.eligibility;
  const languageName = t(`languages.${child.language}`);
  const editable = opts.canEdit && ctx.editable && e.kind !== 'too-young';
  const band = opts.values?.ageBand ?? letter?.ageBand ?? (e.kind === 'band' ? e.band : '');
  const body = opts.values?.body ?? letter?.body ?? opts.templateText ?? '';
  const caseId = ctx.summary.id;
  return {
    ...base(m, ctx, opts.canSeeAccessLog, t('closing.letter.title', { name: child.name })),
    notice: noticeText(m, opts.notice),
    backHref: `/cases/${caseId}/closing`,
    action: `/cases/${caseId}/closing/children/${child.id}/letter`,
    pictureAction: `/cases/${caseId}/closing/children/${child.id}/letter/picture`,
    childName: child.name,
    intro: t('closing.letter.intro', { name: child.firstName, language: languageName }),
    tooYoung: e.kind === 'too-young' ? t('closing.letter.tooYoung', { name: child.firstName }) : null,
    needsOrder: !ctx.finalOrder ? t('closing.letter.needsOrder') : null,
    readOnly:
      !editable && e.kind !== 'too-young' && ctx.summary.status === 'closed' ? t('closing.letter.readOnly') : null,
    editable,
    bandItems:
      e.kind === 'choose'
        ? AGE_BANDS.map((b) => ({ value: b, text: t(`closing.letter.bands.${b}`), checked: band === b }))
        : null,
    bandHint: t('closing.letter.bandHint', { name: child.firstName }),
    bandText: band ? t(`closing.letter.bands.${band}`) : null,
    statusRows: letter
      ? [
          summaryRow(
            t('closing.letter.status'),
            t(`closing.letters.statuses.${letter.status === 'produced' ? 'produced' : 'draft'}`),
          ),
          summaryRow(t('closing.letter.language'), languageName),
          ...(letter.producedAt
            ? [summaryRow(t('closing.letter.producedAt'), m.formatDateTime(letter.producedAt))]
            : []),
        ]
      : null,
    body,
    version: letter?.version ?? 0,
    formToken: opts.formToken,
    picture:
      letter?.pictureFormat && letter.pictureWidth && letter.pictureHeight
        ? {
            rows: [
              summaryRow(
                t('closing.letter.picture.current'),
                letter.pictureFileName ?? letter.pictureFormat.toUpperCase(),
              ),
              summaryRow(
                t('closing.letter.picture.sizeLabel'),
                t('closing.letter.picture.size', { width: letter.pictureWidth, height: letter.pictureHeight }),
              ),
              summaryRow(t('closing.letter.picture.altLabel'), letter.pictureAlt ?? ''),
            ],
          }
        : null,
    pictureAlt: opts.values?.pictureAlt ?? '',
    spellingIntro: t('closing.letter.spelling.intro', { language: languageName }),
    misspellings: (opts.misspellings ?? []).map((w, i) => ({
      id: i === 0 ? 'spelling' : `spelling-${i + 1}`,
      value: w.word,
      text: w.word,
      hint:
        w.suggestions.length > 0
          ? t('closing.letter.spelling.suggestions', { words: w.suggestions.join(', ') })
          : t('closing.letter.spelling.noSuggestions'),
    })),
    documents: ctx.documents
      .filter((d) => letter && d.sourceId === letter.id)
      .map((d) => ({
        href: `/cases/${caseId}/closing/documents/${d.id}`,
        text: d.fileName,
        format: d.format.toUpperCase(),
        size: fileSize(d.byteSize),
        date: m.formatDateTime(d.createdAt),
      })),
    errors: opts.errors ?? [],
    fieldErrors: opts.fieldErrors ?? {},
  };
}

/** The confirmation before closing: what is missing (refuses), who has no letter (warns), who will be invited. */
export function closeViewModel(
  m: Messages,
  ctx: ClosingContext,
  readiness: { missing: ('final-order' | 'closing-record')[]; childrenWithoutLetter: ClosingChild[] },
  recipients: { name: string; channel: string }[],
  opts: { canSeeAccessLog: boolean; formToken: string } & PageErrors,
) {
  const { t } = m;
  const caseId = ctx.summary.id;
  const missingText = {
    'final-order': { text: t('closing.close.missingOrder'), href: `/cases/${caseId}/court` },
    'closing-record': { text: t('closing.close.missingRecord'), href: `/cases/${caseId}/closing/record` },
  };
  return {
    ...base(m, ctx, opts.canSeeAccessLog, t('closing.close.title', { reference: ctx.summary.reference })),
    backHref: `/cases/${caseId}/closing`,
    alreadyClosed: ctx.summary.status === 'closed',
    missing: readiness.missing.map((k) => missingText[k]),
    warnings: readiness.childrenWithoutLetter.map((c) => t('closing.close.noLetter', { name: c.name })),
    recipients: recipients.map((r) => ({ name: r.name, channel: t(`closing.feedback.channels.${r.channel}`) })),
    canConfirm: readiness.missing.length === 0 && ctx.summary.status === 'closing',
    formToken: opts.formToken,
    errors: opts.errors ?? [],
    fieldErrors: opts.fieldErrors ?? {},
  };
}

/** Reopening a closed case: a reason is required. */
export function reopenViewModel(
  m: Messages,
  ctx: ClosingContext,
  opts: { canSeeAccessLog: boolean; formToken: string; reason?: string } & PageErrors,
) {
  const { t } = m;
  return {
    ...base(m, ctx, opts.canSeeAccessLog, t('closing.reopen.title', { reference: ctx.summary.reference })),
    backHref: `/cases/${ctx.summary.id}/closing`,
    closed: ctx.summary.status === 'closed',
    reason: opts.reason ?? '',
    formToken: opts.formToken,
    errors: opts.errors ?? [],
    fieldErrors: opts.fieldErrors ?? {},
  };
}
