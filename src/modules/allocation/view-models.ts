import type { WorkingDayCalendar } from '../../platform/calendar/index.ts';
import type { FormError } from '../../platform/forms/validation.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import { type CaseSummary, caseHeader, caseSubNavigation, paginationItems } from '../casework/service.ts';
import { queueClock } from './deadlines.ts';
import {
  type AllocationCase,
  type AllocationHistoryRow,
  type GroupLoad,
  type PractitionerLoad,
  QUEUE_PAGE_SIZE,
  type QueueRow,
  type WeightRow,
  WORKLOAD_PAGE_SIZE,
  WORKLOAD_SORTS,
  type WorkloadSort,
} from './queries.ts';
import {
  CASE_STAGES,
  CASE_TYPES,
  CASEHOLDER_ROLES,
  type CaseStage,
  capacityUsed,
  caseTypeKey,
  formatPoints,
  MAX_SIBLING_UPLIFT_QUARTERS,
  resultingCaseload,
  type WeightTable,
} from './workload.ts';

interface FormErrors {
  errors?: FormError[];
  fieldErrors?: Record<string, { text: string }>;
}

const name = (m: Messages, row: { name: string; nameCy: string }) => (m.language === 'cy' ? row.nameCy : row.name);

/** A percentage used as a tag: red over capacity, orange from 90%. */
function usedTag(m: Messages, percent: number | null) {
  if (percent === null) return { text: m.t('allocation.workload.noCapacity'), classes: 'govuk-tag--grey' };
  const classes = percent > 100 ? 'govuk-tag--red' : percent >= 90 ? 'govuk-tag--orange' : 'govuk-tag--green';
  return { text: m.t('allocation.workload.percent', { percent }), classes };
}

function rolesText(m: Messages, roles: readonly string[]) {
  return roles
    .filter((r) => (CASEHOLDER_ROLES as readonly string[]).includes(r))
    .map((r) => m.t(`roles.${r}`))
    .join(', ');
}

// --- Queue ----------------------------------------------------------------------------------

export function queueViewModel(
  m: Messages,
  input: { rows: QueueRow[]; total: number; page: number; today: string; calendar: WorkingDayCalendar },
) {
  const { t } = m;
  return {
    pageTitle: t('allocation.queue.title'),
    count: t('allocation.queue.count', { count: input.total }),
    total: input.total,
    rows: input.rows.map((r) => {
      const clock = queueClock(input.calendar, r.readyOn, input.today);
      return {
        reference: r.reference,
        href: `/cases/${r.caseId}/allocation`,
        allocateHref: `/cases/${r.caseId}/allocation/allocate`,
        allocateLabel: t('allocation.queue.allocateCase', { reference: r.reference }),
        kind: t(`applicationType.${r.applicationType}`),
        law: t(`law.${r.law}`),
        children: String(r.children),
        team: (m.language === 'cy' ? r.teamNameCy : r.teamName) ?? t('allocation.queue.noTeam'),
        area: m.language === 'cy' ? r.areaNameCy : r.areaName,
        welsh: r.language === 'cy',
        readyOn: m.formatDate(r.readyOn, 'short'),
        age: t('allocation.queue.age', { days: clock.ageWorkingDays }),
        deadline: m.formatDate(clock.deadline, 'short'),
        overdue: clock.overdue,
        dueToday: clock.dueToday,
      };
    }),
    pagination: paginationItems(input.page, input.total, QUEUE_PAGE_SIZE, (p) => `/allocation?page=${p}`),
  };
}

// --- Workload -------------------------------------------------------------------------------

export interface WorkloadQuery {
  sort: WorkloadSort;
  order: 'asc' | 'desc';
  page: number;
}

const workloadHref = (q: WorkloadQuery, overrides: Partial<WorkloadQuery> = {}) => {
  const merged = { ...q, ...overrides };
  const params = new URLSearchParams({ sort: merged.sort, order: merged.order });
  if (merged.page > 1) params.set('page', String(merged.page));
  return `/allocation/workload?${params.toString()}`;
};

function groupRows(m: Messages, rows: GroupLoad[]) {
  return rows.map((g) => {
    const percent = capacityUsed(g.points, g.capacity);
    return {
      name: name(m, g),
      practitioners: String(g.practitioners),
      cases: String(g.cases),
      points: formatPoints(g.points),
      capacity: formatPoints(g.capacity),
      used: usedTag(m, percent),
    };
  });
}

