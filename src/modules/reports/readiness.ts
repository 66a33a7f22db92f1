/**
 * Is a report ready to go to a manager (or to the court)? The checklist of issue item 6,
 * as a pure function over the draft and plain facts, so the rules are tested once and the
 * page, the submission and the filing all use them.
 */
import { type ConfidentialValue, findConfidentialValues } from '../../platform/documents/confidential-scan.ts';
import { type Misspelling, spellCheck } from '../../platform/documents/spellcheck.ts';
import {
  authoredFields,
  blank,
  type Citable,
  type CitationIndex,
  childField,
  citedEvidence,
  expandCitations,
  type ReportSections,
  unresolvedTokens,
  withoutTokens,
} from './sections.ts';

export const READINESS_RULES = [
  'seen',
  'own-words',
  'siblings',
  'diversity',
  'sections',
  'recommendation',
  'spelling',
  'citations',
  'confidential',
] as const;
export type ReadinessRule = (typeof READINESS_RULES)[number];

export interface ReadinessChild {
  id: string;
  /** Full name, as on the case. */
  name: string;
  givenNames: string;
  /** From the direct work: was the child seen, and if not, why not. */
  seen: boolean;
  notSeenReason: string | null;
}

export interface ReadinessFacts {
  /** Where the direct work is recorded (the fix for a child not seen). */
  directWorkHref: string;
  children: readonly ReadinessChild[];
  citations: CitationIndex;
  language: 'en' | 'cy';
  /** Words never flagged: the names of the people in the case and the author. */
  nameWords: readonly string[];
  /** Every confidential contact value of the case. */
  confidential: readonly ConfidentialValue[];
}

export interface ReadinessProblem {
  rule: ReadinessRule;
  /** The form field (an id on the report page) the problem belongs to. */
  field: string;
  /** Where to fix it: an anchor on the report page, or another page. */
  href: string;
  /** Locale key of the message, and its parameters. */
  key: string;
  params: Record<string, string>;
}

export interface Readiness {
  ready: boolean;
  rules: { rule: ReadinessRule; ok: boolean; problems: ReadinessProblem[] }[];
  problems: ReadinessProblem[];
  misspellings: Misspelling[];
}

const K = 'reports.readiness.problems.';

/**
 * How sibling sections are compared: lower case, citation tokens removed, each child's
 * names replaced by one placeholder, and everything but letters and digits collapsed. So
 * "Anna wants to see her dad." and "Ben wants to see her dad" are the same section.
 */
export function normaliseForComparison(text: string, children: readonly Pick<ReadinessChild, 'name' | 'givenNames'>[]) {
  let t = withoutTokens(text).normalize('NFC').toLowerCase();
  const names = children
    .flatMap((c) => [c.name, ...c.givenNames.split(/\s+/), ...c.name.split(/\s+/)])
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n.length > 1)
    .sort((a, b) => b.length - a.length);
  for (const n of names) t = t.split(n).join(' child ');
  return t
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** Words that refer to the children together, in English and Welsh. */
const ALL_CHILDREN = [
  'the children',
  'both children',
  'all the children',
  'all three children',
  'each child',
  'each of the children',
  'y plant',
  'y ddau blentyn',
  'y tri phlentyn',
  'pob plentyn',
  'pob un o’r plant',
  "pob un o'r plant",
];
const ONE_CHILD = ['the child', 'y plentyn'];

