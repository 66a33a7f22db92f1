import type { Messages } from '../../../platform/i18n/i18n.ts';
import type { CourtOption } from './draft-store.ts';
import { type DraftData, STEPS, type Step } from './types.ts';

/**
 * What is still missing or contradictory in a draft, page by page: check answers shows
 * these, and a draft with any cannot be submitted.
 */
export interface DraftProblem {
  step: Step;
  key: string;
  params?: Record<string, string>;
}

export function draftProblems(data: DraftData): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (!data.court) problems.push({ step: 'court', key: 'intake.problems.court' });
  if (!data.orders?.length) problems.push({ step: 'orders', key: 'intake.problems.orders' });
  const children = data.children ?? [];
  const adults = data.adults ?? [];
  if (children.length === 0) problems.push({ step: 'children', key: 'intake.problems.children' });
  if (!adults.some((a) => a.role === 'applicant')) problems.push({ step: 'adults', key: 'intake.problems.applicant' });
  if (!adults.some((a) => a.role === 'respondent'))
    problems.push({ step: 'adults', key: 'intake.problems.respondent' });
  const rel = data.relationships ?? {};
  if (adults.length > 0 && children.length > 0) {
    const unanswered = adults.some((a) => children.some((c) => !rel[a.id]?.[c.id]));
    if (unanswered) problems.push({ step: 'relationships', key: 'intake.problems.relationships' });
    for (const c of children) {
      if (!adults.some((a) => (rel[a.id]?.[c.id] ?? 'none') !== 'none') && !unanswered) {
        problems.push({
          step: 'relationships',
          key: 'intake.problems.childWithoutAdult',
          params: { name: `${c.givenNames} ${c.familyName}` },
        });
      }
    }
  }
  if (!data.allegations) problems.push({ step: 'allegations', key: 'intake.problems.allegations' });
  if (!data.language) problems.push({ step: 'language', key: 'intake.problems.language' });
  return problems;
}

/** The first page with something missing, or null when the draft is complete. */
export function firstIncompleteStep(data: DraftData): Step | null {
  const steps = new Set(draftProblems(data).map((p) => p.step));
  return STEPS.find((s) => steps.has(s)) ?? null;
}

export interface SummaryRow {
  key: string;
  /** Lines of the answer (each printed on its own line, escaped). */
  lines: string[];
  href: string;
  visuallyHidden: string;
}

export interface SummarySection {
  title: string;
  rows: SummaryRow[];
  /** Summary cards for people, each with their own change link. */
  cards?: { title: string; href: string; rows: SummaryRow[] }[];
}

