import type { DocumentModel } from '../../platform/documents/model.ts';
import { createMessages, type Language, type Messages } from '../../platform/i18n/i18n.ts';
import {
  type ChildFacts,
  type Citable,
  type CitationIndex,
  expandCitations,
  RECOMMENDED_ORDERS,
  type ReportSections,
} from './sections.ts';

let catalogues: Record<Language, Messages> | undefined;

/** Messages in the report's own language (a Welsh report has Welsh headings whatever the page language). */
export function reportMessages(language: string): Messages {
  catalogues ??= createMessages();
  return catalogues[language === 'cy' ? 'cy' : 'en'];
}

const CONTACT_KINDS = ['interview', 'visit', 'call', 'email', 'meeting'];

/** Where a quotation comes from, in words: "home visit with … on 3 March 2026" / "Anna, 3 March 2026". */
export function citationSource(m: Messages, c: Citable): string {
  const date = m.formatDate(c.on);
  if (c.kind === 'words') return m.t('reports.citations.wordsSource', { name: c.childName ?? '', date });
  const kind = m.t(`reports.contactKinds.${CONTACT_KINDS.includes(c.contactKind ?? '') ? c.contactKind : 'other'}`);
  const withWhom = (c.withWhom ?? []).join(', ');
  return withWhom
    ? m.t('reports.citations.contactSourceWith', { kind, date, withWhom })
    : m.t('reports.citations.contactSource', { kind, date });
}

/** A quotation as the document prints it: the words, then their date and source. */
export const documentQuote = (m: Messages) => (c: Citable) => `“${c.quote.trim()}” (${citationSource(m, c)})`;

export interface ReportDocumentFacts {
  kind: string;
  language: string;
  reference: string;
  courtName: string | null;
  courtNameCy: string | null;
  children: (ChildFacts & { age: number | null })[];
  dueOn: string | null;
  /** For an addendum: the date the report it adds to was filed. */
  parentFiledOn: string | null;
  authorName: string;
  authorRole: string;
  /** The date the report is dated (its filing date). */
  datedOn: string;
}

/**
 * The report as a document for the court: its title, the court, case number, the
 * children's names and ages (never an address), the due date, then the sections with
 * every citation written out as the quotation with its date and source. Headings in the
 * report's language.
 */
export function reportDocument(sections: ReportSections, facts: ReportDocumentFacts, index: CitationIndex) {
  const m = reportMessages(facts.language);
  const t = m.t;
  const s = sections;
  const expand = (text: string | undefined) => expandCitations((text ?? '').trim(), index, documentQuote(m));
  const court = (facts.language === 'cy' && facts.courtNameCy) || facts.courtName;
  const childLine = (c: ReportDocumentFacts['children'][number]) =>
    c.age === null ? c.name : `${c.name} (${t('common.age', { age: c.age })})`;
  const metadata = [
    { label: t('reports.document.court'), value: court ?? t('common.notSet') },
    { label: t('reports.document.caseNumber'), value: facts.reference },
    { label: t('reports.document.children'), value: facts.children.map(childLine).join('; ') },
    { label: t('reports.document.dueOn'), value: facts.dueOn ? m.formatDate(facts.dueOn) : t('common.notSet') },
    ...(facts.parentFiledOn
      ? [{ label: t('reports.document.addendumTo'), value: m.formatDate(facts.parentFiledOn) }]
      : []),
  ];
  const out: DocumentModel['sections'] = [];
  const push = (heading: string, paragraphs: string[]) => {
    const kept = paragraphs.map((p) => p.trim()).filter((p) => p !== '');
    if (kept.length > 0) out.push({ heading, paragraphs: kept });
  };
  push(t('reports.sections.background'), [expand(s.background)]);
  for (const c of facts.children) {
    push(t('reports.document.childWishes', { name: c.name }), [
      expand(s.wishes?.[c.id]),
      expand(s.wordsReason?.[c.id]),
    ]);
    push(t('reports.document.childNeeds', { name: c.name }), [expand(s.needs?.[c.id])]);
  }
  push(t('reports.sections.welfare'), [expand(s.welfare)]);
  push(
    t('reports.sections.diversity'),
    facts.children
      .filter((c) => (s.diversity?.[c.id] ?? '').trim() !== '')
      .map((c) => `${c.name}\n${expand(s.diversity?.[c.id])}`),
  );
  push(t('reports.sections.risk'), [expand(s.risk)]);
  push(t('reports.sections.analysis'), [expand(s.analysis)]);
  const orders = (s.orders ?? []).filter((o) => (RECOMMENDED_ORDERS as readonly string[]).includes(o));
  push(t('reports.sections.recommendation'), [
    expand(s.recommendation),
    ...(orders.length
      ? [`${t('reports.document.ordersRecommended')}\n${orders.map((o) => t(`reports.orders.${o}`)).join('\n')}`]
      : []),
  ]);
  push(t('reports.sections.signposting'), [expand(s.signposting)]);
  const model: DocumentModel = {
    title: t(`reports.kinds.${facts.kind}`),
    language: facts.language === 'cy' ? 'cy' : 'en',
    metadata,
    sections: out,
    closing: [facts.authorName, facts.authorRole, m.formatDate(facts.datedOn)],
  };
  return model;
}
