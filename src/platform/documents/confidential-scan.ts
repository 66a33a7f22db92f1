/**
 * The confidential-value scan: does a text contain any of a case's confidential contact
 * details (an address line, a postcode, a telephone number, an email address)? Run over
 * everything produced for the court or other parties before it may leave the service.
 *
 * The text and the values are compared after normalising case, punctuation and white
 * space, so an address split across lines or typed with other commas still matches, a
 * postcode matches with or without its space, and a telephone number matches however it
 * is spaced and whether written +44 or 0. Matches are of whole words only: "Lane" in a
 * value never matches "Laneway" in the text.
 */

export type ConfidentialValueKind = 'address-line' | 'postcode' | 'phone' | 'email' | 'text';

export interface ConfidentialValue {
  kind: ConfidentialValueKind;
  value: string;
}

export interface ConfidentialHit {
  kind: ConfidentialValueKind;
  /** Index of the value in the list given: the value itself is never repeated. */
  valueIndex: number;
}

/** Lower case, curly quotes straightened, every run of non-letters/digits one space, padded. */
export function normaliseForScan(text: string): string {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return ` ${words.join(' ')} `;
}

/** The digits of a UK telephone number in national form: +44 (0)20 … and 020 … agree. */
export function normalisePhone(value: string): string {
  let digits = value.replace(/\D/g, '');
  if (digits.startsWith('0044')) digits = `0${digits.slice(4)}`;
  else if (digits.startsWith('44') && digits.length >= 11) digits = `0${digits.slice(2)}`;
  if (digits.startsWith('00')) digits = digits.slice(1);
  return digits;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Telephone-like runs in a text: digits with spaces, dashes, dots, brackets or a leading +. */
function phoneCandidates(text: string): string[] {
  return (text.match(/\+?\(?\d[\d\s().-]{5,}\d/g) ?? []).map(normalisePhone);
}

function matchesValue(haystack: string, phones: string[], v: ConfidentialValue): boolean {
  const raw = v.value.trim();
  if (raw === '') return false;
  switch (v.kind) {
    case 'phone': {
      const needle = normalisePhone(raw);
      if (needle.length < 6) return false;
      return phones.some((p) => p === needle || p.includes(needle));
    }
    case 'postcode': {
      const compact = normaliseForScan(raw).replace(/\s/g, '');
      if (compact.length < 4) return false;
      // Each character may be followed by a space in the text: "zz9 9cq", "zz99cq", "z z 9 9 c q".
      const pattern = [...compact].map(escapeRegExp).join(' ?');
      return new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'u').test(haystack.replace(/ {2,}/g, ' '));
    }
    default: {
      const needle = normaliseForScan(raw);
      // A value with no letters or digits cannot be found; a single letter or digit is not a value to hide.
      if (needle.trim().length < 2) return false;
      return haystack.includes(needle);
    }
  }
}

/** Every confidential value found in the text (each value once), in the order given. */
export function findConfidentialValues(text: string, values: readonly ConfidentialValue[]): ConfidentialHit[] {
  const haystack = normaliseForScan(text);
  const phones = phoneCandidates(text);
  const hits: ConfidentialHit[] = [];
  values.forEach((v, valueIndex) => {
    if (matchesValue(haystack, phones, v)) hits.push({ kind: v.kind, valueIndex });
  });
  return hits;
}