export function workloadViewModel(
  m: Messages,
  input: {
    query: WorkloadQuery;
    practitioners: { rows: PractitionerLoad[]; total: number };
    teams: GroupLoad[];
    areas: GroupLoad[];
    notice: string | null;
  },
) {
  const { t } = m;
  const q = input.query;
  const header = (key: WorkloadSort) => {
    const active = q.sort === key;
    const nextOrder = active ? (q.order === 'asc' ? 'desc' : 'asc') : key === 'name' ? 'asc' : 'desc';
    return {
      label: t(`allocation.workload.columns.${key}`),
      href: workloadHref(q, { sort: key, order: nextOrder, page: 1 }),
      ariaSort: active ? (q.order === 'asc' ? 'ascending' : 'descending') : 'none',
    };
  };
  return {
    pageTitle: t('allocation.workload.title'),
    notice: input.notice === 'capacity' ? t('allocation.notices.capacity') : null,
    headers: Object.fromEntries(WORKLOAD_SORTS.map((k) => [k, header(k)])) as Record<
      WorkloadSort,
      ReturnType<typeof header>
    >,
    practitioners: input.practitioners.rows.map((p) => {
      const percent = capacityUsed(p.points, p.capacity);
      return {
        name: p.name,
        href: `/allocation/workload/${p.userId}`,
        changeLabel: t('allocation.workload.changeCapacityFor', { name: p.name }),
        roles: rolesText(m, p.roles),
        teams: p.teams.map((x) => name(m, x)).join(', ') || t('allocation.queue.noTeam'),
        welsh: p.welshSpeaker,
        cases: String(p.cases),
        points: formatPoints(p.points),
        capacity: p.capacity === null ? t('allocation.workload.notSet') : formatPoints(p.capacity),
        capacityDefault: !p.capacitySet && p.capacity !== null,
        used: usedTag(m, percent),
      };
    }),
    total: input.practitioners.total,
    count: t('allocation.workload.count', { count: input.practitioners.total }),
    teams: groupRows(m, input.teams),
    areas: groupRows(m, input.areas),
    pagination: paginationItems(q.page, input.practitioners.total, WORKLOAD_PAGE_SIZE, (p) =>
      workloadHref(q, { page: p }),
    ),
  };
}

export function capacityViewModel(
  m: Messages,
  input: { load: PractitionerLoad; value: string; formToken: string } & FormErrors,
) {
  const { t } = m;
  const p = input.load;
  return {
    pageTitle: t('allocation.capacity.title', { name: p.name }),
    name: p.name,
    action: `/allocation/workload/${p.userId}`,
    backHref: '/allocation/workload',
    rows: [
      { key: { text: t('allocation.workload.columns.role') }, value: { text: rolesText(m, p.roles) } },
      {
        key: { text: t('allocation.workload.columns.teams') },
        value: { text: p.teams.map((x) => name(m, x)).join(', ') || t('allocation.queue.noTeam') },
      },
      { key: { text: t('allocation.workload.columns.cases') }, value: { text: String(p.cases) } },
      { key: { text: t('allocation.workload.columns.points') }, value: { text: formatPoints(p.points) } },
      {
        key: { text: t('allocation.workload.columns.capacity') },
        value: {
          text:
            p.capacity === null
              ? t('allocation.workload.notSet')
              : p.capacitySet
                ? formatPoints(p.capacity)
                : t('allocation.capacity.default', { points: formatPoints(p.capacity) }),
        },
      },
    ],
    value: input.value,
    version: String(p.capacityVersion),
    formToken: input.formToken,
    errors: input.errors,
    fieldErrors: input.fieldErrors,
  };
}

// --- A case's allocation --------------------------------------------------------------------

function allocationRow(m: Messages, a: AllocationHistoryRow) {
  const { t } = m;
  return {
    name: a.name,
    role: t(`allocationRole.${a.role}`),
    allocated: m.formatDateTime(a.allocatedAt),
    allocatedBy: a.allocatedByName ?? t('allocation.case.bySystem'),
    reason: a.reason ?? '',
    ended: a.endedAt ? m.formatDateTime(a.endedAt) : null,
    endedBy: a.endedAt ? (a.endedByName ?? t('allocation.case.bySystem')) : null,
    endReason: a.endReason ?? '',
  };
}

