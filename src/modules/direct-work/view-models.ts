import type { Messages } from '../../platform/i18n/i18n.ts';
import { type CaseSummary, caseHeader, caseSubNavigation, paginationItems } from '../casework/service.ts';
import type { DirectWorkTool } from '../organisation/service.ts';
import type { DiversityRecord, ImpactRecord } from './analysis.ts';
import { LOCAL_SERVICES_PAGE_SIZE, type LocalServiceRow } from './local-services.ts';
import type { OverviewChild } from './queries.ts';
import {
  ageOn,
  DIVERSITY_ASPECTS,
  missingWelfareHeadings,
  orderServicesForCase,
  SERVICE_KINDS,
  SIGNPOSTING_METHODS,
  seenStatus,
  WELFARE_CHECKLIST,
  welfareParagraph,
} from './rules.ts';
import type { SessionDetail, SessionValues } from './sessions.ts';
import type { SignpostingRow } from './signposting.ts';

type FieldErrors = Record<string, { text: string }>;
export type FormErrors = { errors?: unknown; fieldErrors?: FieldErrors };

const base = (caseId: string) => `/cases/${caseId}/direct-work`;

function caseFrame(m: Messages, summary: CaseSummary, canSeeAccessLog: boolean) {
  return {
    caseId: summary.id,
    header: caseHeader(m, summary),
    subNavigation: caseSubNavigation(m, summary.id, 'direct-work', canSeeAccessLog),
  };
}

function named(m: Messages, name: string, nameCy: string | null | undefined): string {
  return m.language === 'cy' && nameCy ? nameCy : name;
}

function minutesText(m: Messages, minutes: number): string {
  return minutes === 1 ? m.t('directWork.overview.minuteValue') : m.t('directWork.overview.minutesValue', { minutes });
}

/** The seen / seen-alone tags of a child: words, never colour alone. */
export function seenTags(m: Messages, sessions: OverviewChild['sessions']) {
  const status = seenStatus(sessions);
  if (status.none) return { empty: true, text: m.t('directWork.status.notYet'), tags: [], reasons: [] };
  const tags = [
    status.seen
      ? { text: m.t('directWork.status.seen'), classes: 'govuk-tag--green' }
      : { text: m.t('directWork.status.notSeen'), classes: 'govuk-tag--red' },
    status.seenAlone
      ? { text: m.t('directWork.status.seenAlone'), classes: 'govuk-tag--green' }
      : { text: m.t('directWork.status.notSeenAlone'), classes: 'govuk-tag--orange' },
  ];
  const reasons = [
    status.notSeenReason ? m.t('directWork.status.reason', { reason: status.notSeenReason }) : null,
    status.seen && status.notSeenAloneReason
      ? m.t('directWork.status.reason', { reason: status.notSeenAloneReason })
      : null,
  ].filter((r): r is string => r !== null);
  return { empty: false, text: '', tags, reasons };
}

function sessionSeenText(m: Messages, s: { seen: boolean; seenAlone: boolean }): string {
  if (!s.seen) return m.t('directWork.status.notSeen');
  return s.seenAlone ? m.t('directWork.status.seenAlone') : m.t('directWork.status.notSeenAlone');
}

function signpostingRowsView(m: Messages, rows: SignpostingRow[]) {
  return rows.map((r) => ({
    givenOn: m.formatDate(r.givenOn, 'short'),
    service: named(m, r.serviceName, r.serviceNameCy),
    kind: m.t(`directWork.serviceKinds.${r.serviceKind}`),
    recipient: r.recipientName,
    recipientRole:
      r.recipientKind === 'child' ? m.t('directWork.signposting.child') : m.t(`partyRole.${r.recipientRole}`),
    method: m.t(`directWork.methods.${r.method}`),
    note: r.note,
  }));
}

