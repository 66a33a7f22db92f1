import type { WorkingDayCalendar } from '../../platform/calendar/index.ts';
import type { FormError } from '../../platform/forms/validation.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import { type CaseSummary, caseHeader, caseSubNavigation, paginationItems } from '../casework/service.ts';
import { CONTACT_KINDS, type DraftValues } from './contacts.ts';
import { MAX_OBJECTIVES, MAX_PRIORITIES, MAX_STEPS, SPARE_ROWS } from './plan-forms.ts';
import {
  type PlanChange,
  type PlanContent,
  personKey,
  planDiff,
  type ReviewState,
  reviewState,
  SHARED_HOW,
  SHARING_CHOICES,
} from './plan-rules.ts';
import {
  CONTACTS_PAGE_SIZE,
  type ContactEntry,
  type ContactListRow,
  type ContactRevision,
  type PlanVersion,
  REVIEWS_PAGE_SIZE,
  type ReviewDueRow,
} from './queries.ts';
import type { PlanPerson } from './schema.ts';

type Errors = { errors?: FormError[]; fieldErrors?: Record<string, { text: string }> };

/** The people of a case a plan or an entry can name, and the tools catalogue, by key. */
export interface CaseNames {
  children: { id: string; name: string }[];
  parties: { id: string; name: string; role: string }[];
  tools: { code: string; name: string }[];
}

function frame(m: Messages, summary: CaseSummary, canSeeAccessLog: boolean) {
  return {
    caseId: summary.id,
    header: caseHeader(m, summary),
    subNavigation: caseSubNavigation(m, summary.id, 'plan', canSeeAccessLog),
  };
}

export function personName(m: Messages, names: CaseNames, p: PlanPerson): string {
  if (p.kind === 'other') return p.name;
  if (p.kind === 'child') {
    const c = names.children.find((x) => x.id === p.id);
    return c ? m.t('planning.people.child', { name: c.name }) : m.t('planning.people.removed');
  }
  const party = names.parties.find((x) => x.id === p.id);
  return party
    ? m.t('planning.people.party', { name: party.name, role: m.t(`partyRole.${party.role}`) })
    : m.t('planning.people.removed');
}

function toolName(names: CaseNames, code: string): string {
  return names.tools.find((t) => t.code === code)?.name ?? code;
}

const REVIEW_TAGS: Record<ReviewState, string> = {
  none: 'govuk-tag--grey',
  overdue: 'govuk-tag--red',
  due: 'govuk-tag--orange',
  'not-due': 'govuk-tag--green',
};

export function reviewTag(m: Messages, state: ReviewState) {
  return { text: m.t(`planning.review.${state}`), classes: REVIEW_TAGS[state] };
}

function sharingText(m: Messages, p: PlanContent): string {
  if (p.sharing === 'shared') {
    return m.t('planning.sharing.sharedOn', {
      date: m.formatDate(p.sharedOn),
      how: m.t(`planning.sharedHow.${p.sharedHow ?? 'in-person'}`),
    });
  }
  if (p.sharing === 'not-shared') return m.t('planning.sharing.notSharedBecause', { reason: p.notSharedReason ?? '' });
  if (p.sharing === 'not-yet') return m.t('planning.sharing.not-yet');
  return m.t('common.notSet');
}

/** The content of one plan version, as the plan and version pages show it. */
function planContentView(m: Messages, names: CaseNames, p: PlanVersion) {
  return {
    version: p.version,
    objectives: p.objectives.map((o) => o.text),
    people: p.people.map((x) => personName(m, names, x)),
    tools: p.tools.map((c) => toolName(names, c)),
    steps: p.plannedSteps.map((s) => ({ what: s.what, date: m.formatDate(s.on) })),
    reviewDueOn: p.reviewDueOn ? m.formatDate(p.reviewDueOn) : m.t('common.notSet'),
    sharing: sharingText(m, p),
    direction: p.managerDirection
      ? {
          text: p.managerDirection,
          priorities: p.managerPriorities,
          byline: m.t('planning.direction.byline', {
            name: p.directionByName ?? '',
            date: m.formatDateTime(p.directionAt),
          }),
        }
      : null,
    savedBy: m.t('planning.savedBy', { name: p.createdByName, date: m.formatDateTime(p.createdAt) }),
    changeNote: p.changeNote,
  };
}

