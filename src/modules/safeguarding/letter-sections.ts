/**
 * The safeguarding letter's sections and the rules for when it is ready to go to the
 * court (DOMAIN §3.1 step 6). Pure: no database, no clock; the service and the pages use
 * these so the rules are tested once.
 */

/** The court's list of recommendations after the first hearing. */
export const RECOMMENDATIONS = [
  'no-further-involvement',
  'section-7-cafcass',
  'section-7-local-authority',
  'section-37',
  'rule-16-4',
  'services',
] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export function isRecommendation(value: unknown): value is Recommendation {
  return typeof value === 'string' && (RECOMMENDATIONS as readonly string[]).includes(value);
}

/** What the letter's jsonb `sections` holds. */
export interface LetterSections {
  checks?: string;
  interviews?: string;
  riskAnalysis?: string;
  /** Child id → the child's circumstances. */
  children?: Record<string, string>;
  /** Details of the recommendation (required for services: which programme, mediation …). */
  recommendationDetails?: string;
  /** Which local services or family information service the parties were told about. */
  signposting?: string;
  /** Words the author accepted as spelt correctly ("ignore this word"). */
  ignoredWords?: string[];
  /** For an update letter: the checks it reports on. */
  coversCheckIds?: string[];
}

export const TEXT_SECTIONS = ['checks', 'interviews', 'riskAnalysis', 'recommendationDetails', 'signposting'] as const;
export type TextSection = (typeof TEXT_SECTIONS)[number];

export const SECTION_MAX_LENGTH = 20000;

export interface LetterDraft {
  kind: 'letter' | 'update';
  sections: LetterSections;
  recommendation: string | null;
  unreturnedChecksStatement: string | null;
}

export interface ReadinessProblem {
  /** The form field (an id on the page). */
  field: string;
  /** Locale key of the message. */
  key: string;
}

const blank = (v: string | null | undefined) => (v ?? '').trim() === '';

/** The form field id of a child's circumstances. */
export const childField = (childId: string) => `child-${childId}`;

/**
 * Is every required part present? Checks, interviews, risk analysis, each child's
 * circumstances, a recommendation from the court's list (with details for services) and
 * the signposting given; and, when a check has not come back, a statement saying so.
 * An update letter reports on checks returned late: it needs the checks section and a
 * recommendation only.
 */
export function letterReadiness(
  draft: LetterDraft,
  facts: { childIds: readonly string[]; unreturnedChecks: number },
): ReadinessProblem[] {
  const s = draft.sections;
  const problems: ReadinessProblem[] = [];
  if (blank(s.checks)) problems.push({ field: 'checks', key: 'letters.errors.checksRequired' });
  if (draft.kind === 'letter') {
    if (blank(s.interviews)) problems.push({ field: 'interviews', key: 'letters.errors.interviewsRequired' });
    if (blank(s.riskAnalysis)) problems.push({ field: 'riskAnalysis', key: 'letters.errors.riskAnalysisRequired' });
    for (const id of facts.childIds) {
      if (blank(s.children?.[id])) problems.push({ field: childField(id), key: 'letters.errors.childRequired' });
    }
  }
  if (!isRecommendation(draft.recommendation)) {
    problems.push({ field: 'recommendation', key: 'letters.errors.recommendationRequired' });
  } else if (draft.recommendation === 'services' && blank(s.recommendationDetails)) {
    problems.push({ field: 'recommendationDetails', key: 'letters.errors.servicesDetailsRequired' });
  }
  if (draft.kind === 'letter' && blank(s.signposting)) {
    problems.push({ field: 'signposting', key: 'letters.errors.signpostingRequired' });
  }
  if (facts.unreturnedChecks > 0 && blank(draft.unreturnedChecksStatement)) {
    problems.push({ field: 'unreturnedChecksStatement', key: 'letters.errors.statementRequired' });
  }
  return problems;
}

/** Each authored field (form field id → text), in the order of the page. */
export function authoredFields(draft: LetterDraft): [string, string][] {
  const s = draft.sections;
  return [
    ['checks', s.checks ?? ''],
    ['unreturnedChecksStatement', draft.unreturnedChecksStatement ?? ''],
    ['interviews', s.interviews ?? ''],
    ['riskAnalysis', s.riskAnalysis ?? ''],
    ...Object.entries(s.children ?? {}).map(([id, text]): [string, string] => [childField(id), text]),
    ['recommendationDetails', s.recommendationDetails ?? ''],
    ['signposting', s.signposting ?? ''],
  ];
}

/** All the text the author wrote, for the spell-check. */
export function authoredText(draft: LetterDraft): string {
  const s = draft.sections;
  return [
    ...TEXT_SECTIONS.map((k) => s[k] ?? ''),
    ...Object.values(s.children ?? {}),
    draft.unreturnedChecksStatement ?? '',
  ].join('\n\n');
}

export interface CheckFact {
  kind: string;
  subject: string;
  requestedOn: string;
  dueOn: string;
  returnedOn: string | null;
  outcome: string | null;
}

export interface InterviewFact {
  partyName: string;
  heldOn: string;
  method: string;
  summary: string;
}

type Labels = {
  t: (key: string, params?: Record<string, string | number>) => string;
  formatDate: (d: string) => string;
};

/**
 * The generated first version of the checks section: which checks were asked for, when,
 * whether they came back and with what outcome. Outcome labels only, never the content of
 * a check (which may hold addresses or other details the court must not be sent here).
 */
export function checksSummary(m: Labels, checks: readonly CheckFact[]): string {
  if (checks.length === 0) return m.t('letters.generated.noChecks');
  return checks
    .map((c) => {
      const what = m.t(`letters.generated.checkKinds.${c.kind === 'police' ? 'police' : 'localAuthority'}`, {
        subject: c.subject,
      });
      const requested = m.t('letters.generated.requested', { date: m.formatDate(c.requestedOn) });
      const result = c.returnedOn
        ? m.t('letters.generated.returned', {
            date: m.formatDate(c.returnedOn),
            outcome: m.t(`letters.outcomes.${c.outcome ?? 'unknown'}`),
          })
        : m.t('letters.generated.notReturned', { date: m.formatDate(c.dueOn) });
      return `${what}: ${requested}; ${result}`;
    })
    .join('\n');
}

export function interviewsSummary(m: Labels, interviews: readonly InterviewFact[]): string {
  if (interviews.length === 0) return m.t('letters.generated.noInterviews');
  return interviews
    .map(
      (i) =>
        `${m.t('letters.generated.interview', {
          name: i.partyName,
          date: m.formatDate(i.heldOn),
          method: m.t(`letters.methods.${['telephone', 'video', 'in-person'].includes(i.method) ? i.method : 'other'}`),
        })}\n${i.summary.trim()}`,
    )
    .join('\n\n');
}
