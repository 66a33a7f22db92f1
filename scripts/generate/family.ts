import type { GeneratorContext } from './context.ts';
import { YEAR_MS } from './context.ts';
import { generatedId, ID_KIND } from './ids.ts';
import { familyName, givenName, INTERPRETER_LANGUAGES, type Nation, type Sex } from './people.ts';
import { type Random, STREAM, streamFor } from './random.ts';
import type { AreaInfo } from './reference.ts';

export type Law = 'private' | 'public' | 'adoption';
export type Relationship =
  | 'mother'
  | 'father'
  | 'step-parent'
  | 'grandparent'
  | 'other-relative'
  | 'special-guardian'
  | 'other';
export type PartyRole = 'applicant' | 'respondent' | 'other-party';
export type Language = 'en' | 'cy';

export interface PersonRecord {
  id: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  dobMs: number;
  sex: Sex;
  languagePreference: Language;
  interpreterLanguage: string | null;
  createdAtMs: number;
}

export interface FamilyChild {
  person: PersonRecord;
  /** False when the child is already known from an earlier case (the family has returned). */
  isNew: boolean;
  gender: 'female' | 'male' | 'not-given';
}

export interface FamilyAdult {
  person: PersonRecord;
  isNew: boolean;
  partyRole: PartyRole;
  /** The adult's relationship to each child, in the order of `children`. */
  relationships: Relationship[];
  /** Whether this adult is the children's mother or father (so a later case can bring them back). */
  parent: 'mother' | 'father' | null;
}

/** Who a case is about and who the parties are: everything a later case of the same family needs. */
export interface Family {
  index: number;
  area: AreaInfo;
  receivedAtMs: number;
  law: Law;
  applicationType: string;
  familyName: string;
  children: FamilyChild[];
  adults: FamilyAdult[];
  /** The family has taken up the active offer of Welsh. */
  welsh: boolean;
  caseLanguage: Language;
  /** The earlier case this family returns from, if any. */
  returningFrom: number | null;
}

const DAY = 86_400_000;
const LAWS: readonly Law[] = ['private', 'public', 'adoption'];
/** DOMAIN §11: ≈40,800 private and ≈18,750 public cases a year, and a few adoption cases. */
const LAW_WEIGHTS = [0.68, 0.3, 0.02];
const APPLICATION_TYPES: Record<Law, { types: readonly string[]; weights: readonly number[] }> = {
  private: { types: ['c100', 'enforcement', 'leave-to-remove', 'rule-16-4'], weights: [0.93, 0.035, 0.015, 0.02] },
  public: { types: ['c110a', 'emergency-protection', 'secure-accommodation'], weights: [0.88, 0.08, 0.04] },
  adoption: { types: ['placement-order', 'adoption'], weights: [0.6, 0.4] },
};
/** Number of children: 1, 2, 3, … (sibling groups are larger in public law). */
const CHILD_COUNTS: Record<Law, readonly number[]> = {
  private: [0.55, 0.3, 0.1, 0.05],
  public: [0.4, 0.28, 0.17, 0.1, 0.05],
  adoption: [0.7, 0.2, 0.1],
};
/** Age of the eldest child in years: [from, to, weight]; most children are under 10. */
const ELDEST_AGES: Record<string, readonly (readonly [number, number, number])[]> = {
  private: [
    [2, 4, 0.3],
    [5, 9, 0.42],
    [10, 13, 0.2],
    [14, 16, 0.08],
  ],
  public: [
    [0, 1, 0.3],
    [2, 4, 0.2],
    [5, 9, 0.28],
    [10, 15, 0.22],
  ],
  'secure-accommodation': [[12, 17, 1]],
  adoption: [
    [0, 1, 0.45],
    [2, 4, 0.4],
    [5, 8, 0.15],
  ],
};
/** Share of cases that try to bring back a family from an earlier case (some cannot: see familyOf). */
const RETURN_ATTEMPT = 0.23;

const DAY_MS = 86_400_000;
/** Day strings by day number: formatting dates is a large part of the generator's time. */
const dayStrings = new Map<number, string>();
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The UTC date of `ms`, as YYYY-MM-DD (cached per day). */
export function isoDate(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let text = dayStrings.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayStrings.set(day, text);
  }
  return text;
}

/** `new Date(ms).toISOString()`, a few times faster (the day part is cached). */
export function isoInstant(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day < 0 || day > 2_932_896) return new Date(ms).toISOString();
  let rest = ms - day * DAY_MS;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  const minute = rest % 60;
  const hour = (rest - minute) / 60;
  const ms3 = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : String(milli);
  return `${isoDate(ms)}T${two(hour)}:${two(minute)}:${two(second)}.${ms3}Z`;
}