export function overviewViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    children: OverviewChild[];
    signposting: SignpostingRow[];
    today: string;
    canEdit: boolean;
    canSeeAccessLog: boolean;
    notice: string | null;
  },
) {
  const { t } = m;
  const caseId = data.summary.id;
  const noticeKeys = ['session', 'corrected', 'impact', 'diversity', 'signposting'];
  return {
    pageTitle: t('directWork.overview.title', { reference: data.summary.reference }),
    ...caseFrame(m, data.summary, data.canSeeAccessLog),
    notice: data.notice && noticeKeys.includes(data.notice) ? t(`directWork.notices.${data.notice}`) : null,
    canEdit: data.canEdit,
    children: data.children.map((c) => {
      const age = ageOn(c.dateOfBirth, data.today);
      const latest = c.sessions.find((s) => s.seen) ?? null;
      return {
        id: c.id,
        name: c.name,
        anchor: `child-${c.id}`,
        age: age === null ? null : t('directWork.overview.age', { age }),
        born: c.dateOfBirth ? t('directWork.overview.born', { date: m.formatDate(c.dateOfBirth) }) : null,
        status: seenTags(m, c.sessions),
        newSessionHref: `${base(caseId)}/children/${c.id}/sessions/new`,
        recordSessionText: t('directWork.overview.recordSession', { name: c.name }),
        sessions: c.sessions.map((s) => ({
          heldOn: m.formatDate(s.heldOn, 'short'),
          seen: sessionSeenText(m, s),
          place: s.place,
          minutes: s.minutes > 0 ? minutesText(m, s.minutes) : '',
          tools: s.tools.length
            ? s.tools.map((x) => named(m, x.name, x.nameCy)).join(', ')
            : t('directWork.overview.noTools'),
          href: `${base(caseId)}/sessions/${s.id}`,
          linkText: t('directWork.overview.viewSession', { date: m.formatDate(s.heldOn) }),
        })),
        latest: latest
          ? {
              words: latest.ownWords,
              wordsHeading: t('directWork.overview.latestWords', { name: c.name }),
              attribution: t('directWork.session.wordsAttribution', { name: c.name }),
              interpretation: latest.interpretation,
            }
          : null,
        impact: c.impact
          ? {
              saved: t('directWork.overview.impactSaved', {
                date: m.formatDateTime(c.impact.updatedAt),
                name: c.impact.updatedByName ?? '',
              }),
            }
          : null,
        impactHref: `${base(caseId)}/children/${c.id}/impact`,
        impactLinkText: c.impact
          ? t('directWork.overview.impactOpen', { name: c.name })
          : t('directWork.overview.impactWrite', { name: c.name }),
        diversity: c.diversity
          ? {
              relevant: c.diversity.relevant
                ? t('directWork.overview.diversityRelevant')
                : t('directWork.overview.diversityNotRelevant'),
              statement: c.diversity.statement,
            }
          : null,
        diversityHref: `${base(caseId)}/children/${c.id}/diversity`,
        diversityLinkText: c.diversity
          ? t('directWork.overview.diversityOpen', { name: c.name })
          : t('directWork.overview.diversityRecord', { name: c.name }),
      };
    }),
    signposting: signpostingRowsView(m, data.signposting),
    signpostingHref: `${base(caseId)}/signposting`,
  };
}

/** The tools as checkboxes: the active ones, and any retired one already on the record. */
function toolItems(m: Messages, tools: DirectWorkTool[], selected: string[]) {
  return tools
    .filter((x) => x.active || selected.includes(x.code))
    .map((x) => ({
      value: x.code,
      text: `${named(m, x.name, x.nameCy)}${x.active ? '' : ` ${m.t('directWork.session.retired')}`}`,
      hint: x.description ? { text: named(m, x.description, x.descriptionCy) } : undefined,
      checked: selected.includes(x.code),
    }));
}

