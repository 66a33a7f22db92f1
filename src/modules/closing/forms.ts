import { z } from 'zod';
import { LETTER_MAX_LENGTH, PICTURE_ALT_MAX_LENGTH } from './letter-content.ts';

/** The forms of the closing pages, parsed at the edge; messages are locale keys. */

const E = 'closing.errors.';

const text = (max: number, tooLong: string) =>
  z
    .string({ error: `${E}invalid` })
    .optional()
    .transform((v) => (v ?? '').replace(/\r\n/g, '\n').trim())
    .pipe(z.string().max(max, { error: `${E}${tooLong}` }));

const formToken = z.string({ error: `${E}formExpired` }).regex(/^[A-Za-z0-9_-]{32}$/, { error: `${E}formExpired` });

const version = z.coerce
  .number({ error: `${E}invalid` })
  .int({ error: `${E}invalid` })
  .min(0, { error: `${E}invalid` });

const words = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().trim().min(1).max(100)).max(200));

export const SUMMARY_MAX_LENGTH = 10000;
export const EXPLANATION_MAX_LENGTH = 5000;
export const REASON_MAX_LENGTH = 2000;

/**
 * The closing record. Whether the order reflects our recommendation is asked only when a
 * report was filed (`hasReport`); an explanation is required for partly and no.
 */
export function closingRecordSchema(hasReport: boolean) {
  return z
    .object({
      version,
      _formToken: formToken,
      orderReflects: z.string().optional(),
      explanation: text(EXPLANATION_MAX_LENGTH, 'explanationTooLong'),
      summary: text(SUMMARY_MAX_LENGTH, 'summaryTooLong'),
    })
    .superRefine((v, ctx) => {
      const reflects = v.orderReflects ?? '';
      if (hasReport && !['yes', 'partly', 'no'].includes(reflects)) {
        ctx.addIssue({ code: 'custom', path: ['orderReflects'], message: `${E}reflectsRequired` });
      }
      if (hasReport && (reflects === 'partly' || reflects === 'no') && v.explanation === '') {
        ctx.addIssue({ code: 'custom', path: ['explanation'], message: `${E}explanationRequired` });
      }
      if (v.summary === '') ctx.addIssue({ code: 'custom', path: ['summary'], message: `${E}summaryRequired` });
    })
    .transform((v) => ({
      version: v.version,
      formToken: v._formToken,
      orderReflects: hasReport ? (v.orderReflects as 'yes' | 'partly' | 'no') : null,
      explanation: hasReport && v.orderReflects !== 'yes' ? v.explanation : '',
      summary: v.summary,
    }));
}

/** The letter's words (and its band when the child's date of birth is not known). */
export const letterSchema = z.object({
  version,
  action: z.enum(['save', 'produce']).catch('save'),
  ageBand: z
    .string()
    .optional()
    .transform((v) => v || null),
  body: text(LETTER_MAX_LENGTH, 'textTooLong'),
  ignoreWords: words,
  _formToken: formToken,
});

/**
 * The picture form: a file (checked by its content elsewhere) and its description. It
 * is a multipart form whose text fields are small; nothing long is posted with it.
 */
export const pictureSchema = z.object({
  version,
  action: z.enum(['add', 'remove']).catch('add'),
  ageBand: z
    .string()
    .max(10)
    .optional()
    .transform((v) => v || null),
  pictureAlt: text(PICTURE_ALT_MAX_LENGTH, 'altTooLong'),
  _formToken: formToken,
});

export const closeSchema = z.object({ _formToken: formToken });

export const reopenSchema = z
  .object({
    reason: text(REASON_MAX_LENGTH, 'reasonTooLong'),
    _formToken: formToken,
  })
  .superRefine((v, ctx) => {
    if (v.reason === '') ctx.addIssue({ code: 'custom', path: ['reason'], message: `${E}reasonRequired` });
  });

export const noticeQuerySchema = z.object({
  notice: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional()
    .catch(undefined),
});