/** A weekday in office hours, in a year chosen with more recent years slightly busier. */
function drawReceivedAt(ctx: GeneratorContext, random: Random): number {
  const year = random.weighted(ctx.yearWeights);
  const t = ctx.fromMs + (year + random.next()) * YEAR_MS;
  let day = Math.floor(t / DAY) * DAY;
  const weekday = new Date(day).getUTCDay();
  if (weekday === 6) day -= DAY;
  if (weekday === 0) day += DAY;
  if (day + DAY > ctx.untilMs) day -= 3 * DAY;
  return day + random.int(8 * 60, 17 * 60 + 30) * 60_000;
}

function ageInDays(random: Random, buckets: readonly (readonly [number, number, number])[]): number {
  const [from, to] = buckets[random.weighted(buckets.map((b) => b[2]))]!;
  return random.int(from, to) * 365 + random.int(0, 364);
}

interface Draft {
  ctx: GeneratorContext;
  random: Random;
  index: number;
  nation: Nation;
  receivedAtMs: number;
  welsh: boolean;
  serial: number;
}

function newPerson(
  d: Draft,
  input: { sex: Sex; family: string; dobMs: number; adult: boolean; language?: Language },
): PersonRecord {
  const { random } = d;
  const language = input.language ?? 'en';
  const person: PersonRecord = {
    id: generatedId(d.ctx.tag, ID_KIND.person, d.index, d.serial, random.uint32()),
    givenNames: givenName(d.ctx.pools, random, d.nation, input.sex),
    familyName: input.family,
    dateOfBirth: isoDate(input.dobMs),
    dobMs: input.dobMs,
    sex: input.sex,
    languagePreference: language,
    interpreterLanguage:
      input.adult && d.nation === 'england' && language === 'en' && random.chance(0.04)
        ? random.pick(INTERPRETER_LANGUAGES)
        : null,
    createdAtMs: d.receivedAtMs,
  };
  d.serial += 1;
  return person;
}

function childLanguage(d: Draft): Language {
  if (d.nation !== 'wales') return 'en';
  return d.welsh ? (d.random.chance(0.9) ? 'cy' : 'en') : d.random.chance(0.04) ? 'cy' : 'en';
}

function adultLanguage(d: Draft, sex: Sex): Language {
  if (d.nation !== 'wales') return 'en';
  const p = d.welsh ? (sex === 'female' ? 0.85 : 0.6) : 0.03;
  return d.random.chance(p) ? 'cy' : 'en';
}

function newChildren(d: Draft, count: number, eldestAgeDays: number, family: string): FamilyChild[] {
  const children: FamilyChild[] = [];
  let ageDays = eldestAgeDays;
  for (let k = 0; k < count; k += 1) {
    if (k > 0) ageDays = Math.max(d.random.int(0, 200), ageDays - d.random.int(1, 4) * 365 - d.random.int(0, 200));
    const roll = d.random.next();
    const gender = roll < 0.495 ? 'female' : roll < 0.995 ? 'male' : 'not-given';
    const sex: Sex = gender === 'not-given' ? (d.random.chance(0.5) ? 'female' : 'male') : gender;
    children.push({
      person: newPerson(d, {
        sex,
        family,
        dobMs: d.receivedAtMs - ageDays * DAY,
        adult: false,
        language: childLanguage(d),
      }),
      isNew: true,
      gender,
    });
  }
  return children;
}

function eldestBirthMs(children: FamilyChild[]): number {
  return Math.min(...children.map((c) => c.person.dobMs));
}

function newAdult(d: Draft, sex: Sex, family: string, ageAtEldestBirth: [number, number], eldestMs: number) {
  const dobMs =
    eldestMs - d.random.int(ageAtEldestBirth[0], ageAtEldestBirth[1]) * 365 * DAY - d.random.int(0, 364) * DAY;
  return newPerson(d, { sex, family, dobMs, adult: true, language: adultLanguage(d, sex) });
}

