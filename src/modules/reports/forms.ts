import { z } from 'zod';
import { dateFromParts } from '../../platform/forms/date-input.ts';
import { CHILD_SECTIONS, childField, RECOMMENDED_ORDERS, type ReportSections, SECTION_MAX_LENGTH } from './sections.ts';

const E = 'reports.errors.';

const formToken = z.string({ error: `${E}invalid` }).regex(/^[A-Za-z0-9_-]{32}$/, { error: `${E}invalid` });

const sectionText = z
  .string()
  .optional()
  .transform((v) => (v ?? '').replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().max(SECTION_MAX_LENGTH, { error: `${E}tooLong` }));

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const datePart = z
  .string()
  .optional()
  .transform((v) => (v ?? '').trim())
  .pipe(z.string().max(10));

export const startReportSchema = z.object({
  directionId: z.uuid({ error: `${E}directionRequired` }),
  language: z.enum(['en', 'cy'], { error: `${E}languageRequired` }),
  _formToken: formToken,
});

export const reportEditSchema = z.object({
  version: z.coerce
    .number({ error: `${E}invalid` })
    .int({ error: `${E}invalid` })
    .min(1, { error: `${E}invalid` }),
  _formToken: formToken,
  action: z.enum(['save', 'submit']).catch('save'),
  background: sectionText,
  welfare: sectionText,
  risk: sectionText,
  analysis: sectionText,
  recommendation: sectionText,
  orders: list.pipe(z.array(z.enum(RECOMMENDED_ORDERS, { error: `${E}invalid` })).max(RECOMMENDED_ORDERS.length)),
  signposting: sectionText,
  ignoreWords: list.pipe(z.array(z.string().max(100)).max(200)),
});

/**
 * The per-child sections posted as <section>-<child id>: only the case's children are kept,
 * each cut to the section limit; the diversity relevance is yes, no or unanswered.
 */
export function childSections(
  body: unknown,
  childIds: readonly string[],
): Pick<ReportSections, 'wishes' | 'wordsReason' | 'needs' | 'diversity' | 'diversityRelevant'> {
  const b = (body ?? {}) as Record<string, unknown>;
  const text = (key: string) => {
    const v = b[key];
    return typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim().slice(0, SECTION_MAX_LENGTH) : '';
  };
  const out = { wishes: {}, wordsReason: {}, needs: {}, diversity: {}, diversityRelevant: {} } as Required<
    Pick<ReportSections, 'wishes' | 'wordsReason' | 'needs' | 'diversity' | 'diversityRelevant'>
  >;
  for (const id of childIds) {
    for (const section of CHILD_SECTIONS) out[section][id] = text(childField(section, id));
    const relevant = text(childField('diversityRelevant', id));
    out.diversityRelevant[id] = relevant === 'yes' || relevant === 'no' ? relevant : '';
  }
  return out;
}

export const reviewSchema = z
  .object({
    decision: z.enum(['approved', 'returned'], { error: `${E}decisionRequired` }),
    comments: z
      .string()
      .optional()
      .transform((v) => (v ?? '').trim())
      .pipe(z.string().max(5000, { error: `${E}tooLong` })),
    _formToken: formToken,
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'returned' && v.comments === '') {
      ctx.addIssue({ code: 'custom', path: ['comments'], message: `${E}commentsRequired` });
    }
  });

/** A GOV.UK date input's parts as a date not after today (and not before `earliest`). */
function dateField(
  name: string,
  today: string,
  earliest: string,
  keys: { required: string; invalid: string; future: string; early: string },
) {
  return (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const part = (p: string) => String(v[`${name}-${p}`] ?? '');
    const date = dateFromParts(part('day'), part('month'), part('year'));
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
    if (date === null) issue(keys.required);
    else if (date === 'invalid') issue(keys.invalid);
    else if (date > today) issue(keys.future);
    else if (date < earliest) issue(keys.early);
    return date;
  };
}

export function fileSchema(today: string, earliest: string) {
  const check = dateField('filedOn', today, earliest, {
    required: `${E}filedOnRequired`,
    invalid: `${E}filedOnInvalid`,
    future: `${E}filedOnFuture`,
    early: `${E}filedOnEarly`,
  });
  return z
    .object({
      'filedOn-day': datePart,
      'filedOn-month': datePart,
      'filedOn-year': datePart,
      confirm: z.literal('yes', { error: `${E}confirmRequired` }),
      _formToken: formToken,
    })
    .transform((v, ctx) => {
      const filedOn = check(v, ctx);
      return { filedOn: typeof filedOn === 'string' && filedOn !== 'invalid' ? filedOn : '', _formToken: v._formToken };
    });
}

export const SHARE_METHODS = ['email', 'post', 'secure-portal', 'in-person', 'through-solicitor'] as const;

const RECIPIENT = /^(party|child):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function shareSchema(today: string, earliest: string) {
  const check = dateField('sharedOn', today, earliest, {
    required: `${E}sharedOnRequired`,
    invalid: `${E}sharedOnInvalid`,
    future: `${E}sharedOnFuture`,
    early: `${E}sharedOnEarly`,
  });
  return z
    .object({
      recipients: list.pipe(
        z
          .array(z.string().regex(RECIPIENT, { error: `${E}recipientsRequired` }), { error: `${E}recipientsRequired` })
          .min(1, { error: `${E}recipientsRequired` })
          .max(50),
      ),
      'sharedOn-day': datePart,
      'sharedOn-month': datePart,
      'sharedOn-year': datePart,
      method: z.enum(SHARE_METHODS, { error: `${E}methodRequired` }),
      reason: z
        .string()
        .optional()
        .transform((v) => (v ?? '').trim())
        .pipe(z.string().max(2000, { error: `${E}tooLong` })),
      _formToken: formToken,
    })
    .transform((v, ctx) => {
      const sharedOn = check(v, ctx);
      const recipients = v.recipients.map((r) => {
        const [, kind, id] = RECIPIENT.exec(r)!;
        return kind === 'party' ? { partyId: id!.toLowerCase() } : { childId: id!.toLowerCase() };
      });
      if (recipients.some((r) => 'childId' in r) && v.reason === '') {
        ctx.addIssue({ code: 'custom', path: ['reason'], message: `${E}reasonRequired` });
      }
      return {
        recipients,
        sharedOn: typeof sharedOn === 'string' && sharedOn !== 'invalid' ? sharedOn : '',
        method: v.method,
        reason: v.reason,
        _formToken: v._formToken,
      };
    });
}