/** The check-your-answers page's summary lists, each row with a Change link back to its page. */
export function checkAnswersSections(
  m: Messages,
  draftId: string,
  data: DraftData,
  refs: { courts: CourtOption[]; areas: { id: string; name: string; nameCy: string }[] },
): SummarySection[] {
  const { t } = m;
  const base = `/intake/drafts/${draftId}`;
  const notAnswered = [t('intake.check.notAnswered')];
  const date = (d: string | null | undefined, empty = 'intake.check.notGiven') => (d ? m.formatDate(d) : t(empty));
  const row = (key: string, lines: string[], href: string): SummaryRow => ({
    key,
    lines: lines.length ? lines : notAnswered,
    href: `${href}${href.includes('?') ? '&' : '?'}change=1`,
    visuallyHidden: key.toLowerCase(),
  });
  const c = data.court;
  const court = c ? refs.courts.find((x) => x.id === c.courtId) : undefined;
  const courtName = court ? (m.language === 'cy' && court.nameCy ? court.nameCy : court.name) : '';
  const areaId = c?.areaId ?? court?.areaId ?? null;
  const area = refs.areas.find((a) => a.id === areaId);
  const sections: SummarySection[] = [
    {
      title: t('intake.court.heading'),
      rows: [
        row(t('intake.court.court'), c ? [courtName] : [], `${base}/court`),
        row(t('intake.court.area'), c && area ? [m.language === 'cy' ? area.nameCy : area.name] : [], `${base}/court`),
        row(t('intake.court.receivedOn'), c ? [date(c.receivedOn)] : [], `${base}/court`),
        row(t('intake.court.firstHearingOn'), c ? [date(c.firstHearingOn)] : [], `${base}/court`),
        row(
          t('intake.court.letterDueOn'),
          c ? [date(c.letterDueOn, 'intake.check.notSetByCourt')] : [],
          `${base}/court`,
        ),
      ],
    },
    {
      title: t('intake.orders.heading'),
      rows: [
        row(
          t('intake.orders.summaryKey'),
          (data.orders ?? []).map((o) => t(`intake.orders.kinds.${o}`)),
          `${base}/orders`,
        ),
      ],
    },
  ];
  const children = data.children ?? [];
  sections.push({
    title: t('intake.children.heading'),
    rows: children.length ? [] : [row(t('intake.children.heading'), [], `${base}/children`)],
    cards: children.map((ch) => ({
      title: `${ch.givenNames} ${ch.familyName}`,
      href: `${base}/children/${ch.id}?change=1`,
      rows: [
        row(t('intake.child.name'), [`${ch.givenNames} ${ch.familyName}`], `${base}/children/${ch.id}`),
        row(t('intake.child.dateOfBirth'), [date(ch.dateOfBirth)], `${base}/children/${ch.id}`),
        row(t('intake.child.gender'), [t(`gender.${ch.gender}`)], `${base}/children/${ch.id}`),
      ],
    })),
  });
  const adults = data.adults ?? [];
  const rel = data.relationships ?? {};
  sections.push({
    title: t('intake.adults.heading'),
    rows: adults.length ? [] : [row(t('intake.adults.heading'), [], `${base}/adults`)],
    cards: adults.map((a) => {
      const href = `${base}/adults/${a.id}`;
      const contact = [[...a.addressLines, a.postcode].filter(Boolean).join(', '), a.phone, a.email].filter(Boolean);
      return {
        title: `${a.givenNames} ${a.familyName} (${t(`partyRole.${a.role}`)})`,
        href: `${href}?change=1`,
        rows: [
          row(t('intake.adult.role'), [t(`partyRole.${a.role}`)], href),
          row(t('intake.adult.name'), [`${a.givenNames} ${a.familyName}`], href),
          row(t('intake.adult.dateOfBirth'), [date(a.dateOfBirth, 'common.notKnown')], href),
          row(t('intake.adult.contact'), contact.length ? contact : [t('intake.check.notGiven')], href),
          row(
            t('intake.adult.confidentialKey'),
            [
              a.confidential ? t('intake.check.yes') : t('intake.check.no'),
              ...(a.refuge ? [t('intake.adult.livesInRefuge')] : []),
            ],
            href,
          ),
          row(t('intake.adult.languagePreference'), [t(`languages.${a.languagePreference}`)], href),
          row(t('intake.adult.interpreterLanguage'), [a.interpreterLanguage ?? t('intake.check.none')], href),
          row(
            t('intake.relationships.summaryKey'),
            children.map((ch) => {
              const r = rel[a.id]?.[ch.id];
              if (!r) return t('intake.relationships.notAnswered', { child: ch.givenNames });
              return r === 'none'
                ? t('intake.relationships.notRelated', { child: ch.givenNames })
                : t('relationship.toChild', { relationship: t(`relationship.kinds.${r}`), child: ch.givenNames });
            }),
            `${base}/relationships`,
          ),
        ],
      };
    }),
  });
  const al = data.allegations;
  sections.push({
    title: t('intake.allegations.heading'),
    rows: [
      row(
        t('intake.allegations.summaryKey'),
        al
          ? al.kinds.length
            ? al.kinds.map((k) => t(`intake.allegations.kinds.${k}`))
            : [t('intake.allegations.none')]
          : [],
        `${base}/allegations`,
      ),
      row(t('intake.allegations.detail'), al ? [al.detail || t('intake.check.notGiven')] : [], `${base}/allegations`),
    ],
  });
  sections.push({
    title: t('intake.language.heading'),
    rows: [
      row(t('intake.language.summaryKey'), data.language ? [t(`languages.${data.language}`)] : [], `${base}/language`),
    ],
  });
  return sections;
}