/** Parties of a case about a family seen for the first time. */
function freshAdults(
  d: Draft,
  law: Law,
  applicationType: string,
  children: FamilyChild[],
  family: string,
): FamilyAdult[] {
  const { random } = d;
  const eldest = eldestBirthMs(children);
  const all = <T>(value: T) => children.map(() => value);
  const motherName = random.chance(0.55) ? family : familyName(d.ctx.pools, random, d.nation);
  const mother = () => newAdult(d, 'female', motherName, [17, 40], eldest);
  const father = () => newAdult(d, 'male', family, [18, 48], eldest);
  const fatherRelationships = (): Relationship[] =>
    children.map((_, k) => (k === 0 && children.length > 1 && random.chance(0.08) ? 'step-parent' : 'father'));
  const adult = (
    person: PersonRecord,
    partyRole: PartyRole,
    relationships: Relationship[],
    parent: FamilyAdult['parent'],
  ): FamilyAdult => ({ person, isNew: true, partyRole, relationships, parent });

  if (law === 'private') {
    const roll = random.next();
    if (roll < 0.06) {
      const grandparent = newAdult(d, random.chance(0.75) ? 'female' : 'male', motherName, [38, 58], eldest);
      const parentIsMother = random.chance(0.6);
      return [
        adult(grandparent, 'applicant', all('grandparent'), null),
        parentIsMother
          ? adult(mother(), 'respondent', all('mother'), 'mother')
          : adult(father(), 'respondent', fatherRelationships(), 'father'),
      ];
    }
    if (roll < 0.08) {
      const relative = newAdult(d, random.chance(0.7) ? 'female' : 'male', motherName, [15, 35], eldest);
      return [
        adult(relative, 'applicant', all('other-relative'), null),
        adult(mother(), 'respondent', all('mother'), 'mother'),
      ];
    }
    const fatherApplies = applicationType === 'leave-to-remove' ? random.chance(0.2) : random.chance(0.55);
    const parties = [
      adult(mother(), fatherApplies ? 'respondent' : 'applicant', all('mother'), 'mother'),
      adult(father(), fatherApplies ? 'applicant' : 'respondent', fatherRelationships(), 'father'),
    ];
    if (random.chance(0.04)) {
      const grandparent = newAdult(d, 'female', motherName, [38, 58], eldest);
      parties.push(adult(grandparent, 'other-party', all('grandparent'), null));
    }
    return parties;
  }
  if (law === 'public') {
    const parties = [adult(mother(), 'respondent', all('mother'), 'mother')];
    if (random.chance(0.8)) parties.push(adult(father(), 'respondent', fatherRelationships(), 'father'));
    const roll = random.next();
    if (roll < 0.1) {
      const grandparent = newAdult(d, random.chance(0.7) ? 'female' : 'male', motherName, [38, 58], eldest);
      parties.push(adult(grandparent, 'other-party', all('grandparent'), null));
    } else if (roll < 0.13) {
      const guardian = newAdult(d, 'female', familyName(d.ctx.pools, random, d.nation), [25, 50], eldest);
      parties.push(adult(guardian, 'other-party', all('special-guardian'), null));
    }
    return parties;
  }
  if (applicationType === 'adoption') {
    if (random.chance(0.25)) {
      const stepFather = newAdult(d, 'male', familyName(d.ctx.pools, random, d.nation), [20, 45], eldest);
      return [
        adult(stepFather, 'applicant', all('step-parent'), null),
        adult(mother(), 'applicant', all('mother'), 'mother'),
        adult(father(), 'respondent', all('father'), 'father'),
      ];
    }
    const adopterName = familyName(d.ctx.pools, random, d.nation);
    const adopters = [adult(newAdult(d, 'female', adopterName, [25, 48], eldest), 'applicant', all('other'), null)];
    if (random.chance(0.7))
      adopters.push(
        adult(
          newAdult(d, random.chance(0.85) ? 'male' : 'female', adopterName, [25, 50], eldest),
          'applicant',
          all('other'),
          null,
        ),
      );
    return [...adopters, adult(mother(), 'respondent', all('mother'), 'mother')];
  }
  const parties = [adult(mother(), 'respondent', all('mother'), 'mother')];
  if (random.chance(0.55)) parties.push(adult(father(), 'respondent', fatherRelationships(), 'father'));
  return parties;
}

/**
 * A family comes back: the children of the earlier case who are still under 17 (and
 * perhaps a baby born since), their mother and, often, their father.
 */