export function caseAllocationViewModel(
  m: Messages,
  input: {
    summary: CaseSummary;
    history: AllocationHistoryRow[];
    canAllocate: boolean;
    allocatable: { ok: true } | { ok: false; why: string };
    canSeeAccessLog: boolean;
    notice: string | null;
  },
) {
  const { t } = m;
  const s = input.summary;
  const current = input.history.filter((a) => a.endedAt === null);
  return {
    pageTitle: t('allocation.case.title', { reference: s.reference }),
    caseId: s.id,
    header: caseHeader(m, s),
    subNavigation: caseSubNavigation(m, s.id, 'allocation', input.canSeeAccessLog),
    notice:
      input.notice === 'allocated' || input.notice === 'reallocated' ? t(`allocation.notices.${input.notice}`) : null,
    current: current.map((a) => allocationRow(m, a)),
    history: input.history.map((a) => allocationRow(m, a)),
    action:
      input.canAllocate && input.allocatable.ok
        ? {
            href: `/cases/${s.id}/allocation/allocate`,
            text: t(current.length > 0 ? 'allocation.case.reallocate' : 'allocation.case.allocate'),
          }
        : null,
    notAllocatable: input.allocatable.ok ? null : t(`allocation.case.notAllocatable.${input.allocatable.why}`),
  };
}

export interface AllocateValues {
  practitionerId: string;
  reason: string;
}

/**
 * The allocation form: every practitioner of the case's area, with their caseload now and
 * as it would be, Welsh speakers first when the case is in Welsh, then whoever has the most
 * room. The current worker is shown but cannot be chosen again.
 */
export function allocateViewModel(
  m: Messages,
  input: {
    summary: CaseSummary;
    kase: AllocationCase;
    candidates: PractitionerLoad[];
    weights: WeightTable;
    current: { id: string; userId: string }[];
    currentKey: string;
    allocatable: { ok: true } | { ok: false; why: string };
    values: AllocateValues;
    formToken: string;
    canSeeAccessLog: boolean;
    refusal?: string | null;
  } & FormErrors,
) {
  const { t } = m;
  const s = input.summary;
  const welshCase = input.kase.language === 'cy';
  const currentIds = new Set(input.current.map((a) => a.userId));
  const options = input.candidates
    .map((p) => ({ p, after: resultingCaseload(input.weights, p, input.kase) }))
    .sort((a, b) => {
      if (welshCase && a.p.welshSpeaker !== b.p.welshSpeaker) return a.p.welshSpeaker ? -1 : 1;
      const pa = a.after.percent ?? Number.POSITIVE_INFINITY;
      const pb = b.after.percent ?? Number.POSITIVE_INFINITY;
      if (pa !== pb) return pa - pb;
      return a.p.name.localeCompare(b.p.name, 'en-GB');
    });
  const items = options.map(({ p, after }) => {
    const now = capacityUsed(p.points, p.capacity);
    const capacity = p.capacity === null ? t('allocation.workload.notSet') : formatPoints(p.capacity);
    const hint = [
      rolesText(m, p.roles),
      // An associate has no capacity until a manager sets one: say so, not "of Not set points".
      p.capacity === null
        ? t('allocation.allocate.currentNoCapacity', { points: formatPoints(p.points), cases: p.cases })
        : t('allocation.allocate.current', {
            points: formatPoints(p.points),
            capacity,
            cases: p.cases,
            percent: now === null ? '–' : now,
          }),
      p.capacity === null
        ? t('allocation.allocate.afterNoCapacity', {
            points: formatPoints(after.points),
            added: formatPoints(after.added),
          })
        : t('allocation.allocate.after', {
            points: formatPoints(after.points),
            capacity,
            added: formatPoints(after.added),
            percent: after.percent === null ? '–' : after.percent,
          }),
    ];
    if (p.welshSpeaker) hint.push(t('allocation.allocate.welshSpeaker'));
    if (after.overCapacity) hint.push(t('allocation.allocate.overCapacity'));
    const isCurrent = currentIds.has(p.userId);
    if (isCurrent) hint.push(t('allocation.allocate.isCurrent'));
    return {
      value: p.userId,
      text: p.name,
      hint: { text: hint.join('. ') },
      checked: input.values.practitionerId === p.userId,
      disabled: isCurrent,
    };
  });
  const reallocating = input.current.length > 0;
  return {
    pageTitle: t(reallocating ? 'allocation.allocate.reallocateTitle' : 'allocation.allocate.title', {
      reference: s.reference,
    }),
    caseId: s.id,
    header: caseHeader(m, s),
    subNavigation: caseSubNavigation(m, s.id, 'allocation', input.canSeeAccessLog),
    backHref: `/cases/${s.id}/allocation`,
    action: `/cases/${s.id}/allocation/allocate`,
    notAllocatable: input.allocatable.ok ? null : t(`allocation.case.notAllocatable.${input.allocatable.why}`),
    refusal: input.refusal ?? null,
    welshCase,
    reallocating,
    items,
    noPractitioners: items.length === 0,
    kind: `${t(`law.${s.law}`)}: ${t(`applicationType.${s.applicationType}`)}`,
    children: String(input.kase.children),
    language: t(`languages.${input.kase.language}`),
    currentKey: input.currentKey,
    values: input.values,
    formToken: input.formToken,
    errors: input.errors,
    fieldErrors: input.fieldErrors,
  };
}