export function sessionFormViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    child: { id: string; name: string };
    tools: DirectWorkTool[];
    values: SessionValues;
    formToken: string;
    canSeeAccessLog: boolean;
    /** A correction: the session and the version read. */
    correction?: { sessionId: string; version: number } | null;
  } & FormErrors,
) {
  const { t } = m;
  const v = data.values;
  const name = data.child.name;
  const caseId = data.summary.id;
  const correction = data.correction ?? null;
  const fe = data.fieldErrors ?? {};
  const dateClass = (extra: string) => `${extra}${fe.heldOn ? ' govuk-input--error' : ''}`;
  return {
    pageTitle: correction ? t('directWork.session.correctTitle', { name }) : t('directWork.session.newTitle', { name }),
    heading: correction
      ? t('directWork.session.correctHeading', { name })
      : t('directWork.session.newHeading', { name }),
    ...caseFrame(m, data.summary, data.canSeeAccessLog),
    action: correction
      ? `${base(caseId)}/sessions/${correction.sessionId}/correct`
      : `${base(caseId)}/children/${data.child.id}/sessions/new`,
    backHref: correction
      ? `${base(caseId)}/sessions/${correction.sessionId}`
      : `${base(caseId)}#child-${data.child.id}`,
    correction,
    labels: {
      seen: t('directWork.session.seen', { name }),
      notSeenReason: t('directWork.session.notSeenReason', { name }),
      seenAlone: t('directWork.session.seenAlone', { name }),
      notSeenAloneReason: t('directWork.session.notSeenAloneReason', { name }),
      ownWords: t('directWork.session.ownWords', { name }),
    },
    seenItems: [
      { value: 'yes', text: t('directWork.session.seenYes'), checked: v.seen === 'yes', reveal: 'seen-yes' },
      { value: 'no', text: t('directWork.session.seenNo'), checked: v.seen === 'no', reveal: 'seen-no' },
    ],
    seenAloneItems: [
      { value: 'yes', text: t('directWork.session.seenYes'), checked: v.seenAlone === 'yes' },
      { value: 'no', text: t('directWork.session.seenNo'), checked: v.seenAlone === 'no' },
    ],
    dateItems: [
      { name: 'day', label: t('date.day'), classes: dateClass('govuk-input--width-2'), value: v.day },
      { name: 'month', label: t('date.month'), classes: dateClass('govuk-input--width-2'), value: v.month },
      { name: 'year', label: t('date.year'), classes: dateClass('govuk-input--width-4'), value: v.year },
    ],
    toolItems: toolItems(m, data.tools, v.tools),
    values: v,
    formToken: data.formToken,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}

export function sessionViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    session: SessionDetail;
    canEdit: boolean;
    canSeeAccessLog: boolean;
    notice: string | null;
  },
) {
  const { t } = m;
  const s = data.session;
  const name = s.childName;
  const caseId = data.summary.id;
  const corrected = s.revisions.length > 1;
  const rows: { key: string; value: string }[] = [
    { key: t('directWork.overview.heldOn'), value: m.formatDate(s.heldOn) },
    { key: t('directWork.overview.seen'), value: s.seen ? t('directWork.overview.yes') : t('directWork.overview.no') },
  ];
  if (!s.seen && s.notSeenReason)
    rows.push({ key: t('directWork.session.notSeenReason', { name }), value: s.notSeenReason });
  if (s.seen) {
    rows.push({
      key: t('directWork.session.seenAlone', { name }),
      value: s.seenAlone ? t('directWork.overview.yes') : t('directWork.overview.no'),
    });
    if (!s.seenAlone && s.notSeenAloneReason)
      rows.push({ key: t('directWork.session.notSeenAloneReason', { name }), value: s.notSeenAloneReason });
  }
  if (s.place) rows.push({ key: t('directWork.overview.place'), value: s.place });
  if (s.minutes > 0) rows.push({ key: t('directWork.overview.minutes'), value: minutesText(m, s.minutes) });
  rows.push({
    key: t('directWork.overview.tools'),
    value: s.tools.length
      ? s.tools.map((x) => named(m, x.name, x.nameCy)).join(', ')
      : t('directWork.overview.noTools'),
  });
  rows.push({
    key: t('directWork.session.recordedBy'),
    value: t('directWork.session.recordedByValue', {
      date: m.formatDateTime(s.createdAt),
      name: s.createdByName ?? '',
    }),
  });
  if (s.updatedByName)
    rows.push({
      key: t('directWork.session.correctedBy'),
      value: t('directWork.session.recordedByValue', { date: m.formatDateTime(s.updatedAt), name: s.updatedByName }),
    });
  return {
    pageTitle: t('directWork.session.viewTitle', { name }),
    heading: t('directWork.session.viewHeading', { name, date: m.formatDate(s.heldOn) }),
    ...caseFrame(m, data.summary, data.canSeeAccessLog),
    notice: data.notice === 'session' || data.notice === 'corrected' ? t(`directWork.notices.${data.notice}`) : null,
    backHref: `${base(caseId)}#child-${s.childId}`,
    rows: rows.map((r) => ({ key: { text: r.key }, value: { text: r.value, classes: 'app-preserve-lines' } })),
    seen: s.seen,
    words: s.ownWords,
    wordsHeading: t('directWork.session.wordsHeading', { name }),
    attribution: t('directWork.session.wordsAttribution', { name }),
    interpretation: s.interpretation,
    correctHref: data.canEdit ? `${base(caseId)}/sessions/${s.id}/correct` : null,
    history: corrected
      ? s.revisions.map((r) => ({
          title:
            r.revision === s.wordsRevision
              ? t('directWork.session.revisionCurrent', { revision: r.revision })
              : t('directWork.session.revision', { revision: r.revision }),
          words: r.ownWords,
          by: t('directWork.session.revisionBy', {
            date: m.formatDateTime(r.recordedAt),
            name: r.recordedByName ?? '',
          }),
          reason: r.correctionReason ? t('directWork.session.revisionReason', { reason: r.correctionReason }) : null,
        }))
      : [],
  };
}

