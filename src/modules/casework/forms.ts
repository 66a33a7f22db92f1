import { z } from 'zod';
import { isRealDate } from '../../platform/forms/date-input.ts';
import { CASELOAD_SORTS } from './queries.ts';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v ?? '').trim());

/** Query string of the caseload page: unknown or bad values fall back to defaults. */
export const caseloadQuerySchema = z.object({
  scope: z.enum(['mine', 'all']).catch('all'),
  law: z.enum(['private', 'public', 'adoption']).optional().catch(undefined),
  status: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional()
    .catch(undefined),
  reference: z
    .string()
    .trim()
    .max(40)
    .regex(/^[A-Za-z0-9-]*$/)
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v : undefined)),
  sort: z.enum(CASELOAD_SORTS).catch('received'),
  order: z.enum(['asc', 'desc']).catch('desc'),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});

export const NOTE_MAX_LENGTH = 5000;

export const noteSchema = z.object({
  note: z
    .string({ error: 'errors.note.required' })
    .trim()
    .min(1, { error: 'errors.note.required' })
    .max(NOTE_MAX_LENGTH, { error: 'errors.note.tooLong' }),
  _formToken: z.string({ error: 'errors.form.expired' }).regex(/^[A-Za-z0-9_-]{32}$/, { error: 'errors.form.expired' }),
});

const datePart = optionalText.pipe(z.string().max(10));

export const detailsSchema = z
  .object({
    language: z.enum(['en', 'cy'], { error: 'errors.details.languageRequired' }),
    courtId: optionalText.pipe(z.string().max(120)),
    'firstHearing-day': datePart,
    'firstHearing-month': datePart,
    'firstHearing-year': datePart,
    version: z.coerce.number({ error: 'errors.form.expired' }).int().min(1),
  })
  .transform((v, ctx) => {
    const parts = [v['firstHearing-day'], v['firstHearing-month'], v['firstHearing-year']];
    let firstHearingOn: string | null = null;
    if (parts.some((p) => p !== '')) {
      const [day, month, year] = parts.map(Number) as [number, number, number];
      if (parts.some((p) => !/^\d{1,4}$/.test(p)) || year < 2000 || year > 2100 || !isRealDate(year, month, day)) {
        ctx.addIssue({ code: 'custom', path: ['firstHearing'], message: 'errors.details.firstHearingInvalid' });
        return z.NEVER;
      }
      firstHearingOn = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    }
    return { language: v.language, courtId: v.courtId || null, firstHearingOn, version: v.version };
  });

export const emergencyAccessSchema = z.object({
  reason: z
    .string({ error: 'errors.emergency.reasonRequired' })
    .trim()
    .min(1, { error: 'errors.emergency.reasonRequired' })
    .min(20, { error: 'errors.emergency.reasonTooShort' })
    .max(1000, { error: 'errors.emergency.reasonTooLong' }),
});

export const pageQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(100000).catch(1) });

export const timelineQuerySchema = z.object({
  before: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z~\d{1,15}$/)
    .optional()
    .catch(undefined),
});

export const emergencyReviewSchema = z
  .object({
    outcome: z.enum(['justified', 'not-justified'], { error: 'errors.review.outcomeRequired' }),
    comment: optionalText.pipe(z.string().max(2000, { error: 'errors.review.commentTooLong' })),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'not-justified' && v.comment === '') {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'errors.review.commentRequired' });
    }
  });
