import type { DocumentModel, DocumentPicture } from '../../platform/documents/model.ts';
import { createMessages, type Language, type Messages } from '../../platform/i18n/i18n.ts';
import type { AgeBand } from './age-bands.ts';

/** The longest letter we keep (about four pages for the oldest children). */
export const LETTER_MAX_LENGTH = 6000;
export const PICTURE_ALT_MAX_LENGTH = 250;

let catalogues: Record<Language, Messages> | undefined;

/** Messages in the letter's own language (a Welsh letter is Welsh whatever the page language). */
export function letterMessages(language: string): Messages {
  catalogues ??= createMessages();
  return catalogues[language === 'cy' ? 'cy' : 'en'];
}

/**
 * The language of a child's letter: the child's own preference when it is English or
 * Welsh, else the case's language.
 */
export function letterLanguage(languagePreference: string | null | undefined, caseLanguage: string): 'en' | 'cy' {
  if (languagePreference === 'cy' || languagePreference === 'en') return languagePreference;
  return caseLanguage === 'cy' ? 'cy' : 'en';
}

export const DECISION_KINDS = [
  'child-arrangements',
  'special-guardianship',
  'parental-responsibility',
  'non-molestation',
  'other',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/**
 * What kind of order the court made, in the terms a child's letter explains: read from
 * the order's type and label, whether written as the form number (C43, C43A …) or as the
 * court's own name for it (childArrangementsSpecificProhibitedOrder …).
 */
export function decisionKind(orderType: string, label: string | null = null): DecisionKind {
  const text = `${orderType} ${label ?? ''}`;
  if (/\bC43A\b|special.?guardian/i.test(text)) return 'special-guardianship';
  if (/\bC43\b|child.?arrangements|prohibited.?steps|specific.?issue/i.test(text)) return 'child-arrangements';
  if (/\bC45A\b|parental.?responsibility/i.test(text)) return 'parental-responsibility';
  if (/\bFL404A\b|non.?molestation/i.test(text)) return 'non-molestation';
  return 'other';
}

/** The first of a person's given names: how a letter to a child greets them. */
export function firstName(givenNames: string): string {
  return givenNames.trim().split(/\s+/)[0] ?? givenNames;
}

/** The words a letter starts from: the band's template with the child, the adviser and the decision. */
export function letterTemplate(
  language: string,
  band: AgeBand,
  facts: { childName: string; adviserName: string; orderType: string | null; orderLabel: string | null },
): string {
  const { t } = letterMessages(language);
  const decision = t(
    `closing.letter.decisions.${facts.orderType ? decisionKind(facts.orderType, facts.orderLabel) : 'other'}`,
  );
  return t(`closing.letter.templates.${band}`, {
    childName: facts.childName,
    adviserName: facts.adviserName,
    decision,
  });
}

export interface ChildLetterFacts {
  childFirstName: string;
  adviserName: string;
  /** The date the letter is dated (the day it is produced). */
  datedOn: string;
}

/**
 * A child's letter as a document: title with the child's first name, who it is from and
 * the date, the adviser's words, the picture (with its description) and the adviser's
 * name. Never an address. Labels in the letter's language.
 */
export function childLetterDocument(
  letter: { language: string; body: string; picture?: DocumentPicture | null },
  facts: ChildLetterFacts,
): DocumentModel {
  const m = letterMessages(letter.language);
  const { t } = m;
  const model: DocumentModel = {
    title: t('closing.letter.document.title', { name: facts.childFirstName }),
    language: letter.language === 'cy' ? 'cy' : 'en',
    metadata: [
      {
        label: t('closing.letter.document.from'),
        value: t('closing.letter.document.fromValue', { name: facts.adviserName }),
      },
      { label: t('closing.letter.document.date'), value: m.formatDate(facts.datedOn) },
    ],
    sections: [{ heading: t('closing.letter.document.heading'), paragraphs: [letter.body.trim()] }],
    closing: [facts.adviserName],
  };
  if (letter.picture) model.picture = letter.picture;
  return model;
}