export type ImpactValues = Record<string, string>;

export function impactValuesOf(record: ImpactRecord | null): ImpactValues {
  const values: ImpactValues = {
    livedExperience: record?.livedExperience ?? '',
    disputeImpact: record?.disputeImpact ?? '',
    riskImpact: record?.riskImpact ?? '',
    timescales: record?.timescales ?? '',
  };
  for (const code of WELFARE_CHECKLIST) values[`welfare-${code}`] = record?.welfare[code] ?? '';
  return values;
}

export function impactViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    child: { id: string; name: string };
    record: ImpactRecord | null;
    values: ImpactValues;
    version: number;
    formToken: string;
    canEdit: boolean;
    canSeeAccessLog: boolean;
  } & FormErrors,
) {
  const { t } = m;
  const name = data.child.name;
  const caseId = data.summary.id;
  const v = data.values;
  const fe = data.fieldErrors ?? {};
  const field = (id: string, label: string, hint?: string) => ({
    id,
    name: id,
    label: { text: label, classes: 'govuk-label--s' },
    hint: hint ? { text: hint } : undefined,
    value: v[id] ?? '',
    rows: 6,
    errorMessage: fe[id],
  });
  const welfareNames = WELFARE_CHECKLIST.map((code) => ({
    code,
    paragraph: t('directWork.welfareParagraph', { letter: welfareParagraph(code) ?? '' }),
    name: t(`directWork.welfare.${code}`),
  }));
  const record = data.record;
  return {
    pageTitle: t('directWork.impact.title', { name }),
    heading: t('directWork.impact.heading', { name }),
    intro: t('directWork.impact.intro', { name }),
    ...caseFrame(m, data.summary, data.canSeeAccessLog),
    backHref: `${base(caseId)}#child-${data.child.id}`,
    action: `${base(caseId)}/children/${data.child.id}/impact`,
    canEdit: data.canEdit,
    saved: record
      ? t('directWork.impact.saved', {
          version: record.version,
          date: m.formatDateTime(record.updatedAt),
          name: record.updatedByName ?? '',
        })
      : null,
    noneText: record ? null : t('directWork.impact.none', { name }),
    fields: {
      livedExperience: field(
        'livedExperience',
        t('directWork.impact.livedExperience'),
        t('directWork.impact.livedExperienceHint'),
      ),
      disputeImpact: field('disputeImpact', t('directWork.impact.disputeImpact')),
      riskImpact: field('riskImpact', t('directWork.impact.riskImpact')),
      timescales: field('timescales', t('directWork.impact.timescales'), t('directWork.impact.timescalesHint')),
    },
    welfareFields: welfareNames.map((w) => field(`welfare-${w.code}`, `${w.paragraph}: ${w.name}`)),
    readRows: record
      ? [
          { key: t('directWork.impact.livedExperience'), value: record.livedExperience },
          { key: t('directWork.impact.disputeImpact'), value: record.disputeImpact },
          { key: t('directWork.impact.riskImpact'), value: record.riskImpact },
          ...welfareNames.map((w) => ({ key: `${w.paragraph}: ${w.name}`, value: record.welfare[w.code] ?? '' })),
          { key: t('directWork.impact.timescales'), value: record.timescales },
        ].map((r) => ({ key: { text: r.key }, value: { text: r.value, classes: 'app-preserve-lines' } }))
      : [],
    missing: record ? missingWelfareHeadings(record.welfare).map((c) => t(`directWork.welfareShort.${c}`)) : [],
    version: data.version,
    formToken: data.formToken,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}

export type DiversityValues = Record<string, string>;

export function diversityValuesOf(record: DiversityRecord | null): DiversityValues {
  const values: DiversityValues = {
    relevant: record ? (record.relevant ? 'yes' : 'no') : '',
    statement: record?.statement ?? '',
  };
  for (const a of DIVERSITY_ASPECTS) values[`aspect-${a}`] = record?.aspects[a] ?? '';
  return values;
}

export function diversityViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    child: { id: string; name: string };
    record: DiversityRecord | null;
    values: DiversityValues;
    version: number;
    formToken: string;
    canEdit: boolean;
    canSeeAccessLog: boolean;
  } & FormErrors,
) {
  const { t } = m;
  const name = data.child.name;
  const caseId = data.summary.id;
  const v = data.values;
  const fe = data.fieldErrors ?? {};
  const record = data.record;
  return {
    pageTitle: t('directWork.diversity.title', { name }),
    heading: t('directWork.diversity.heading', { name }),
    intro: t('directWork.diversity.intro', { name }),
    ...caseFrame(m, data.summary, data.canSeeAccessLog),
    backHref: `${base(caseId)}#child-${data.child.id}`,
    action: `${base(caseId)}/children/${data.child.id}/diversity`,
    canEdit: data.canEdit,
    noneText: record ? null : t('directWork.diversity.none', { name }),
    aspectFields: DIVERSITY_ASPECTS.map((a) => ({
      id: `aspect-${a}`,
      name: `aspect-${a}`,
      label: { text: t(`directWork.diversityAspects.${a}`), classes: 'govuk-label--s' },
      hint: { text: t('directWork.diversity.aspectHint') },
      value: v[`aspect-${a}`] ?? '',
      rows: 3,
      errorMessage: fe[`aspect-${a}`],
    })),
    relevantItems: [
      { value: 'yes', text: t('directWork.diversity.relevantYes'), checked: v.relevant === 'yes' },
      { value: 'no', text: t('directWork.diversity.relevantNo'), checked: v.relevant === 'no' },
    ],
    readRows: record
      ? [
          ...DIVERSITY_ASPECTS.map((a) => ({
            key: t(`directWork.diversityAspects.${a}`),
            value: record.aspects[a] || t('directWork.diversity.notRecorded'),
          })),
          {
            key: t('directWork.diversity.relevant'),
            value: record.relevant ? t('directWork.diversity.relevantYes') : t('directWork.diversity.relevantNo'),
          },
          { key: t('directWork.diversity.statement'), value: record.statement },
        ].map((r) => ({ key: { text: r.key }, value: { text: r.value, classes: 'app-preserve-lines' } }))
      : [],
    values: v,
    version: data.version,
    formToken: data.formToken,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}

export interface SignpostingValues {
  serviceId: string;
  recipient: string;
  day: string;
  month: string;
  year: string;
  method: string;
  note: string;
}

export function signpostingViewModel(
  m: Messages,
  data: {
    summary: CaseSummary;
    services: { localAuthorityCode: string | null; nation: string | null; services: LocalServiceRow[] };
    children: { id: string; name: string }[];
    parties: { id: string; name: string; role: string }[];
    rows: SignpostingRow[];
    values: SignpostingValues;
    formToken: string;
    canSeeAccessLog: boolean;
    notice: string | null;
  } & FormErrors,
) {
  const { t } = m;
  const v = data.values;
  const fe = data.fieldErrors ?? {};
  const groups = orderServicesForCase(data.services.services, data.services);
  const laName = groups.local[0]
    ? named(m, groups.local[0].localAuthorityName ?? '', groups.local[0].localAuthorityNameCy)
    : (data.summary.localAuthorityName ?? '');
  const serviceItem = (s: LocalServiceRow) => ({
    value: s.id,
    text: named(m, s.name, s.nameCy),
    hint: {
      text: [t(`directWork.serviceKinds.${s.kind}`), s.contact].filter((x) => x !== '').join(' – '),
    },
    checked: v.serviceId === s.id,
  });
  const serviceItems: Record<string, unknown>[] = [];
  const section = (title: string, list: LocalServiceRow[]) => {
    if (list.length === 0) return;
    serviceItems.push({ divider: title });
    serviceItems.push(...list.map(serviceItem));
  };
  section(t('directWork.signposting.localServices', { name: laName }), groups.local);
  section(
    t('directWork.signposting.nationalServices', {
      nation: data.services.nation ? t(`directWork.nations.${data.services.nation}`) : '',
    }),
    groups.national,
  );
  section(t('directWork.signposting.otherServices'), groups.other);
  // A leading divider reads oddly when there is only one group: keep it, it names the group.
  const recipientItems: Record<string, unknown>[] = [
    ...(data.parties.length ? [{ divider: t('directWork.signposting.parties') }] : []),
    ...data.parties.map((p) => ({
      value: `party:${p.id}`,
      text: p.name,
      hint: { text: t(`partyRole.${p.role}`) },
      checked: v.recipient === `party:${p.id}`,
    })),
    ...(data.children.length ? [{ divider: t('directWork.signposting.children') }] : []),
    ...data.children.map((c) => ({
      value: `child:${c.id}`,
      text: c.name,
      hint: { text: t('directWork.signposting.child') },
      checked: v.recipient === `child:${c.id}`,
    })),
  ];
  // The error summary links to the first radio of each question, after any divider.
  for (const [items, id] of [
    [serviceItems, 'serviceId'],
    [recipientItems, 'recipient'],
  ] as const) {
    const first = (items as Record<string, unknown>[]).find((i) => !('divider' in i));
    if (first) first.id = id;
  }
  const dateClass = (extra: string) => `${extra}${fe.givenOn ? ' govuk-input--error' : ''}`;
  return {
    pageTitle: t('directWork.signposting.title', { reference: data.summary.reference }),
    ...caseFrame(m, data.summary, data.canSeeAccessLog),
    notice: data.notice === 'signposting' ? t('directWork.notices.signposting') : null,
    backHref: base(data.summary.id),
    action: `${base(data.summary.id)}/signposting`,
    signposting: signpostingRowsView(m, data.rows),
    hasServices: data.services.services.length > 0,
    serviceItems,
    recipientItems,
    methodItems: SIGNPOSTING_METHODS.map((x) => ({
      value: x,
      text: t(`directWork.methods.${x}`),
      checked: v.method === x,
    })),
    dateItems: [
      { name: 'day', label: t('date.day'), classes: dateClass('govuk-input--width-2'), value: v.day },
      { name: 'month', label: t('date.month'), classes: dateClass('govuk-input--width-2'), value: v.month },
      { name: 'year', label: t('date.year'), classes: dateClass('govuk-input--width-4'), value: v.year },
    ],
    values: v,
    formToken: data.formToken,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}

export function adminIndexViewModel(m: Messages) {
  const { t } = m;
  return {
    pageTitle: t('directWork.admin.indexTitle'),
    links: [
      {
        href: '/admin/reference/tools',
        text: t('directWork.admin.toolsLink'),
        description: t('directWork.admin.toolsDescription'),
      },
      {
        href: '/admin/reference/local-services',
        text: t('directWork.admin.servicesLink'),
        description: t('directWork.admin.servicesDescription'),
      },
      {
        href: '/admin/reference/workload-weights',
        text: t('directWork.admin.weightsLink'),
        description: t('directWork.admin.weightsDescription'),
      },
      {
        href: '/admin/reference/kpi-targets',
        text: t('targets.indexLink'),
        description: t('targets.indexDescription'),
      },
    ],
  };
}

const SAVED_KEYS = ['added', 'changed', 'retired', 'restored'];

export function toolsViewModel(
  m: Messages,
  data: {
    tools: DirectWorkTool[];
    values: { name: string; nameCy: string; description: string; descriptionCy: string };
    formToken: string;
    saved: string | null;
  } & FormErrors,
) {
  const { t } = m;
  return {
    pageTitle: t('directWork.admin.toolsTitle'),
    notice: data.saved && SAVED_KEYS.includes(data.saved) ? t(`directWork.admin.saved.${data.saved}`) : null,
    backHref: '/admin/reference',
    tools: data.tools.map((x) => ({
      code: x.code,
      name: x.name,
      nameCy: x.nameCy,
      active: x.active,
      status: x.active
        ? { text: t('directWork.admin.active'), classes: 'govuk-tag--green' }
        : { text: t('directWork.admin.retiredTag'), classes: 'govuk-tag--grey' },
      editHref: `/admin/reference/tools/${encodeURIComponent(x.code)}`,
      editLabel: t('directWork.admin.changeNamed', { name: x.name }),
      toggleAction: `/admin/reference/tools/${encodeURIComponent(x.code)}/${x.active ? 'retire' : 'restore'}`,
      toggleText: x.active ? t('directWork.admin.retire') : t('directWork.admin.restore'),
      toggleLabel: x.active
        ? t('directWork.admin.retireNamed', { name: x.name })
        : t('directWork.admin.restoreNamed', { name: x.name }),
    })),
    values: data.values,
    formToken: data.formToken,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}

export function toolEditViewModel(
  m: Messages,
  data: {
    tool: DirectWorkTool;
    values: { name: string; nameCy: string; description: string; descriptionCy: string };
    was: { name: string; nameCy: string; description: string; descriptionCy: string };
    formToken: string;
  } & FormErrors,
) {
  const { t } = m;
  return {
    pageTitle: t('directWork.admin.editToolTitle'),
    heading: t('directWork.admin.editToolHeading', { name: data.tool.name }),
    action: `/admin/reference/tools/${encodeURIComponent(data.tool.code)}`,
    backHref: '/admin/reference/tools',
    values: data.values,
    was: data.was,
    formToken: data.formToken,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}

export function localServicesViewModel(
  m: Messages,
  data: { rows: LocalServiceRow[]; total: number; page: number; nation: string | null; saved: string | null },
) {
  const { t } = m;
  const href = (page: number) =>
    `/admin/reference/local-services?${new URLSearchParams({
      ...(data.nation ? { nation: data.nation } : {}),
      page: String(page),
    }).toString()}`;
  return {
    pageTitle: t('directWork.admin.servicesTitle'),
    notice: data.saved && SAVED_KEYS.includes(data.saved) ? t(`directWork.admin.saved.${data.saved}`) : null,
    backHref: '/admin/reference',
    nationItems: [
      { value: '', text: t('directWork.admin.allNations'), selected: !data.nation },
      ...(['england', 'wales'] as const).map((n) => ({
        value: n,
        text: t(`directWork.nations.${n}`),
        selected: data.nation === n,
      })),
    ],
    rows: data.rows.map((s) => ({
      name: named(m, s.name, s.nameCy),
      kind: t(`directWork.serviceKinds.${s.kind}`),
      area: s.localAuthorityCode
        ? named(m, s.localAuthorityName ?? s.localAuthorityCode, s.localAuthorityNameCy)
        : t(`directWork.nations.${s.nation}`),
      contact: s.contact,
      status: s.active
        ? { text: t('directWork.admin.active'), classes: 'govuk-tag--green' }
        : { text: t('directWork.admin.retiredTag'), classes: 'govuk-tag--grey' },
      editHref: `/admin/reference/local-services/${s.id}`,
      editLabel: t('directWork.admin.changeNamed', { name: named(m, s.name, s.nameCy) }),
      toggleAction: `/admin/reference/local-services/${s.id}/${s.active ? 'retire' : 'restore'}`,
      toggleText: s.active ? t('directWork.admin.retire') : t('directWork.admin.restore'),
      toggleLabel: s.active
        ? t('directWork.admin.retireNamed', { name: named(m, s.name, s.nameCy) })
        : t('directWork.admin.restoreNamed', { name: named(m, s.name, s.nameCy) }),
    })),
    total: data.total,
    pagination: paginationItems(data.page, data.total, LOCAL_SERVICES_PAGE_SIZE, href),
    addHref: '/admin/reference/local-services/new',
  };
}

export type LocalServiceValues = Record<
  'nation' | 'localAuthorityCode' | 'kind' | 'name' | 'nameCy' | 'description' | 'descriptionCy' | 'contact',
  string
>;

export function localServiceFormViewModel(
  m: Messages,
  data: {
    service: LocalServiceRow | null;
    authorities: { code: string; name: string; nameCy: string | null; nation: string }[];
    values: LocalServiceValues;
    version: number;
    formToken: string;
  } & FormErrors,
) {
  const { t } = m;
  const v = data.values;
  const s = data.service;
  return {
    pageTitle: s ? t('directWork.admin.editServiceTitle') : t('directWork.admin.addServiceTitle'),
    heading: s
      ? t('directWork.admin.editServiceHeading', { name: named(m, s.name, s.nameCy) })
      : t('directWork.admin.addServiceTitle'),
    action: s ? `/admin/reference/local-services/${s.id}` : '/admin/reference/local-services/new',
    submit: s ? t('directWork.admin.saveService') : t('directWork.admin.addServiceSubmit'),
    backHref: '/admin/reference/local-services',
    nationItems: (['england', 'wales'] as const).map((n) => ({
      value: n,
      text: t(`directWork.nations.${n}`),
      checked: v.nation === n,
    })),
    authorityItems: [
      { value: '', text: t('directWork.admin.wholeNation'), selected: v.localAuthorityCode === '' },
      ...data.authorities.map((a) => ({
        value: a.code,
        text: `${named(m, a.name, a.nameCy)} (${t(`directWork.nations.${a.nation}`)})`,
        selected: v.localAuthorityCode === a.code,
      })),
    ],
    kindItems: SERVICE_KINDS.map((k) => ({
      value: k,
      text: t(`directWork.serviceKinds.${k}`),
      checked: v.kind === k,
    })),
    values: v,
    version: data.version,
    formToken: data.formToken,
    errors: data.errors,
    fieldErrors: data.fieldErrors,
  };
}
