import type { Messages } from '../../platform/i18n/i18n.ts';
import { Confidential } from '../../platform/views/confidential.ts';
import {
  ACCESS_LOG_PAGE_SIZE,
  type AccessLogRow,
  CASELOAD_PAGE_SIZE,
  type CaseloadQuery,
  type CaseloadRow,
  type CaseSummary,
  type ChildRow,
  type ContactRow,
  type OtherCaseRow,
  type PartyRow,
  type RelationshipRow,
  type TimelineRow,
} from './queries.ts';

/** Age in whole years on a date (both YYYY-MM-DD), for display beside a date of birth. */
export function ageOn(dateOfBirth: string | null, on: string): number | null {
  if (!dateOfBirth) return null;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** Numbered pagination items in the GOV.UK pagination component's shape. */
export function paginationItems(page: number, total: number, pageSize: number, href: (page: number) => string) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const wanted = new Set([1, pages, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pages));
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  let last = 0;
  for (const p of [...wanted].sort((a, b) => a - b)) {
    if (p - last > 1) items.push({ ellipsis: true });
    items.push({ number: p, href: href(p), current: p === page });
    last = p;
  }
  return {
    pages,
    items: pages > 1 ? items : [],
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
  };
}

export function caseloadQueryString(q: CaseloadQuery, overrides: Partial<CaseloadQuery> = {}): string {
  const merged = { ...q, ...overrides };
  const params = new URLSearchParams();
  params.set('scope', merged.scope);
  if (merged.law) params.set('law', merged.law);
  if (merged.status) params.set('status', merged.status);
  if (merged.reference) params.set('reference', merged.reference);
  params.set('sort', merged.sort);
  params.set('order', merged.order);
  if (merged.page > 1) params.set('page', String(merged.page));
  return `?${params.toString()}`;
}

export function caseloadViewModel(m: Messages, query: CaseloadQuery, result: { rows: CaseloadRow[]; total: number }) {
  const { t } = m;
  const sortHeader = (key: CaseloadQuery['sort'], label: string) => {
    const active = query.sort === key;
    const nextOrder = active && query.order === 'desc' ? 'asc' : 'desc';
    return {
      label,
      href: `/caseload${caseloadQueryString(query, { sort: key, order: active ? nextOrder : key === 'reference' ? 'asc' : 'desc', page: 1 })}`,
      ariaSort: active ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none',
    };
  };
  const from = result.total === 0 ? 0 : (query.page - 1) * CASELOAD_PAGE_SIZE + 1;
  const to = Math.min(result.total, query.page * CASELOAD_PAGE_SIZE);
  return {
    pageTitle: t('caseload.title'),
    query,
    total: result.total,
    showing: t('caseload.showing', { from, to, total: result.total }),
    headers: {
      reference: sortHeader('reference', t('caseload.columns.reference')),
      received: sortHeader('received', t('caseload.columns.received')),
      firstHearing: sortHeader('first-hearing', t('caseload.columns.firstHearing')),
    },
    rows: result.rows.map((r) => ({
      href: `/cases/${r.id}`,
      reference: r.reference,
      children: r.childNames.join(', '),
      law: t(`law.${r.law}`),
      status: t(`status.${r.status}`),
      received: m.formatDate(r.receivedOn, 'short'),
      firstHearing: r.firstHearingOn ? m.formatDate(r.firstHearingOn, 'short') : t('common.notSet'),
      allocatedTo: r.allocatedTo ?? t('caseload.unallocated'),
      restricted: r.restricted,
    })),
    lawOptions: [
      { value: '', text: t('caseload.filters.anyLaw'), selected: !query.law },
      ...(['private', 'public', 'adoption'] as const).map((l) => ({
        value: l,
        text: t(`law.${l}`),
        selected: query.law === l,
      })),
    ],
    pagination: paginationItems(
      query.page,
      result.total,
      CASELOAD_PAGE_SIZE,
      (p) => `/caseload${caseloadQueryString(query, { page: p })}`,
    ),
  };
}

function courtName(m: Messages, s: CaseSummary): string {
  if (!s.courtName) return m.t('common.notSet');
  return m.language === 'cy' && s.courtNameCy ? s.courtNameCy : s.courtName;
}

/**
 * The title of a timeline event. Kinds of the case core are `timeline.kinds.<kind>`; a
 * module's kinds are written `<area>.<what>` (e.g. `screening.recorded`) and their titles
 * live in that area's own locale file, as `<area>.timelineKinds.<what>`.
 */
export function timelineTitle(m: Messages, kind: string): string {
  const core = `timeline.kinds.${kind}`;
  if (m.has(core)) return m.t(core);
  const dot = kind.indexOf('.');
  return dot > 0 ? m.t(`${kind.slice(0, dot)}.timelineKinds.${kind.slice(dot + 1)}`) : m.t(core);
}

function timelineItem(m: Messages, e: TimelineRow) {
  return {
    id: e.id,
    title: timelineTitle(m, e.kind),
    datetime: new Date(e.occurredAt).toISOString(),
    date: m.formatDateTime(e.occurredAt),
    byline: e.actorName,
    body: e.body,
    childName: e.childName,
  };
}

