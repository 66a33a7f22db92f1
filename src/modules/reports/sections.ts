/**
 * The sections of a report to the court and its citation tokens. Pure: no database, no
 * clock; the service, the pages, the document and the readiness rules share these.
 */
import { PRL_ORDER_TYPES } from '../safeguarding/service.ts';

export const REPORT_KINDS = ['section-7', 'addendum', 'rule-16-4'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export function isReportKind(value: unknown): value is ReportKind {
  return typeof value === 'string' && (REPORT_KINDS as readonly string[]).includes(value);
}

/** The court direction type (court_direction.report_type) each kind of report answers. */
export const DIRECTION_TYPE_OF: Record<ReportKind, string> = {
  'section-7': 'section-7',
  addendum: 's7-addendum',
  'rule-16-4': 'rule-16-4',
};

/** Orders a recommendation may name: the HMCTS private-law order types (C43, C43A, C45A, FL404A, other). */
export const RECOMMENDED_ORDERS = PRL_ORDER_TYPES;

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'filed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Statuses in which the author may change the report. */
export const EDITABLE_STATUSES: readonly string[] = ['draft', 'returned'];

/** What a report's jsonb `sections` holds. Per-child sections are keyed by case_child id. */
export interface ReportSections {
  background?: string;
  /** The child's wishes and feelings, quoting their own words. */
  wishes?: Record<string, string>;
  /** Why the child's own words are not quoted (for example a baby). */
  wordsReason?: Record<string, string>;
  /** The child's circumstances and needs. */
  needs?: Record<string, string>;
  /** Analysis against the welfare checklist (s1(3) Children Act 1989). */
  welfare?: string;
  /** The child's diversity and identity: what is relevant, or why nothing is. */
  diversity?: Record<string, string>;
  diversityRelevant?: Record<string, string>;
  risk?: string;
  analysis?: string;
  recommendation?: string;
  /** HMCTS order types the recommendation asks the court to make. */
  orders?: string[];
  signposting?: string;
  /** Words the author accepted as spelt correctly. */
  ignoredWords?: string[];
}

export const SECTION_MAX_LENGTH = 20000;

/** The single (not per-child) text sections, in the order of the report. */
export const TEXT_SECTIONS = ['background', 'welfare', 'risk', 'analysis', 'recommendation', 'signposting'] as const;
export type TextSection = (typeof TEXT_SECTIONS)[number];

/** The per-child text sections. */
export const CHILD_SECTIONS = ['wishes', 'wordsReason', 'needs', 'diversity'] as const;
export type ChildSection = (typeof CHILD_SECTIONS)[number];

/** The form field (and page anchor) of a child's section. */
export const childField = (section: ChildSection | 'diversityRelevant', childId: string) => `${section}-${childId}`;

export const blank = (v: string | null | undefined) => (v ?? '').trim() === '';

// ---------------------------------------------------------------------------------------
// Citation tokens: [[contact:<contact log entry id>]] and [[words:<direct-work session id>]]

export type CitationKind = 'contact' | 'words';
/** The two kinds of citation, named (so no `kind:` literal reads as a timeline kind to the titles test). */
export const CONTACT_CITATION: CitationKind = 'contact';
export const WORDS_CITATION: CitationKind = 'words';

/** A piece of evidence a report can quote. */
export interface Citable {
  kind: CitationKind;
  id: string;
  /** What is quoted: what was said (contact log) or the child's own words (session). */
  quote: string;
  /** The date of the contact or session (YYYY-MM-DD). */
  on: string;
  /** The page of the record. */
  href: string;
  /** For a contact: its kind (visit, call …) and who was seen. */
  contactKind?: string;
  withWhom?: string[];
  /** For the child's own words: whose they are. */
  childId?: string;
  childName?: string;
}

export type CitationIndex = ReadonlyMap<string, Citable>;

export const tokenOf = (kind: CitationKind, id: string) => `[[${kind}:${id}]]`;

/** Anything written as a token: [[…]] (a well-formed one names a kind and a UUID). */
const ANY_TOKEN = /\[\[([^[\]\n]{0,100})\]\]/g;
const WELL_FORMED = /^(contact|words):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export type Part =
  | { type: 'text'; text: string }
  | { type: 'quote'; citable: Citable }
  | { type: 'unresolved'; raw: string };

/** Split a section's text into plain text, resolved quotations and tokens that resolve to nothing. */
export function resolveCitations(text: string, index: CitationIndex): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(ANY_TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ type: 'text', text: text.slice(last, at) });
    const wf = WELL_FORMED.exec(m[1]!.trim());
    const citable = wf ? index.get(`${wf[1]!.toLowerCase()}:${wf[2]!.toLowerCase()}`) : undefined;
    parts.push(citable ? { type: 'quote', citable } : { type: 'unresolved', raw: m[0] });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push({ type: 'text', text: text.slice(last) });
  return parts;
}

/** The tokens of a text that resolve to nothing (a typing error, a record of another case, a draft entry). */
export function unresolvedTokens(text: string, index: CitationIndex): string[] {
  return resolveCitations(text, index)
    .filter((p): p is Extract<Part, { type: 'unresolved' }> => p.type === 'unresolved')
    .map((p) => p.raw);
}

/** The evidence a text quotes. */
export function citedEvidence(text: string, index: CitationIndex): Citable[] {
  return resolveCitations(text, index)
    .filter((p): p is Extract<Part, { type: 'quote' }> => p.type === 'quote')
    .map((p) => p.citable);
}

/** The text without its tokens: what the author wrote (for the spell-check). */
export function withoutTokens(text: string): string {
  return text.replace(ANY_TOKEN, ' ');
}

/** The text with every resolved token written out by `quote` (for the document and the confidential scan). */
export function expandCitations(text: string, index: CitationIndex, quote: (c: Citable) => string): string {
  return resolveCitations(text, index)
    .map((p) => (p.type === 'text' ? p.text : p.type === 'quote' ? quote(p.citable) : p.raw))
    .join('');
}

export interface ChildFacts {
  id: string;
  name: string;
}

/** Each authored field (form field id → text), in the order of the page. */
export function authoredFields(sections: ReportSections, children: readonly ChildFacts[]): [string, string][] {
  const s = sections;
  const out: [string, string][] = [['background', s.background ?? '']];
  for (const c of children) {
    out.push([childField('wishes', c.id), s.wishes?.[c.id] ?? '']);
    out.push([childField('wordsReason', c.id), s.wordsReason?.[c.id] ?? '']);
    out.push([childField('needs', c.id), s.needs?.[c.id] ?? '']);
  }
  out.push(['welfare', s.welfare ?? '']);
  for (const c of children) out.push([childField('diversity', c.id), s.diversity?.[c.id] ?? '']);
  out.push(['risk', s.risk ?? ''], ['analysis', s.analysis ?? ''], ['recommendation', s.recommendation ?? '']);
  out.push(['signposting', s.signposting ?? '']);
  return out;
}