const has = (text: string, phrase: string) =>
  new RegExp(`(^|[^\\p{L}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'iu').test(text);

/**
 * Does the recommendation name each child? The rule: every subject child is named (any of
 * their given names or their full name, whole words, any case), or the recommendation
 * refers to them together ("the children", "both children", "y plant" …; for one child
 * "the child" or "y plentyn"). With the analysis present, that is what "the
 * recommendation follows the analysis" is taken to mean: the analysis is written, and the
 * recommendation says what is asked for each of the children it analysed.
 */
export function recommendationNamesChildren(recommendation: string, children: readonly ReadinessChild[]): boolean {
  if (children.length === 0) return true;
  const together = children.length === 1 ? ONE_CHILD : ALL_CHILDREN;
  if (together.some((p) => has(recommendation, p))) return true;
  return children.every((c) =>
    [c.name, ...c.givenNames.split(/\s+/)].some((n) => n.length > 1 && has(recommendation, n)),
  );
}

/** How a quotation reads in the text that is scanned for confidential values (and in the document). */
export const quoteForScan = (c: Citable) => ` “${c.quote}” `;

export function reportReadiness(sections: ReportSections, facts: ReadinessFacts): Readiness {
  const s = sections;
  const problems: ReadinessProblem[] = [];
  const add = (rule: ReadinessRule, field: string, key: string, params: Record<string, string> = {}, href?: string) =>
    problems.push({ rule, field, key: `${K}${key}`, params, href: href ?? `#${field}` });

  // Every subject child seen, or the reason they were not recorded with the direct work.
  for (const c of facts.children) {
    if (!c.seen && blank(c.notSeenReason))
      add('seen', `seen-${c.id}`, 'notSeen', { name: c.name }, facts.directWorkHref);
  }
  // Each child's own words quoted in their wishes and feelings, or a reason why not.
  for (const c of facts.children) {
    const wishes = s.wishes?.[c.id] ?? '';
    const own = citedEvidence(wishes, facts.citations).some((e) => e.kind === 'words' && e.childId === c.id);
    if (!own && blank(s.wordsReason?.[c.id]))
      add('own-words', childField('wishes', c.id), 'ownWords', { name: c.name });
  }
  // Each child addressed individually: their sections present, and not the same as a sibling's.
  for (const section of ['wishes', 'needs'] as const) {
    const seen = new Map<string, string>();
    for (const c of facts.children) {
      const text = s[section]?.[c.id] ?? '';
      const field = childField(section, c.id);
      if (blank(text)) {
        add('siblings', field, `${section}Required`, { name: c.name });
        continue;
      }
      const key = normaliseForComparison(text, facts.children);
      const twin = seen.get(key);
      if (twin !== undefined) add('siblings', field, `${section}Identical`, { name: c.name, other: twin });
      else seen.set(key, c.name);
    }
  }
  // A diversity statement per child that says whether anything is relevant, and what or why not.
  for (const c of facts.children) {
    const relevant = s.diversityRelevant?.[c.id];
    if (relevant !== 'yes' && relevant !== 'no') {
      add('diversity', childField('diversityRelevant', c.id), 'diversityRelevance', { name: c.name });
    } else if (blank(s.diversity?.[c.id])) {
      add('diversity', childField('diversity', c.id), relevant === 'yes' ? 'diversityWhat' : 'diversityWhy', {
        name: c.name,
      });
    }
  }
  for (const key of ['background', 'welfare', 'risk'] as const) {
    if (blank(s[key])) add('sections', key, `${key}Required`);
  }
  // The recommendation follows the analysis (see recommendationNamesChildren).
  if (blank(s.analysis)) add('recommendation', 'analysis', 'analysisRequired');
  if (blank(s.recommendation)) add('recommendation', 'recommendation', 'recommendationRequired');
  else if (!recommendationNamesChildren(s.recommendation!, facts.children)) {
    add('recommendation', 'recommendation', 'recommendationNamesChildren');
  }

  const children = facts.children.map((c) => ({ id: c.id, name: c.name }));
  const fields = authoredFields(s, children);
  const misspellings = spellCheck(fields.map(([, text]) => withoutTokens(text)).join('\n\n'), facts.language, {
    ignore: [...(s.ignoredWords ?? []), ...facts.nameWords],
  });
  misspellings.forEach((w, i) => {
    add('spelling', `spelling-${i}`, 'spelling', { word: w.word });
  });
  for (const [field, text] of fields) {
    for (const raw of unresolvedTokens(text, facts.citations)) add('citations', field, 'unresolved', { token: raw });
  }
  for (const [field, text] of fields) {
    const expanded = expandCitations(text, facts.citations, quoteForScan);
    const hits = findConfidentialValues(expanded, facts.confidential);
    if (hits.length > 0) add('confidential', field, `confidential-${hits[0]!.kind}`);
  }

  const rules = READINESS_RULES.map((rule) => {
    const own = problems.filter((p) => p.rule === rule);
    return { rule, ok: own.length === 0, problems: own };
  });
  return { ready: problems.length === 0, rules, problems, misspellings };
}