export function caseHeader(m: Messages, s: CaseSummary) {
  return {
    reference: s.reference,
    law: m.t(`law.${s.law}`),
    status: m.t(`status.${s.status}`),
    restricted: s.restricted,
  };
}

/** The sections of a case's sub-navigation, in the order of the child's journey. */
export const CASE_SECTIONS = [
  'overview',
  'safeguarding',
  'allocation',
  'plan',
  'direct-work',
  'reports',
  'court',
  'closing',
  'previous-proceedings',
  'access-log',
] as const;
export type CaseSection = (typeof CASE_SECTIONS)[number] | 'details';

/** Where each section lives (the overview is the case itself; the details page belongs to it). */
const SECTION_PATHS: Record<(typeof CASE_SECTIONS)[number], string> = {
  overview: '',
  safeguarding: '/safeguarding',
  allocation: '/allocation',
  plan: '/plan',
  'direct-work': '/direct-work',
  reports: '/reports',
  court: '/court',
  closing: '/closing',
  'previous-proceedings': '/previous-proceedings',
  'access-log': '/access-log',
};

/** Locale keys of the section names (caseNav.<key>). */
const SECTION_KEYS: Record<(typeof CASE_SECTIONS)[number], string> = {
  overview: 'overview',
  safeguarding: 'safeguarding',
  allocation: 'allocation',
  plan: 'plan',
  'direct-work': 'directWork',
  reports: 'reports',
  court: 'court',
  closing: 'closing',
  'previous-proceedings': 'previousProceedings',
  'access-log': 'accessLog',
};

export function caseSubNavigation(m: Messages, caseId: string, current: CaseSection, showAccessLog: boolean) {
  const active = current === 'details' ? 'overview' : current;
  return CASE_SECTIONS.filter((section) => section !== 'access-log' || showAccessLog).map((section) => ({
    text: m.t(`caseNav.${SECTION_KEYS[section]}`),
    href: `/cases/${caseId}${SECTION_PATHS[section]}`,
    active: section === active && current !== 'details',
  }));
}

export function caseOverviewViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    children: ChildRow[];
    parties: PartyRow[];
    relationships: RelationshipRow[];
    timeline: { rows: TimelineRow[]; next: { occurredAt: string; id: number } | null };
    today: string;
    canEdit: boolean;
    canSeeAccessLog: boolean;
    /** The policy allows moving the case to another area (`case:transfer`). */
    canTransfer?: boolean;
    formToken: string;
    noteValue?: string;
  },
) {
  const { t } = m;
  const s = data.summary;
  const childName = new Map(data.children.map((c) => [c.id, c.givenNames]));
  return {
    pageTitle: t('case.title', { reference: s.reference }),
    caseId: s.id,
    header: caseHeader(m, s),
    subNavigation: caseSubNavigation(m, s.id, 'overview', data.canSeeAccessLog),
    summaryRows: [
      { key: t('case.fields.reference'), value: s.reference },
      { key: t('case.fields.law'), value: t(`law.${s.law}`) },
      { key: t('case.fields.applicationType'), value: t(`applicationType.${s.applicationType}`) },
      { key: t('case.fields.status'), value: t(`status.${s.status}`) },
      { key: t('case.fields.received'), value: m.formatDate(s.receivedOn) },
      {
        key: t('case.fields.firstHearing'),
        value: s.firstHearingOn ? m.formatDate(s.firstHearingOn) : t('common.notSet'),
      },
      { key: t('case.fields.court'), value: courtName(m, s) },
      { key: t('case.fields.localAuthority'), value: s.localAuthorityName ?? t('common.notSet') },
      { key: t('case.fields.area'), value: m.language === 'cy' ? s.areaNameCy : s.areaName },
      { key: t('case.fields.team'), value: (m.language === 'cy' ? s.teamNameCy : s.teamName) ?? t('common.notSet') },
      { key: t('case.fields.language'), value: t(`languages.${s.language}`) },
      {
        key: t('case.fields.allocatedTo'),
        value: s.allocations.length
          ? s.allocations.map((a) => `${a.displayName} (${t(`allocationRole.${a.role}`)})`).join(', ')
          : t('caseload.unallocated'),
      },
    ],
    children: data.children.map((c) => {
      const age = ageOn(c.dateOfBirth, data.today);
      return {
        href: `/cases/${s.id}/children/${c.id}`,
        name: `${c.givenNames} ${c.familyName}`,
        dateOfBirth: c.dateOfBirth ? m.formatDate(c.dateOfBirth) : t('common.notKnown'),
        age: age === null ? '' : t('common.age', { age }),
      };
    }),
    parties: data.parties.map((p) => ({
      href: `/cases/${s.id}/parties/${p.id}`,
      name: `${p.givenNames} ${p.familyName}`,
      role: t(`partyRole.${p.partyRole}`),
      relationships: data.relationships
        .filter((r) => r.partyId === p.id)
        .map((r) =>
          t('relationship.toChild', {
            relationship: t(`relationship.kinds.${r.relationship}`),
            child: childName.get(r.childId) ?? '',
          }),
        )
        .join(', '),
    })),
    timeline: data.timeline.rows.map((e) => timelineItem(m, e)),
    olderTimelineHref: data.timeline.next
      ? `/cases/${s.id}?before=${encodeURIComponent(`${data.timeline.next.occurredAt}~${data.timeline.next.id}`)}#timeline`
      : null,
    canEdit: data.canEdit,
    // A closed case cannot be moved: the link is not offered.
    transferHref: data.canTransfer && s.status !== 'closed' ? `/cases/${s.id}/transfer` : null,
    formToken: data.formToken,
    noteValue: data.noteValue ?? '',
  };
}