function describeValue(m: Messages, names: CaseNames, field: PlanChange['field'], value: string | null): string {
  if (value === null || value === '') return m.t('common.notSet');
  if (field === 'people') {
    const [kind, ...rest] = value.split(':');
    const id = rest.join(':');
    return personName(m, names, kind === 'other' ? { kind: 'other', name: id } : { kind: kind as 'child', id });
  }
  if (field === 'tools') return toolName(names, value);
  if (field === 'reviewDueOn') return m.formatDate(value);
  if (field === 'plannedSteps') {
    const on = value.slice(0, 10);
    return m.t('planning.steps.item', { what: value.slice(11), date: m.formatDate(on) });
  }
  if (field === 'sharing') {
    const [sharing, a = '', b = ''] = value.split('|');
    return sharingText(m, {
      sharing: sharing as (typeof SHARING_CHOICES)[number],
      sharedOn: a,
      sharedHow: b,
      notSharedReason: a,
    } as PlanContent);
  }
  if (field === 'managerPriorities') return value.split('\n').join('; ');
  return value;
}

/** Pure: the changes of a version as sentences (added, removed, changed from … to …). */
export function changeLines(m: Messages, names: CaseNames, changes: PlanChange[]) {
  return changes.map((c) => {
    const fieldName = m.t(`planning.fields.${c.field}`);
    if ('value' in c) {
      return m.t(`planning.changes.${c.kind}`, { field: fieldName, value: describeValue(m, names, c.field, c.value) });
    }
    if (c.kind === 'reordered') {
      return m.t('planning.changes.reordered', { field: fieldName, to: describeValue(m, names, c.field, c.to) });
    }
    return m.t('planning.changes.changed', {
      field: fieldName,
      from: describeValue(m, names, c.field, c.from),
      to: describeValue(m, names, c.field, c.to),
    });
  });
}

function historyRows(m: Messages, caseId: string, versions: PlanVersion[]) {
  // Newest first; each compared with the one before it.
  return versions.map((v, i) => {
    const changes = planDiff(versions[i + 1] ?? null, v);
    return {
      version: v.version,
      href: `/cases/${caseId}/plan/versions/${v.version}`,
      kind: m.t(`planning.history.kind.${v.changeKind}`),
      by: v.createdByName,
      date: m.formatDateTime(v.createdAt),
      summary:
        changes.length === 0
          ? m.t('planning.history.noChanges')
          : [...new Set(changes.map((c) => m.t(`planning.fields.${c.field}`)))].join(', '),
    };
  });
}

function contactRows(m: Messages, caseId: string, rows: ContactListRow[]) {
  return rows.map((r) => ({
    href: `/cases/${caseId}/contacts/${r.id}`,
    date: r.heldOn ? `${m.formatDate(r.heldOn)}${r.heldTime ? ` ${r.heldTime}` : ''}` : m.t('common.notSet'),
    kind: r.kind ? m.t(`planning.kinds.${r.kind}`) : m.t('common.notSet'),
    withWhom: r.withWhom.join(', '),
    place: r.place ?? '',
    by: r.authorName,
    updated: m.formatDateTime(r.updatedAt),
  }));
}

