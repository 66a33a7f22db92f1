import { z } from 'zod';
import type { FormError } from '../../platform/forms/validation.ts';
import { RECOMMENDATIONS, SECTION_MAX_LENGTH } from './letter-sections.ts';

export type ParsedForm<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FormError[]; fieldErrors: Record<string, { text: string }> };

const sectionText = z
  .string()
  .optional()
  .transform((v) => (v ?? '').replace(/\r\n/g, '\n').trim())
  .pipe(z.string().max(SECTION_MAX_LENGTH, { error: 'letters.errors.tooLong' }));

const wordList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().max(100)).max(200));

const uuid = z.uuid({ error: 'letters.errors.invalid' });

export const letterEditSchema = z.object({
  letterId: uuid,
  version: z.coerce.number({ error: 'letters.errors.invalid' }).int().min(1),
  action: z.enum(['save', 'submit']).catch('save'),
  checks: sectionText,
  interviews: sectionText,
  riskAnalysis: sectionText,
  recommendation: z
    .union([z.enum(RECOMMENDATIONS), z.literal('')], { error: 'letters.errors.recommendationRequired' })
    .optional()
    .transform((v) => v || null),
  recommendationDetails: sectionText,
  signposting: sectionText,
  unreturnedChecksStatement: sectionText,
  ignoreWords: wordList,
});

/** The children's circumstances posted as child-<child id>: only the case's children are kept. */
export function childTexts(body: unknown, childIds: readonly string[]): Record<string, string> {
  const b = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    childIds.map((id) => {
      const v = b[`child-${id}`];
      return [id, typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim().slice(0, SECTION_MAX_LENGTH) : ''];
    }),
  );
}

export const startLetterSchema = z.object({
  kind: z.enum(['letter', 'update'], { error: 'letters.errors.kindRequired' }),
  _formToken: z
    .string({ error: 'letters.errors.invalid' })
    .regex(/^[A-Za-z0-9_-]{32}$/, { error: 'letters.errors.invalid' }),
});

export const reviewSchema = z
  .object({
    letterId: uuid,
    decision: z.enum(['approved', 'returned'], { error: 'letters.errors.decisionRequired' }),
    comments: z
      .string()
      .optional()
      .transform((v) => (v ?? '').trim())
      .pipe(z.string().max(5000, { error: 'letters.errors.tooLong' })),
    _formToken: z
      .string({ error: 'letters.errors.invalid' })
      .regex(/^[A-Za-z0-9_-]{32}$/, { error: 'letters.errors.invalid' }),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'returned' && v.comments === '') {
      ctx.addIssue({ code: 'custom', path: ['comments'], message: 'letters.errors.commentsRequired' });
    }
  });

export const letterQuerySchema = z.object({
  letter: z.uuid().optional().catch(undefined),
  notice: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional()
    .catch(undefined),
});
