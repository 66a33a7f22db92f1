import { existsSync, readdirSync, readFileSync } from 'node:fs';

export const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'cy';
}

type Catalogue = { [key: string]: string | Catalogue };

const LOCALES_DIR = new URL('../../../locales/', import.meta.url);

/**
 * The catalogue of one language: `locales/<language>.json` (shared strings) merged with
 * every `locales/<language>/<area>.json`, so each area of work keeps its own strings.
 * Two files may not define the same top-level key: that would silently hide one of them.
 */
export function loadCatalogue(language: Language): Catalogue {
  const catalogue = JSON.parse(readFileSync(new URL(`${language}.json`, LOCALES_DIR), 'utf8')) as Catalogue;
  const dir = new URL(`${language}/`, LOCALES_DIR);
  if (!existsSync(dir)) return catalogue;
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const part = JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as Catalogue;
    for (const [key, value] of Object.entries(part)) {
      if (key in catalogue) throw new Error(`locales/${language}/${name} defines "${key}", which is already defined.`);
      catalogue[key] = value;
    }
  }
  return catalogue;
}

/** Every key of a catalogue, dotted, in sorted order. */
export function catalogueKeys(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue)
    .flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : catalogueKeys(v, `${prefix}${k}.`)))
    .sort();
}

function flatten(catalogue: Catalogue): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (c: Catalogue, prefix: string) => {
    for (const [k, v] of Object.entries(c)) {
      if (typeof v === 'string') out.set(`${prefix}${k}`, v);
      else walk(v, `${prefix}${k}.`);
    }
  };
  walk(catalogue, '');
  return out;
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface Messages {
  language: Language;
  t: Translate;
  has(key: string): boolean;
  formatDate(value: string | Date | null | undefined, style?: 'long' | 'short'): string;
  formatDateTime(value: string | Date | null | undefined): string;
  /** Locale tag for Intl and the html lang attribute. */
  locale: string;
}

const TIME_ZONE = 'Europe/London';
/** Formatted dates remembered per language and format; pages repeat the same few hundred. */
const REMEMBERED_DATES = 5_000;

/**
 * A date formatter that remembers its answers by the instant (Intl formatting is a few
 * microseconds a call, and a case page formats a hundred dates). Emptied when full.
 */
function remembered(format: (d: Date) => string): (d: Date) => string {
  const answers = new Map<number, string>();
  return (d) => {
    const time = d.getTime();
    let text = answers.get(time);
    if (text === undefined) {
      if (answers.size >= REMEMBERED_DATES) answers.clear();
      text = format(d);
      answers.set(time, text);
    }
    return text;
  };
}

/**
 * Messages for both languages, loaded once. A missing key in the requested language is
 * an error in tests (the parity test) and shows the key itself at run time, never English
 * silently standing in for Welsh.
 */
export function createMessages(): Record<Language, Messages> {
  const build = (language: Language): Messages => {
    const strings = flatten(loadCatalogue(language));
    const locale = language === 'cy' ? 'cy' : 'en-GB';
    const dateLong = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const dateShort = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const londonDay = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: TIME_ZONE,
    });
    const londonTime = new Intl.DateTimeFormat('en-GB', {
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: TIME_ZONE,
    });
    // GOV.UK style: "29 March 2026 at 2:30pm"; Welsh: "29 Mawrth 2026 am 14:30".
    const dateTime = {
      format: remembered((d: Date) => {
        const parts = Object.fromEntries(londonTime.formatToParts(d).map((p) => [p.type, p.value]));
        const hour = Number(parts.hour);
        const minute = parts.minute ?? '00';
        if (language === 'cy') return `${londonDay.format(d)} am ${String(hour).padStart(2, '0')}:${minute}`;
        const h12 = hour % 12 === 0 ? 12 : hour % 12;
        return `${londonDay.format(d)} at ${h12}:${minute}${hour < 12 ? 'am' : 'pm'}`;
      }),
    };
    const long = remembered((d: Date) => dateLong.format(d));
    const short = remembered((d: Date) => dateShort.format(d));
    const t: Translate = (key, params) => {
      const text = strings.get(key);
      if (text === undefined) return key;
      if (!params) return text;
      return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    };
    return {
      language,
      locale,
      t,
      has: (key) => strings.has(key),
      // Calendar dates (YYYY-MM-DD) are formatted in UTC so they never shift a day.
      formatDate: (value, style = 'long') => {
        if (!value) return '';
        const d = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : value;
        if (Number.isNaN(d.getTime())) return '';
        return (style === 'long' ? long : short)(d);
      },
      formatDateTime: (value) => {
        if (!value) return '';
        const d = typeof value === 'string' ? new Date(value) : value;
        if (Number.isNaN(d.getTime())) return '';
        return dateTime.format(d);
      },
    };
  };
  return { en: build('en'), cy: build('cy') };
}