export function planPageViewModel(
  m: Messages,
  input: {
    summary: CaseSummary;
    versions: PlanVersion[];
    names: CaseNames;
    contacts: ContactListRow[];
    contactsTotal: number;
    calendar: WorkingDayCalendar;
    today: string;
    canEdit: boolean;
    canDirect: boolean;
    canSeeAccessLog: boolean;
    notice: string | null;
  },
) {
  const current = input.versions[0] ?? null;
  const caseId = input.summary.id;
  return {
    pageTitle: m.t('planning.plan.title', { reference: input.summary.reference }),
    ...frame(m, input.summary, input.canSeeAccessLog),
    notice: input.notice ? m.t(`planning.notices.${input.notice}`) : null,
    plan: current ? planContentView(m, input.names, current) : null,
    review: current ? reviewTag(m, reviewState(input.calendar, current.reviewDueOn, input.today)) : null,
    history: historyRows(m, caseId, input.versions),
    contacts: contactRows(m, caseId, input.contacts),
    contactsTotal: input.contactsTotal,
    editHref: input.canEdit ? `/cases/${caseId}/plan/edit` : null,
    directionHref: input.canDirect ? `/cases/${caseId}/plan/direction` : null,
    contactsHref: `/cases/${caseId}/contacts`,
    newContactHref: input.canEdit ? `/cases/${caseId}/contacts/new` : null,
  };
}

export function planVersionViewModel(
  m: Messages,
  input: {
    summary: CaseSummary;
    version: PlanVersion;
    previous: PlanVersion | null;
    latest: number;
    names: CaseNames;
    canSeeAccessLog: boolean;
  },
) {
  const v = input.version;
  return {
    pageTitle: m.t('planning.version.title', { version: v.version, reference: input.summary.reference }),
    ...frame(m, input.summary, input.canSeeAccessLog),
    plan: planContentView(m, input.names, v),
    isCurrent: v.version === input.latest,
    kind: m.t(`planning.history.kind.${v.changeKind}`),
    changes: changeLines(m, input.names, planDiff(input.previous, v)),
    backHref: `/cases/${input.summary.id}/plan`,
    previousHref: v.version > 1 ? `/cases/${input.summary.id}/plan/versions/${v.version - 1}` : null,
    nextHref: v.version < input.latest ? `/cases/${input.summary.id}/plan/versions/${v.version + 1}` : null,
  };
}

/** What the plan form shows: the fields as typed (or as the current version has them). */
export interface PlanFormValues {
  objectives: { id: string; text: string }[];
  people: string[];
  otherPeople: string;
  tools: string[];
  steps: { what: string; day: string; month: string; year: string }[];
  review: { day: string; month: string; year: string };
  sharing: string;
  shared: { day: string; month: string; year: string };
  sharedHow: string;
  notSharedReason: string;
  changeNote: string;
}

const dateParts = (iso: string | null) => {
  if (!iso) return { day: '', month: '', year: '' };
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
};

/** Pure: the form's values from a saved version (or empty for a first plan). */
export function planFormValuesOf(p: PlanVersion | null): PlanFormValues {
  return {
    objectives: p?.objectives ?? [],
    people: (p?.people ?? []).filter((x) => x.kind !== 'other').map(personKey),
    otherPeople: (p?.people ?? [])
      .filter((x): x is { kind: 'other'; name: string } => x.kind === 'other')
      .map((x) => x.name)
      .join('\n'),
    tools: p?.tools ?? [],
    steps: (p?.plannedSteps ?? []).map((s) => ({ what: s.what, ...dateParts(s.on) })),
    review: dateParts(p?.reviewDueOn ?? null),
    sharing: p?.sharing ?? '',
    shared: dateParts(p?.sharedOn ?? null),
    sharedHow: p?.sharedHow ?? '',
    notSharedReason: p?.notSharedReason ?? '',
    changeNote: '',
  };
}

