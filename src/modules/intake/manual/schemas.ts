import { z } from 'zod';
import {
  ADULT_ROLES,
  ALLEGATIONS,
  type AllegationAnswers,
  type CourtAnswers,
  type DraftAdult,
  type DraftChild,
  type DraftData,
  GENDERS,
  ORDERS,
  type Order,
  RELATIONSHIPS,
  type Relationship,
} from './types.ts';

/**
 * The questions of each page, as Zod schemas whose messages are locale keys
 * (`intake.errors.*`). Dates come as GOV.UK date inputs: `<name>-day|month|year`.
 */

/** Where the error summary links for a date: its day input. */
export const DATE_ANCHORS: Record<string, string> = Object.fromEntries(
  ['receivedOn', 'firstHearingOn', 'letterDueOn', 'dateOfBirth'].map((f) => [f, `${f}-day`]),
);

const text = (max: number) =>
  z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v.trim() : ''))
    .pipe(z.string().max(max, { error: 'intake.errors.tooLong' }));

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .unknown()
    .optional()
    .transform((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(values, { error: 'intake.errors.fields.invalid' })));

export type DateParts = { day: string; month: string; year: string };

export function dateParts(body: unknown, name: string): DateParts {
  const b = (body ?? {}) as Record<string, unknown>;
  const part = (k: string) =>
    typeof b[`${name}-${k}`] === 'string' ? (b[`${name}-${k}`] as string).trim().slice(0, 10) : '';
  return { day: part('day'), month: part('month'), year: part('year') };
}