export function contactView(c: ContactRow, m: Messages) {
  const text =
    c.kind === 'address' ? [...(c.addressLines ?? []), c.postcode ?? ''].filter(Boolean).join(', ') : (c.value ?? '');
  return {
    kind: m.t(`contact.kinds.${c.kind}`),
    confidential: c.confidential,
    refuge: c.refuge,
    // A confidential value is wrapped so that only the reveal filter can print it.
    value: c.confidential ? new Confidential(text) : text,
  };
}

export function personViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    kind: 'child' | 'party';
    person: {
      givenNames: string;
      familyName: string;
      dateOfBirth: string | null;
      languagePreference: string;
      interpreterLanguage?: string | null;
      role?: string;
      gender?: string | null;
    };
    relationships: { name: string; href: string; relationship: string }[];
    contacts: ContactRow[];
    otherCases: OtherCaseRow[];
    today: string;
    canSeeAccessLog: boolean;
  },
) {
  const { t } = m;
  const p = data.person;
  const age = ageOn(p.dateOfBirth, data.today);
  const name = `${p.givenNames} ${p.familyName}`;
  const rows = [
    { key: t('person.fields.name'), value: name },
    {
      key: t('person.fields.dateOfBirth'),
      value: p.dateOfBirth
        ? `${m.formatDate(p.dateOfBirth)}${age === null ? '' : ` (${t('common.age', { age })})`}`
        : t('common.notKnown'),
    },
  ];
  if (data.kind === 'party' && p.role) rows.push({ key: t('person.fields.role'), value: t(`partyRole.${p.role}`) });
  if (data.kind === 'child')
    rows.push({ key: t('person.fields.gender'), value: p.gender ? t(`gender.${p.gender}`) : t('common.notKnown') });
  rows.push({ key: t('person.fields.language'), value: t(`languages.${p.languagePreference}`) });
  if (data.kind === 'party') {
    rows.push({ key: t('person.fields.interpreter'), value: p.interpreterLanguage ?? t('person.noInterpreter') });
  }
  return {
    pageTitle: name,
    caseId: data.summary.id,
    header: caseHeader(m, data.summary),
    subNavigation: caseSubNavigation(m, data.summary.id, 'overview', data.canSeeAccessLog),
    caption: t(data.kind === 'child' ? 'person.childCaption' : 'person.partyCaption'),
    name,
    rows,
    relationshipsHeading: t(data.kind === 'child' ? 'person.adultsHeading' : 'person.childrenHeading'),
    relationships: data.relationships,
    contacts: data.contacts.map((c) => contactView(c, m)),
    otherCases: data.otherCases.map((c) => ({
      href: `/cases/${c.id}`,
      reference: c.reference,
      law: m.t(`law.${c.law}`),
      received: m.formatDate(c.receivedOn),
      closed: c.closed,
    })),
    backHref: `/cases/${data.summary.id}`,
  };
}

export function accessLogViewModel(
  m: Messages,
  data: { summary: CaseSummary; page: number; result: { rows: AccessLogRow[]; total: number } },
) {
  const { t } = m;
  return {
    pageTitle: t('accessLog.title', { reference: data.summary.reference }),
    caseId: data.summary.id,
    header: caseHeader(m, data.summary),
    subNavigation: caseSubNavigation(m, data.summary.id, 'access-log', true),
    total: data.result.total,
    rows: data.result.rows.map((r) => ({
      when: m.formatDateTime(r.occurredAt),
      who: r.actorName ?? t('accessLog.unknownActor'),
      role: (r.actorRole ?? '')
        .split(',')
        .filter(Boolean)
        .map((role) => t(`roles.${role}`))
        .join(', '),
      action: t(`auditActions.${r.action}`),
      what: r.fieldCategories.length
        ? r.fieldCategories.map((c) => t(`fieldCategories.${c}`)).join(', ')
        : t(`resourceTypes.${r.resourceType}`),
      reason:
        r.reason && r.action === 'emergency-access'
          ? r.reason
          : r.reason && r.action === 'denied'
            ? t('accessLog.deniedReason')
            : '',
      emergency: r.action === 'emergency-access',
    })),
    pagination: paginationItems(
      data.page,
      data.result.total,
      ACCESS_LOG_PAGE_SIZE,
      (p) => `/cases/${data.summary.id}/access-log?page=${p}`,
    ),
  };
}