const str = (body: Record<string, unknown>, key: string, max = 20000) => {
  const v = body[key];
  return typeof v === 'string' ? v.slice(0, max) : '';
};
const list = (body: Record<string, unknown>, key: string) => {
  const v = body[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};

/** Pure: the form's values as posted, to show again after a refused post. */
export function planFormValuesFrom(body: Record<string, unknown>): PlanFormValues {
  const objectives: PlanFormValues['objectives'] = [];
  for (let i = 1; i <= MAX_OBJECTIVES; i += 1) {
    const text = str(body, `objective-${i}`, 1000);
    if (text.trim() !== '') objectives.push({ id: str(body, `objectiveId-${i}`, 40), text });
  }
  const steps: PlanFormValues['steps'] = [];
  for (let i = 1; i <= MAX_STEPS; i += 1) {
    const s = {
      what: str(body, `step-${i}-what`, 500),
      day: str(body, `step-${i}-day`, 10),
      month: str(body, `step-${i}-month`, 10),
      year: str(body, `step-${i}-year`, 10),
    };
    if (Object.values(s).some((v) => v.trim() !== '')) steps.push(s);
  }
  return {
    objectives,
    people: list(body, 'people'),
    otherPeople: str(body, 'otherPeople', 4000),
    tools: list(body, 'tools'),
    steps,
    review: {
      day: str(body, 'reviewDueOn-day', 10),
      month: str(body, 'reviewDueOn-month', 10),
      year: str(body, 'reviewDueOn-year', 10),
    },
    sharing: str(body, 'sharing', 20),
    shared: {
      day: str(body, 'sharedOn-day', 10),
      month: str(body, 'sharedOn-month', 10),
      year: str(body, 'sharedOn-year', 10),
    },
    sharedHow: str(body, 'sharedHow', 20),
    notSharedReason: str(body, 'notSharedReason', 2000),
    changeNote: str(body, 'changeNote', 2000),
  };
}

function dateItems(m: Messages, prefix: string, parts: { day: string; month: string; year: string }, error: boolean) {
  const cls = (w: string) => `govuk-input--width-${w}${error ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', label: m.t('date.day'), classes: cls('2'), value: parts.day, id: `${prefix}-day` },
    { name: 'month', label: m.t('date.month'), classes: cls('2'), value: parts.month, id: `${prefix}-month` },
    { name: 'year', label: m.t('date.year'), classes: cls('4'), value: parts.year, id: `${prefix}-year` },
  ];
}

export function planFormViewModel(
  m: Messages,
  input: {
    summary: CaseSummary;
    current: PlanVersion | null;
    values: PlanFormValues;
    version: number;
    names: CaseNames;
    formToken: string;
    canSeeAccessLog: boolean;
  } & Errors,
) {
  const v = input.values;
  const fe = input.fieldErrors ?? {};
  const objectiveRows = Math.min(MAX_OBJECTIVES, Math.max(v.objectives.length + SPARE_ROWS, 3));
  const stepRows = Math.min(MAX_STEPS, Math.max(v.steps.length + SPARE_ROWS - 1, 2));
  const caseId = input.summary.id;
  return {
    pageTitle: m.t(input.current ? 'planning.edit.titleUpdate' : 'planning.edit.titleNew', {
      reference: input.summary.reference,
    }),
    ...frame(m, input.summary, input.canSeeAccessLog),
    heading: m.t(input.current ? 'planning.edit.headingUpdate' : 'planning.edit.headingNew'),
    action: `/cases/${caseId}/plan/edit`,
    backHref: `/cases/${caseId}/plan`,
    version: input.version,
    formToken: input.formToken,
    errors: input.errors,
    fieldErrors: input.fieldErrors,
    objectives: Array.from({ length: objectiveRows }, (_, i) => ({
      n: i + 1,
      id: v.objectives[i]?.id ?? '',
      value: v.objectives[i]?.text ?? '',
      label: m.t('planning.edit.objectiveN', { n: i + 1 }),
      error: fe[`objective-${i + 1}`],
    })),
    peopleItems: [
      ...input.names.children.map((c) => ({
        value: `child:${c.id}`,
        text: m.t('planning.people.child', { name: c.name }),
        checked: v.people.includes(`child:${c.id}`),
      })),
      ...input.names.parties.map((p) => ({
        value: `party:${p.id}`,
        text: m.t('planning.people.party', { name: p.name, role: m.t(`partyRole.${p.role}`) }),
        checked: v.people.includes(`party:${p.id}`),
      })),
    ],
    otherPeople: v.otherPeople,
    toolItems: input.names.tools.map((t) => ({ value: t.code, text: t.name, checked: v.tools.includes(t.code) })),
    steps: Array.from({ length: stepRows }, (_, i) => {
      const s = v.steps[i] ?? { what: '', day: '', month: '', year: '' };
      const n = i + 1;
      return {
        n,
        what: s.what,
        whatLabel: m.t('planning.edit.stepWhat', { n }),
        whatError: fe[`step-${n}-what`],
        dateLegend: m.t('planning.edit.stepDate', { n }),
        dateError: fe[`step-${n}`],
        dateItems: dateItems(m, `step-${n}`, s, Boolean(fe[`step-${n}`])),
      };
    }),
    reviewItems: dateItems(m, 'reviewDueOn', v.review, Boolean(fe.reviewDueOn)),
    sharingItems: SHARING_CHOICES.map((s) => ({
      value: s,
      text: m.t(`planning.sharing.choice.${s}`),
      checked: v.sharing === s,
    })),
    sharedItems: dateItems(m, 'sharedOn', v.shared, Boolean(fe.sharedOn)),
    sharedHowItems: SHARED_HOW.map((h) => ({
      value: h,
      text: m.t(`planning.sharedHow.${h}`),
      checked: v.sharedHow === h,
    })),
    notSharedReason: v.notSharedReason,
    changeNote: v.changeNote,
    direction: input.current?.managerDirection
      ? {
          text: input.current.managerDirection,
          priorities: input.current.managerPriorities,
          byline: m.t('planning.direction.byline', {
            name: input.current.directionByName ?? '',
            date: m.formatDateTime(input.current.directionAt),
          }),
        }
      : null,
  };
}

export function directionFormViewModel(
  m: Messages,
  input: {
    summary: CaseSummary;
    current: PlanVersion | null;
    values: { direction: string; priorities: string[] };
    version: number;
    names: CaseNames;
    formToken: string;
    canSeeAccessLog: boolean;
  } & Errors,
) {
  const fe = input.fieldErrors ?? {};
  const rows = Math.min(MAX_PRIORITIES, Math.max(input.values.priorities.length + SPARE_ROWS - 1, 3));
  const caseId = input.summary.id;
  return {
    pageTitle: m.t('planning.directionForm.title', { reference: input.summary.reference }),
    ...frame(m, input.summary, input.canSeeAccessLog),
    action: `/cases/${caseId}/plan/direction`,
    backHref: `/cases/${caseId}/plan`,
    version: input.version,
    formToken: input.formToken,
    errors: input.errors,
    fieldErrors: input.fieldErrors,
    plan: input.current ? planContentView(m, input.names, input.current) : null,
    direction: input.values.direction,
    priorities: Array.from({ length: rows }, (_, i) => ({
      n: i + 1,
      value: input.values.priorities[i] ?? '',
      label: m.t('planning.directionForm.priorityN', { n: i + 1 }),
      error: fe[`priority-${i + 1}`],
    })),
  };
}

export function reviewsDueViewModel(
  m: Messages,
  input: {
    rows: ReviewDueRow[];
    total: number;
    page: number;
    days: number;
    dueBy: string;
    today: string;
    calendar: WorkingDayCalendar;
  },
) {
  const href = (page: number) => `/plans/reviews-due?days=${input.days}${page > 1 ? `&page=${page}` : ''}`;
  return {
    pageTitle: m.t('planning.reviewsDue.title'),
    days: input.days,
    intro: m.t('planning.reviewsDue.intro', { days: input.days, date: m.formatDate(input.dueBy) }),
    total: input.total,
    rows: input.rows.map((r) => ({
      reference: r.reference,
      href: `/cases/${r.caseId}/plan`,
      reviewDueOn: m.formatDate(r.reviewDueOn),
      tag: reviewTag(m, reviewState(input.calendar, r.reviewDueOn, input.today, input.days)),
      workers: r.workers.length ? r.workers.join(', ') : m.t('planning.reviewsDue.unallocated'),
      version: r.version,
    })),
    pagination: paginationItems(input.page, input.total, REVIEWS_PAGE_SIZE, href),
  };
}

export function contactsListViewModel(
  m: Messages,
  input: {
    summary: CaseSummary;
    rows: ContactListRow[];
    total: number;
    page: number;
    kind: string | null;
    drafts: ContactListRow[];
    canEdit: boolean;
    canSeeAccessLog: boolean;
  },
) {
  const caseId = input.summary.id;
  const base = `/cases/${caseId}/contacts`;
  const href = (page: number) => {
    const q = new URLSearchParams();
    if (input.kind) q.set('kind', input.kind);
    if (page > 1) q.set('page', String(page));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  return {
    pageTitle: m.t('planning.contacts.title', { reference: input.summary.reference }),
    ...frame(m, input.summary, input.canSeeAccessLog),
    action: base,
    kindItems: [
      { value: '', text: m.t('planning.contacts.allKinds'), selected: !input.kind },
      ...CONTACT_KINDS.map((k) => ({ value: k, text: m.t(`planning.kinds.${k}`), selected: input.kind === k })),
    ],
    filtered: Boolean(input.kind),
    rows: contactRows(m, caseId, input.rows),
    total: input.total,
    drafts: contactRows(m, caseId, input.drafts),
    newHref: input.canEdit ? `${base}/new` : null,
    planHref: `/cases/${caseId}/plan`,
    pagination: paginationItems(input.page, input.total, CONTACTS_PAGE_SIZE, href),
  };
}

/** A plan objective a contact can serve. */
export interface ObjectiveOption {
  id: string;
  text: string;
}

export function contactFormViewModel(
  m: Messages,
  input: {
    summary: CaseSummary;
    mode: 'new' | 'draft' | 'correct';
    entryId: string | null;
    values: DraftValues;
    reason?: string;
    version: number;
    names: CaseNames;
    objectives: ObjectiveOption[];
    formToken: string;
    savedAt: string | null;
    canSeeAccessLog: boolean;
    stale?: boolean;
    notice?: string | null;
  } & Errors,
) {
  const v = input.values;
  const fe = input.fieldErrors ?? {};
  const caseId = input.summary.id;
  const base = `/cases/${caseId}/contacts`;
  const action =
    input.mode === 'new'
      ? `${base}/new`
      : input.mode === 'draft'
        ? `${base}/${input.entryId}`
        : `${base}/${input.entryId}/correct`;
  const titleKey = `planning.entry.title.${input.mode}`;
  // Objectives the entry was linked to that are no longer in the plan still show, so saving
  // the form does not silently drop them.
  const objectives = [...input.objectives];
  for (const id of v.objectives) {
    if (!objectives.some((o) => o.id === id)) objectives.push({ id, text: m.t('planning.entry.objectiveRemoved') });
  }
  return {
    pageTitle: m.t(titleKey, { reference: input.summary.reference }),
    heading: m.t(`planning.entry.heading.${input.mode}`),
    ...frame(m, input.summary, input.canSeeAccessLog),
    mode: input.mode,
    action,
    backHref: base,
    autosave:
      input.mode === 'correct'
        ? null
        : {
            url: input.mode === 'draft' ? `${base}/${input.entryId}/autosave` : `${base}/new`,
            create: input.mode === 'new',
          },
    savedAt: input.savedAt ? m.t('planning.entry.savedAt', { date: m.formatDateTime(input.savedAt) }) : null,
    notice: input.notice ? m.t(`planning.notices.${input.notice}`) : null,
    stale: input.stale ?? false,
    version: input.version,
    formToken: input.formToken,
    errors: input.errors,
    fieldErrors: input.fieldErrors,
    kindItems: CONTACT_KINDS.map((k) => ({ value: k, text: m.t(`planning.kinds.${k}`), checked: v.kind === k })),
    heldOnItems: dateItems(
      m,
      'heldOn',
      { day: v['heldOn-day'], month: v['heldOn-month'], year: v['heldOn-year'] },
      Boolean(fe.heldOn),
    ),
    heldTime: v.heldTime,
    place: v.place,
    childItems: input.names.children.map((c) => ({ value: c.id, text: c.name, checked: v.children.includes(c.id) })),
    partyItems: input.names.parties.map((p) => ({
      value: p.id,
      text: m.t('planning.people.party', { name: p.name, role: m.t(`partyRole.${p.role}`) }),
      checked: v.parties.includes(p.id),
    })),
    others: v.others,
    whatWasSaid: v.whatWasSaid,
    analysis: v.analysis,
    actions: v.actions,
    objectiveItems: objectives.map((o) => ({ value: o.id, text: o.text, checked: v.objectives.includes(o.id) })),
    reason: input.reason ?? '',
    planHref: `/cases/${caseId}/plan`,
  };
}

function revisionView(m: Messages, names: CaseNames, r: ContactRevision) {
  const c = r.content as {
    kind?: string;
    heldOn?: string;
    heldTime?: string | null;
    place?: string | null;
    whatWasSaid?: string;
    analysis?: string;
    actions?: string | null;
    childIds?: string[];
    partyIds?: string[];
    others?: string[];
  };
  return {
    version: r.version,
    reason: r.reason,
    byline: m.t('planning.entry.correctedBy', { name: r.correctedByName, date: m.formatDateTime(r.correctedAt) }),
    kind: c.kind ? m.t(`planning.kinds.${c.kind}`) : '',
    heldOn: c.heldOn ? `${m.formatDate(c.heldOn)}${c.heldTime ? ` ${c.heldTime}` : ''}` : '',
    place: c.place ?? '',
    withWhom: [
      ...(c.childIds ?? []).map((id) => personName(m, names, { kind: 'child', id })),
      ...(c.partyIds ?? []).map((id) => personName(m, names, { kind: 'party', id })),
      ...(c.others ?? []),
    ].join(', '),
    whatWasSaid: c.whatWasSaid ?? '',
    analysis: c.analysis ?? '',
    actions: c.actions ?? '',
  };
}

export function contactEntryViewModel(
  m: Messages,
  input: {
    summary: CaseSummary;
    entry: ContactEntry;
    revisions: ContactRevision[];
    names: CaseNames;
    objectives: ObjectiveOption[];
    canEdit: boolean;
    canSeeAccessLog: boolean;
    notice: string | null;
  },
) {
  const e = input.entry;
  const caseId = input.summary.id;
  return {
    pageTitle: m.t('planning.entry.title.view', { reference: input.summary.reference }),
    ...frame(m, input.summary, input.canSeeAccessLog),
    notice: input.notice ? m.t(`planning.notices.${input.notice}`) : null,
    kind: e.kind ? m.t(`planning.kinds.${e.kind}`) : '',
    heldOn: e.heldOn ? m.formatDate(e.heldOn) : '',
    heldTime: e.heldTime ?? '',
    place: e.place ?? '',
    withWhom: e.withWhom,
    whatWasSaid: e.whatWasSaid ?? '',
    analysis: e.analysis ?? '',
    actions: e.actions ?? '',
    objectives: e.objectiveIds.map(
      (id) => input.objectives.find((o) => o.id === id)?.text ?? m.t('planning.entry.objectiveRemoved'),
    ),
    planVersion: e.planVersion,
    byline: m.t('planning.entry.recordedBy', { name: e.authorName, date: m.formatDateTime(e.recordedAt) }),
    version: e.version,
    revisions: input.revisions.map((r) => revisionView(m, input.names, r)),
    correctHref: input.canEdit ? `/cases/${caseId}/contacts/${e.id}/correct` : null,
    backHref: `/cases/${caseId}/contacts`,
  };
}