/** ISO date from date-input parts: null when all are empty, 'invalid' when not a real date. */
export function isoFromParts(p: DateParts): string | null | 'invalid' {
  if (!p.day && !p.month && !p.year) return null;
  if (![p.day, p.month].every((v) => /^\d{1,2}$/.test(v)) || !/^\d{4}$/.test(p.year)) return 'invalid';
  const [d, m, y] = [Number(p.day), Number(p.month), Number(p.year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'invalid';
  if (y < 1900) return 'invalid';
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The ISO date parts of an ISO date, for filling date inputs again. */
export function partsFromIso(iso: string | null | undefined): DateParts {
  if (!iso) return { day: '', month: '', year: '' };
  const [y, m, d] = iso.split('-');
  return { day: String(Number(d)), month: String(Number(m)), year: y ?? '' };
}

function yearsBefore(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${y - years}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const anyBody = z.record(z.string(), z.unknown());

/** Court and dates. `today` is the London calendar date; `courts` maps court id to its area (or null). */
export function courtSchema(today: string, courts: Map<string, string | null>, areas: Set<string>) {
  return anyBody.transform((b, ctx): CourtAnswers => {
    const courtId = typeof b.courtId === 'string' ? b.courtId.trim() : '';
    const areaId = typeof b.areaId === 'string' ? b.areaId.trim() : '';
    if (!courtId) ctx.addIssue({ code: 'custom', path: ['courtId'], message: 'intake.errors.court.required' });
    else if (!courts.has(courtId))
      ctx.addIssue({ code: 'custom', path: ['courtId'], message: 'intake.errors.court.unknown' });
    if (areaId && !areas.has(areaId))
      ctx.addIssue({ code: 'custom', path: ['areaId'], message: 'intake.errors.area.unknown' });
    else if (!areaId && courtId && courts.has(courtId) && !courts.get(courtId))
      ctx.addIssue({ code: 'custom', path: ['areaId'], message: 'intake.errors.area.required' });
    const received = isoFromParts(dateParts(b, 'receivedOn'));
    const hearing = isoFromParts(dateParts(b, 'firstHearingOn'));
    const letter = isoFromParts(dateParts(b, 'letterDueOn'));
    if (received === null)
      ctx.addIssue({ code: 'custom', path: ['receivedOn'], message: 'intake.errors.receivedOn.required' });
    else if (received === 'invalid')
      ctx.addIssue({ code: 'custom', path: ['receivedOn'], message: 'intake.errors.receivedOn.invalid' });
    else if (received > today)
      ctx.addIssue({ code: 'custom', path: ['receivedOn'], message: 'intake.errors.receivedOn.future' });
    if (hearing === 'invalid')
      ctx.addIssue({ code: 'custom', path: ['firstHearingOn'], message: 'intake.errors.firstHearingOn.invalid' });
    else if (hearing && typeof received === 'string' && received !== 'invalid' && hearing < received)
      ctx.addIssue({ code: 'custom', path: ['firstHearingOn'], message: 'intake.errors.firstHearingOn.beforeReceipt' });
    if (letter === 'invalid')
      ctx.addIssue({ code: 'custom', path: ['letterDueOn'], message: 'intake.errors.letterDueOn.invalid' });
    else if (letter && typeof received === 'string' && received !== 'invalid' && letter < received)
      ctx.addIssue({ code: 'custom', path: ['letterDueOn'], message: 'intake.errors.letterDueOn.beforeReceipt' });
    else if (letter && hearing && hearing !== 'invalid' && letter > hearing)
      ctx.addIssue({ code: 'custom', path: ['letterDueOn'], message: 'intake.errors.letterDueOn.afterHearing' });
    return {
      courtId,
      areaId: areaId || null,
      receivedOn: typeof received === 'string' ? received : '',
      firstHearingOn: typeof hearing === 'string' && hearing !== 'invalid' ? hearing : null,
      letterDueOn: typeof letter === 'string' && letter !== 'invalid' ? letter : null,
    };
  });
}

export const ordersSchema = z.object({ orders: list(ORDERS) }).transform((v, ctx): Order[] => {
  if (v.orders.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['orders'], message: 'intake.errors.orders.required' });
  }
  return [...new Set(v.orders)];
});

const NAME_MAX = 100;

export function childSchema(today: string) {
  return anyBody.transform((b, ctx): Omit<DraftChild, 'id'> => {
    const given = text(NAME_MAX).safeParse(b.givenNames);
    const family = text(NAME_MAX).safeParse(b.familyName);
    const givenNames = given.success ? given.data : '';
    const familyName = family.success ? family.data : '';
    if (!given.success) ctx.addIssue({ code: 'custom', path: ['givenNames'], message: 'intake.errors.tooLong' });
    else if (!givenNames)
      ctx.addIssue({ code: 'custom', path: ['givenNames'], message: 'intake.errors.child.givenNamesRequired' });
    if (!family.success) ctx.addIssue({ code: 'custom', path: ['familyName'], message: 'intake.errors.tooLong' });
    else if (!familyName)
      ctx.addIssue({ code: 'custom', path: ['familyName'], message: 'intake.errors.child.familyNameRequired' });
    const dob = isoFromParts(dateParts(b, 'dateOfBirth'));
    if (dob === null)
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'intake.errors.child.dateOfBirthRequired' });
    else if (dob === 'invalid')
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'intake.errors.dateOfBirth.invalid' });
    else if (dob > today)
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'intake.errors.dateOfBirth.future' });
    else if (dob <= yearsBefore(today, 18))
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'intake.errors.child.tooOld' });
    const gender = z.enum(GENDERS).safeParse(b.gender);
    if (!gender.success)
      ctx.addIssue({ code: 'custom', path: ['gender'], message: 'intake.errors.child.genderRequired' });
    return {
      givenNames,
      familyName,
      dateOfBirth: typeof dob === 'string' ? dob : '',
      gender: gender.success ? gender.data : 'not-given',
    };
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+()\d\s-]{7,25}$/;

