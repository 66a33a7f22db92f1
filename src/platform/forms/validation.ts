import type { z } from 'zod';
import type { Translate } from '../i18n/i18n.ts';

/** One GOV.UK error-summary entry, linking to the field. */
export interface FormError {
  field: string;
  text: string;
  href: string;
}

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FormError[]; fieldErrors: Record<string, { text: string }> };

/**
 * Parse a posted form with a Zod schema whose messages are locale keys (of any area). On failure,
 * gives the error summary list and the message per field, first problem per field only,
 * in the order of the fields on the page.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  t: Translate,
  /** Where the error summary should link for a field, when not to its own id (e.g. a date's day input). */
  anchors: Record<string, string> = {},
): FormResult<z.output<S>> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FormError[] = [];
  const fieldErrors: Record<string, { text: string }> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (fieldErrors[field]) continue;
    // Messages are locale keys of any area; a message that is not a key (Zod's own) is generic.
    const translated = t(issue.message);
    const text = translated === issue.message ? t('errors.fields.invalid') : translated;
    fieldErrors[field] = { text };
    errors.push({ field, text, href: `#${anchors[field] ?? field}` });
  }
  return { ok: false, errors, fieldErrors };
}

/** A single error placed on a field (e.g. the stale-version or wrong-password message). */
export function fieldError(
  field: string,
  text: string,
): { errors: FormError[]; fieldErrors: Record<string, { text: string }> } {
  return { errors: [{ field, text, href: `#${field}` }], fieldErrors: { [field]: { text } } };
}

/**
 * A posted field as text, cut to `max` characters, or '' when it is missing or not text:
 * what a page puts back in its inputs after a refused post.
 */
export function postedText(body: unknown, key: string, max = 10000): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[key];
  return typeof value === 'string' ? value.slice(0, max) : '';
}