// --- Administration: workload weights ------------------------------------------------------

export function weightsViewModel(m: Messages, input: { rows: WeightRow[]; notice: string | null }) {
  const { t } = m;
  const byType = new Map<string, Map<string, WeightRow>>();
  for (const r of input.rows) {
    const key = caseTypeKey(r.law, r.applicationType);
    if (!byType.has(key)) byType.set(key, new Map());
    byType.get(key)!.set(r.stage, r);
  }
  const known = new Set<string>(CASE_TYPES.map((c) => caseTypeKey(c.law, c.applicationType)));
  const types = [
    ...CASE_TYPES.map((c) => ({ law: c.law as string, applicationType: c.applicationType as string })),
    ...input.rows
      .filter((r) => !known.has(caseTypeKey(r.law, r.applicationType)))
      .map((r) => ({ law: r.law, applicationType: r.applicationType }))
      .filter((v, i, all) => all.findIndex((x) => x.law === v.law && x.applicationType === v.applicationType) === i),
  ].filter((c) => byType.has(caseTypeKey(c.law, c.applicationType)));
  return {
    pageTitle: t('allocation.weights.title'),
    backHref: '/admin/reference',
    notice: input.notice === 'weights' ? t('allocation.notices.weights') : null,
    stages: CASE_STAGES.map((s) => t(`allocation.stages.${s}`)),
    siblingRule: t('allocation.weights.siblingRule', { max: 1 + MAX_SIBLING_UPLIFT_QUARTERS / 4 }),
    rows: types.map((c) => {
      const stages = byType.get(caseTypeKey(c.law, c.applicationType))!;
      const label = `${t(`law.${c.law}`)}: ${t(`applicationType.${c.applicationType}`)}`;
      return {
        label,
        weights: CASE_STAGES.map((s) => {
          const w = stages.get(s);
          return w ? formatPoints(w.weight) : t('allocation.workload.notSet');
        }),
        href: `/admin/reference/workload-weights/${encodeURIComponent(c.law)}/${encodeURIComponent(c.applicationType)}`,
        changeLabel: t('allocation.weights.changeFor', { kind: label }),
      };
    }),
  };
}

export function weightFormViewModel(
  m: Messages,
  input: {
    law: string;
    applicationType: string;
    rows: WeightRow[];
    values: Partial<Record<CaseStage, string>>;
    formToken: string;
  } & FormErrors,
) {
  const { t } = m;
  const label = `${t(`law.${input.law}`)}: ${t(`applicationType.${input.applicationType}`)}`;
  const latest = input.rows.reduce<WeightRow | null>((a, r) => (a === null || r.updatedAt > a.updatedAt ? r : a), null);
  return {
    pageTitle: t('allocation.weights.formTitle', { kind: label }),
    kind: label,
    action: `/admin/reference/workload-weights/${encodeURIComponent(input.law)}/${encodeURIComponent(input.applicationType)}`,
    backHref: '/admin/reference/workload-weights',
    lastChanged:
      latest?.updatedByName && latest.updatedAt
        ? t('allocation.weights.lastChanged', { name: latest.updatedByName, date: m.formatDateTime(latest.updatedAt) })
        : null,
    fields: CASE_STAGES.map((s) => {
      const row = input.rows.find((r) => r.stage === s);
      return {
        id: `weight-${s}`,
        label: t(`allocation.stages.${s}`),
        value: input.values[s] ?? (row ? formatPoints(row.weight) : ''),
        versionName: `version-${s}`,
        version: String(row?.version ?? 0),
        error: input.fieldErrors?.[`weight-${s}`],
      };
    }),
    formToken: input.formToken,
    errors: input.errors,
    fieldErrors: input.fieldErrors,
  };
}