export function adultSchema(today: string) {
  return anyBody.transform((b, ctx): Omit<DraftAdult, 'id'> => {
    const field = (name: string, max: number) => {
      const r = text(max).safeParse(b[name]);
      if (!r.success) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'intake.errors.tooLong' });
        return '';
      }
      return r.data;
    };
    const role = z.enum(ADULT_ROLES).safeParse(b.role);
    if (!role.success) ctx.addIssue({ code: 'custom', path: ['role'], message: 'intake.errors.adult.roleRequired' });
    const givenNames = field('givenNames', NAME_MAX);
    const familyName = field('familyName', NAME_MAX);
    if (!givenNames)
      ctx.addIssue({ code: 'custom', path: ['givenNames'], message: 'intake.errors.adult.givenNamesRequired' });
    if (!familyName)
      ctx.addIssue({ code: 'custom', path: ['familyName'], message: 'intake.errors.adult.familyNameRequired' });
    const unknownDob = b.dateOfBirthUnknown === 'yes';
    const dob = isoFromParts(dateParts(b, 'dateOfBirth'));
    if (dob === null && !unknownDob)
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'intake.errors.adult.dateOfBirthRequired' });
    else if (dob !== null && unknownDob)
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'intake.errors.adult.dateOfBirthBoth' });
    else if (dob === 'invalid')
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'intake.errors.dateOfBirth.invalid' });
    else if (dob && dob > today)
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'intake.errors.dateOfBirth.future' });
    const addressLines = [field('addressLine1', 200), field('addressLine2', 200), field('town', 100)].filter(Boolean);
    const postcode = field('postcode', 10).toUpperCase();
    const phone = field('phone', 25);
    if (phone && !PHONE.test(phone))
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'intake.errors.adult.phoneFormat' });
    const email = field('email', 200);
    if (email && !EMAIL.test(email))
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'intake.errors.adult.emailFormat' });
    const yesNo = (name: string, message: string) => {
      if (b[name] === 'yes') return true;
      if (b[name] === 'no') return false;
      ctx.addIssue({ code: 'custom', path: [name], message });
      return false;
    };
    const confidential = yesNo('confidential', 'intake.errors.adult.confidentialRequired');
    const refuge = yesNo('refuge', 'intake.errors.adult.refugeRequired');
    const language = z.enum(['en', 'cy']).safeParse(b.languagePreference);
    if (!language.success)
      ctx.addIssue({ code: 'custom', path: ['languagePreference'], message: 'intake.errors.adult.languageRequired' });
    const interpreterLanguage = field('interpreterLanguage', 60);
    return {
      role: role.success ? role.data : 'other-party',
      givenNames,
      familyName,
      dateOfBirth: typeof dob === 'string' && dob !== 'invalid' ? dob : null,
      addressLines,
      postcode,
      phone,
      email,
      confidential: confidential || refuge,
      refuge,
      languagePreference: language.success ? language.data : 'en',
      interpreterLanguage: interpreterLanguage || null,
    };
  });
}

/** The form field of one adult × child relationship. */
export const relationshipField = (adultId: string, childId: string) => `rel-${adultId}-${childId}`;

export function relationshipsSchema(data: DraftData) {
  const adults = data.adults ?? [];
  const children = data.children ?? [];
  return anyBody.transform((b, ctx): Record<string, Record<string, Relationship>> => {
    const out: Record<string, Record<string, Relationship>> = {};
    for (const a of adults) {
      out[a.id] = {};
      for (const c of children) {
        const name = relationshipField(a.id, c.id);
        const r = z.enum(RELATIONSHIPS).safeParse(b[name]);
        if (!r.success) ctx.addIssue({ code: 'custom', path: [name], message: 'intake.errors.relationship.required' });
        else out[a.id]![c.id] = r.data;
      }
    }
    // Every child needs at least one related adult.
    for (const c of children) {
      const answered = adults.every((a) => out[a.id]?.[c.id]);
      const related = adults.some((a) => (out[a.id]?.[c.id] ?? 'none') !== 'none');
      if (answered && !related && adults[0]) {
        ctx.addIssue({
          code: 'custom',
          path: [relationshipField(adults[0].id, c.id)],
          message: 'intake.errors.relationship.childWithoutAdult',
        });
      }
    }
    return out;
  });
}

export const allegationsSchema = z
  .object({
    allegations: list([...ALLEGATIONS, 'none'] as const),
    allegationsDetail: text(5000),
  })
  .transform((v, ctx): AllegationAnswers => {
    const kinds = [...new Set(v.allegations.filter((k) => k !== 'none'))] as AllegationAnswers['kinds'];
    if (v.allegations.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['allegations'], message: 'intake.errors.allegations.required' });
    } else if (v.allegations.includes('none') && kinds.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['allegations'], message: 'intake.errors.allegations.noneAndSome' });
    }
    if (kinds.includes('other') && !v.allegationsDetail) {
      ctx.addIssue({
        code: 'custom',
        path: ['allegationsDetail'],
        message: 'intake.errors.allegations.detailRequired',
      });
    }
    return { kinds, detail: v.allegationsDetail };
  });

export const languageSchema = z.object({
  language: z.enum(['en', 'cy'], { error: 'intake.errors.language.required' }),
});

/** The version the form was read at, and which button was pressed. */
export const formMetaSchema = z.object({
  version: z.coerce.number().int().min(1).max(1_000_000_000).catch(0),
  action: z.enum(['continue', 'save']).catch('continue'),
  change: z.enum(['1']).optional().catch(undefined),
});
