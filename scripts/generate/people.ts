import { base, cy, en, en_GB, Faker, type Randomizer } from '@faker-js/faker';
import { createRandom, type Random, STREAM } from './random.ts';
import { WELSH_FAMILY, WELSH_GIVEN_FEMALE, WELSH_GIVEN_MALE } from './welsh-names.ts';

export type Nation = 'england' | 'wales';
export type Sex = 'female' | 'male';

/**
 * Synthetic names and addresses. Name lists and street and town names come from
 * @faker-js/faker's en_GB locale (its Welsh locale for streets and towns in Wales), drawn
 * once per run into pools; people then pick from the pools with their case's random
 * stream, which is fast and deterministic. Postcodes are in the never-issued "ZZ" area
 * and phone numbers in Ofcom's ranges reserved for drama, so no detail is anyone's.
 */
export interface NamePools {
  givenFemale: readonly string[];
  givenMale: readonly string[];
  family: readonly string[];
  streets: Record<Nation, readonly string[]>;
  towns: Record<Nation, readonly string[]>;
}

function fakerWith(random: Random, locale: 'en_GB' | 'cy'): Faker {
  const randomizer: Randomizer = { next: () => random.next(), seed: () => undefined };
  return new Faker({ locale: locale === 'cy' ? [cy, en_GB, en, base] : [en_GB, en, base], randomizer });
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

export function namePools(seed: number): NamePools {
  const random = createRandom(seed, 0, STREAM.pools);
  const english = fakerWith(random, 'en_GB');
  const welsh = fakerWith(random, 'cy');
  const names = english.definitions.person;
  const draw = (count: number, make: () => string) => unique(Array.from({ length: count }, make));
  return {
    givenFemale: names.first_name?.female ?? [],
    givenMale: names.first_name?.male ?? [],
    family: names.last_name?.generic ?? [],
    streets: {
      england: draw(4000, () => english.location.street()),
      wales: draw(1500, () => welsh.location.street()),
    },
    towns: {
      england: draw(1200, () => english.location.city()),
      wales: draw(400, () => welsh.location.city()),
    },
  };
}

/** In Wales, about half of the names are Welsh. */
export function givenName(pools: NamePools, random: Random, nation: Nation, sex: Sex): string {
  if (nation === 'wales' && random.chance(0.55))
    return random.pick(sex === 'female' ? WELSH_GIVEN_FEMALE : WELSH_GIVEN_MALE);
  return random.pick(sex === 'female' ? pools.givenFemale : pools.givenMale);
}

export function familyName(pools: NamePools, random: Random, nation: Nation): string {
  if (nation === 'wales' && random.chance(0.55)) return random.pick(WELSH_FAMILY);
  return random.pick(pools.family);
}

const LETTERS = [...'ABDEFGHJLNPQRSTUWXY'];

export function address(pools: NamePools, random: Random, nation: Nation): { lines: string[]; postcode: string } {
  const lines = [`${random.int(1, 240)} ${random.pick(pools.streets[nation])}`, random.pick(pools.towns[nation])];
  if (random.chance(0.12)) lines.unshift(`Flat ${random.int(1, 40)}`);
  const postcode = `ZZ${random.int(1, 99)} ${random.int(0, 9)}${random.pick(LETTERS)}${random.pick(LETTERS)}`;
  return { lines, postcode };
}

/** Ofcom's drama ranges: 07700 900000–900999 and 0113 496 0000–0999 (and similar). */
export function phoneNumber(random: Random): string {
  if (random.chance(0.8)) return `07700 900${String(random.int(0, 999)).padStart(3, '0')}`;
  const area = random.pick(['0113 496', '0114 496', '0115 496', '0116 496', '0117 496', '0118 496', '029 2018']);
  return `${area} ${String(random.int(0, 999)).padStart(4, '0')}`;
}

function emailPart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

/** Addresses at the domains reserved for examples (RFC 2606). */
export function emailAddress(random: Random, given: string, family: string): string {
  const domain = random.pick(['example.com', 'example.org', 'example.net']);
  return `${emailPart(given)}.${emailPart(family)}${random.int(1, 99)}@${domain}`;
}

export const INTERPRETER_LANGUAGES = [
  'Polish',
  'Urdu',
  'Romanian',
  'Arabic',
  'Punjabi',
  'Bengali',
  'Portuguese',
  'Lithuanian',
  'Somali',
  'Tigrinya',
  'Pashto',
  'Kurdish (Sorani)',
  'Farsi',
  'Turkish',
  'Tamil',
];