function returningFamily(d: Draft, base: Family, law: Law): { children: FamilyChild[]; adults: FamilyAdult[] } | null {
  const { random } = d;
  const under17 = base.children.filter((c) => d.receivedAtMs - c.person.dobMs < 17 * YEAR_MS);
  const kept = under17.filter((_, k) => k === 0 || random.chance(0.85));
  if (kept.length === 0) return null;
  const children: FamilyChild[] = kept.map((c) => ({ person: c.person, isNew: false, gender: c.gender }));
  const sinceBase = d.receivedAtMs - base.receivedAtMs;
  if (sinceBase > YEAR_MS && random.chance(0.25)) {
    children.push(...newChildren(d, 1, random.int(0, Math.floor(sinceBase / DAY) - 300), base.familyName));
  }
  const eldest = eldestBirthMs(children);
  const relationshipsFor = (parent: 'mother' | 'father', known: boolean): Relationship[] =>
    children.map((c) => (known || c.isNew ? parent : 'step-parent'));
  const baseMother = base.adults.find((a) => a.parent === 'mother');
  const baseFather = base.adults.find((a) => a.parent === 'father');
  const parents: { person: PersonRecord; isNew: boolean; parent: 'mother' | 'father'; rel: Relationship[] }[] = [];
  if (baseMother && random.chance(0.9))
    parents.push({ person: baseMother.person, isNew: false, parent: 'mother', rel: relationshipsFor('mother', true) });
  else
    parents.push({
      person: newAdult(d, 'female', base.familyName, [17, 40], eldest),
      isNew: true,
      parent: 'mother',
      rel: relationshipsFor('mother', false),
    });
  if (baseFather && random.chance(0.55))
    parents.push({ person: baseFather.person, isNew: false, parent: 'father', rel: relationshipsFor('father', true) });
  else if (law === 'private' || random.chance(0.6))
    parents.push({
      person: newAdult(d, 'male', familyName(d.ctx.pools, random, d.nation), [18, 48], eldest),
      isNew: true,
      parent: 'father',
      rel: relationshipsFor('father', false),
    });
  const applicant = law === 'private' ? random.int(0, parents.length - 1) : -1;
  const adults: FamilyAdult[] = parents.map((p, k) => ({
    person: p.person,
    isNew: p.isNew,
    partyRole: k === applicant ? 'applicant' : 'respondent',
    relationships: p.rel,
    parent: p.parent,
  }));
  if (law === 'private' && adults.length === 1) {
    const grandparent = newAdult(d, 'female', base.familyName, [38, 58], eldest);
    adults.unshift({
      person: grandparent,
      isNew: true,
      partyRole: 'applicant',
      relationships: children.map(() => 'grandparent'),
      parent: null,
    });
    adults[1]!.partyRole = 'respondent';
  }
  return { children, adults };
}

const cache = new Map<string, Family>();
const CACHE_LIMIT = 10_000;

/**
 * The family of case `index`: a pure function of the run settings and the case number.
 * About 15% of cases bring back a family from an earlier case in the same area (families
 * return to court), reusing its person-index identities; the earlier case is worked out
 * again from its number, so this holds across chunks and resumed runs.
 */
export function familyOf(ctx: GeneratorContext, index: number): Family {
  const key = `${ctx.seed}:${ctx.untilMs}:${ctx.years}:${index}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const random = streamFor(ctx.seed, index, STREAM.family);
  let area = ctx.areas[random.weighted(ctx.areaWeights)]!;
  const receivedAtMs = drawReceivedAt(ctx, random);
  const lawIndex = random.weighted(LAW_WEIGHTS);
  const law = LAWS[lawIndex]!;
  const typeChoice = APPLICATION_TYPES[law];
  const applicationType = typeChoice.types[random.weighted(typeChoice.weights)]!;
  const tryReturn = index > 0 && random.chance(RETURN_ATTEMPT);
  const candidates = [random.next(), random.next(), random.next()];
  const welshRoll = random.next();

  // A family returns from an earlier case (by number) received five months to seven years before.
  let base: Family | null = null;
  if (tryReturn) {
    for (const roll of candidates) {
      const candidate = familyOf(ctx, Math.floor(roll * index));
      const gap = receivedAtMs - candidate.receivedAtMs;
      if (gap >= 150 * DAY && gap <= 7 * YEAR_MS && candidate.children.length > 0) {
        base = candidate;
        area = candidate.area;
        break;
      }
    }
  }
  const d: Draft = {
    ctx,
    random,
    index,
    nation: area.nation,
    receivedAtMs,
    welsh: area.nation === 'wales' && welshRoll < 0.25,
    serial: 0,
  };
  let children: FamilyChild[] | null = null;
  let adults: FamilyAdult[] | null = null;
  let surname = '';
  if (base) {
    d.welsh = [...base.children, ...base.adults].some((p) => p.person.languagePreference === 'cy');
    const returned = returningFamily(d, base, law);
    if (returned) {
      children = returned.children;
      adults = returned.adults;
      surname = base.familyName;
    } else {
      base = null;
    }
  }
  if (!children || !adults) {
    surname = familyName(ctx.pools, random, d.nation);
    const ages = ELDEST_AGES[applicationType === 'secure-accommodation' ? applicationType : law]!;
    const count = applicationType === 'secure-accommodation' ? 1 : 1 + random.weighted(CHILD_COUNTS[law]);
    children = newChildren(d, count, ageInDays(random, ages), surname);
    adults = freshAdults(d, law, applicationType, children, surname);
  }
  const family: Family = {
    index,
    area,
    receivedAtMs,
    law,
    applicationType,
    familyName: surname,
    children,
    adults,
    welsh: d.welsh,
    caseLanguage: d.welsh && random.chance(0.6) ? 'cy' : 'en',
    returningFrom: base ? base.index : null,
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, family);
  return family;
}
