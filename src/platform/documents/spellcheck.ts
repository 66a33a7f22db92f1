import dictionaryCy from 'dictionary-cy';
import dictionaryEnGb from 'dictionary-en-gb';
import nspell from 'nspell';

/**
 * Spell-checking of documents for the court, in British English or Welsh (Hunspell
 * dictionaries through nspell). Words with digits, the names of the people in the case,
 * the words the author chose to keep and a short list of the service's own words are
 * never flagged.
 */
export type SpellLanguage = 'en' | 'cy';

export interface Misspelling {
  word: string;
  suggestions: string[];
}

/** Words of the family courts and the service that no general dictionary knows. */
export const DOMAIN_WORDS: readonly string[] = [
  'Cafcass',
  'CAFCASS',
  'Cymru',
  'FHDRA',
  'MIAM',
  'MIAMs',
  'PNC',
  'DBS',
  'FCA',
  'FCAs',
  'HMCTS',
  'CAO',
  'PSO',
  'SIO',
  'DRA',
  'FFH',
  'PRL',
  'FL401',
  'FL404A',
  'S16A',
  'signposting',
  'signposted',
  'safeguarding',
  'Diogelu',
  'diogelu',
];

type Speller = ReturnType<typeof nspell>;
const spellers = new Map<SpellLanguage, Speller>();

/** The speller of a language, loaded once (the Welsh dictionary takes about a second). */
export function spellerFor(language: SpellLanguage): Speller {
  let speller = spellers.get(language);
  if (!speller) {
    const dictionary = language === 'cy' ? dictionaryCy : dictionaryEnGb;
    speller = nspell({ aff: Buffer.from(dictionary.aff), dic: Buffer.from(dictionary.dic) });
    spellers.set(language, speller);
  }
  return speller;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;
/** Suggestions are the slow part: give them for this many distinct words at most. */
const MAX_SUGGESTED = 30;

function isCorrect(speller: Speller, word: string): boolean {
  if (speller.correct(word)) return true;
  // Elisions and compounds (Mae'r, gyda'i, well-being): each part must be a word, or a lone letter.
  const parts = word.split(/['-]/).filter(Boolean);
  if (parts.length > 1) return parts.every((p) => p.length === 1 || speller.correct(p));
  return false;
}

/**
 * The words of `text` not in the dictionary of `language`, each once (first spelling kept),
 * with up to five suggestions.
 */
export function spellCheck(
  text: string,
  language: SpellLanguage,
  options: { ignore?: readonly string[] } = {},
): Misspelling[] {
  const speller = spellerFor(language);
  const ignored = new Set([...DOMAIN_WORDS, ...(options.ignore ?? [])].map((w) => w.toLowerCase()));
  const seen = new Set<string>();
  const out: Misspelling[] = [];
  for (const match of text.normalize('NFC').matchAll(WORD)) {
    const word = match[0].replace(/’/g, "'");
    const key = word.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (/\p{N}/u.test(word) || ignored.has(key)) continue;
    if (isCorrect(speller, word)) continue;
    const suggestions = out.length < MAX_SUGGESTED ? speller.suggest(word).slice(0, 5) : [];
    out.push({ word, suggestions });
  }
  return out;
}

/** The words of a person's names, for the ignore list ("Anne-Marie O'Neill" → Anne-Marie, Anne, Marie, O'Neill …). */
export function nameWords(names: readonly string[]): string[] {
  const words = new Set<string>();
  for (const name of names) {
    for (const m of name.normalize('NFC').matchAll(WORD)) {
      const w = m[0].replace(/’/g, "'");
      words.add(w);
      for (const part of w.split(/['-]/)) if (part) words.add(part);
    }
  }
  return [...words];
}
