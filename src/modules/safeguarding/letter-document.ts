import type { DocumentModel } from '../../platform/documents/model.ts';
import { createMessages, type Language, type Messages } from '../../platform/i18n/i18n.ts';
import type { LetterDraft } from './letter-sections.ts';

let catalogues: Record<Language, Messages> | undefined;

/** Messages in the letter's own language (a Welsh letter has Welsh labels whatever the page language). */
export function letterMessages(language: string): Messages {
  catalogues ??= createMessages();
  return catalogues[language === 'cy' ? 'cy' : 'en'];
}

export interface LetterDocumentFacts {
  reference: string;
  courtReference: string | null;
  courtName: string | null;
  courtNameCy: string | null;
  firstHearingOn: string | null;
  children: { id: string; name: string; age: number | null }[];
  authorName: string;
  authorRole: string;
  /** The date the letter is dated (filing day, or today for a preview). */
  datedOn: string;
}

/**
 * The safeguarding letter as a document for the court: title, court, case numbers, the
 * first hearing's date, the children's names and ages (never addresses), the sections,
 * the recommendation, the author and the date. Labels in the letter's language.
 */
export function letterDocument(letter: LetterDraft & { language: string }, facts: LetterDocumentFacts): DocumentModel {
  const m = letterMessages(letter.language);
  const t = m.t;
  const s = letter.sections;
  const court = (letter.language === 'cy' && facts.courtNameCy) || facts.courtName;
  const childLine = (c: LetterDocumentFacts['children'][number]) =>
    c.age === null ? c.name : `${c.name} (${t('common.age', { age: c.age })})`;
  const metadata = [
    { label: t('letters.document.court'), value: court ?? t('common.notSet') },
    { label: t('letters.document.caseNumber'), value: facts.reference },
    ...(facts.courtReference ? [{ label: t('letters.document.courtReference'), value: facts.courtReference }] : []),
    {
      label: t('letters.document.firstHearing'),
      value: facts.firstHearingOn ? m.formatDate(facts.firstHearingOn) : t('common.notSet'),
    },
    { label: t('letters.document.children'), value: facts.children.map(childLine).join('; ') },
  ];
  const sections: DocumentModel['sections'] = [];
  const push = (key: string, text: string | null | undefined) => {
    if (text && text.trim() !== '') sections.push({ heading: t(`letters.sections.${key}`), paragraphs: [text.trim()] });
  };
  push('checks', s.checks);
  if (letter.unreturnedChecksStatement?.trim()) push('unreturnedChecksStatement', letter.unreturnedChecksStatement);
  push('interviews', s.interviews);
  push('riskAnalysis', s.riskAnalysis);
  const childParagraphs = facts.children
    .filter((c) => s.children?.[c.id]?.trim())
    .map((c) => `${c.name}\n${s.children![c.id]!.trim()}`);
  if (childParagraphs.length > 0) {
    sections.push({ heading: t('letters.sections.children'), paragraphs: childParagraphs });
  }
  if (letter.recommendation) {
    sections.push({
      heading: t('letters.sections.recommendation'),
      paragraphs: [
        t(`letters.recommendations.${letter.recommendation}`),
        ...(s.recommendationDetails?.trim() ? [s.recommendationDetails.trim()] : []),
      ],
    });
  }
  push('signposting', s.signposting);
  return {
    title: t(letter.kind === 'update' ? 'letters.document.updateTitle' : 'letters.document.title'),
    language: letter.language === 'cy' ? 'cy' : 'en',
    metadata,
    sections,
    closing: [facts.authorName, facts.authorRole, m.formatDate(facts.datedOn)],
  };
}
