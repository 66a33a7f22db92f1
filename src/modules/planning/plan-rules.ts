import { type IsoDate, parseIsoDate, type WorkingDayCalendar } from '../../platform/calendar/index.ts';
import type { PlannedStep, PlanObjective, PlanPerson } from './schema.ts';

/** How many working days ahead a plan review shows as due (the review-due list's default). */
export const REVIEW_NOTICE_WORKING_DAYS = 5;

export const SHARING_CHOICES = ['shared', 'not-yet', 'not-shared'] as const;
export type Sharing = (typeof SHARING_CHOICES)[number];
export const SHARED_HOW = ['in-person', 'letter', 'email', 'telephone', 'video'] as const;

/** The content of a plan version: what a save writes and what two versions are compared on. */
export interface PlanContent {
  objectives: PlanObjective[];
  people: PlanPerson[];
  tools: string[];
  plannedSteps: PlannedStep[];
  reviewDueOn: string | null;
  sharing: Sharing | null;
  sharedOn: string | null;
  sharedHow: string | null;
  notSharedReason: string | null;
  managerDirection: string | null;
  managerPriorities: string[];
}

export const EMPTY_PLAN: PlanContent = {
  objectives: [],
  people: [],
  tools: [],
  plannedSteps: [],
  reviewDueOn: null,
  sharing: null,
  sharedOn: null,
  sharedHow: null,
  notSharedReason: null,
  managerDirection: null,
  managerPriorities: [],
};

export const PLAN_FIELDS = [
  'objectives',
  'people',
  'tools',
  'plannedSteps',
  'reviewDueOn',
  'sharing',
  'managerDirection',
  'managerPriorities',
] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

/**
 * One difference between two versions. Lists give what was added and removed; an objective
 * reworded (same id) gives from and to; single values give from and to; a list whose items
 * are the same but in another order (the manager's priorities) is `reordered`.
 */
export type PlanChange =
  | { field: PlanField; kind: 'added' | 'removed'; value: string }
  | { field: PlanField; kind: 'changed'; from: string | null; to: string | null }
  | { field: PlanField; kind: 'reordered'; from: string; to: string };

/** A person's key, as the plan form posts it: child:<id>, party:<id> or other:<name>. */
export function personKey(p: PlanPerson): string {
  return p.kind === 'other' ? `other:${p.name}` : `${p.kind}:${p.id}`;
}

const stepKey = (s: PlannedStep) => `${s.on} ${s.what}`;

function listChanges(field: PlanField, before: string[], after: string[]): PlanChange[] {
  const was = new Set(before);
  const now = new Set(after);
  return [
    ...after.filter((v) => !was.has(v)).map((value) => ({ field, kind: 'added' as const, value })),
    ...before.filter((v) => !now.has(v)).map((value) => ({ field, kind: 'removed' as const, value })),
  ];
}

function sharingText(p: PlanContent): string | null {
  if (p.sharing === null) return null;
  if (p.sharing === 'shared') return ['shared', p.sharedOn ?? '', p.sharedHow ?? ''].join('|');
  if (p.sharing === 'not-shared') return ['not-shared', p.notSharedReason ?? ''].join('|');
  return p.sharing;
}

/**
 * Pure: what changed from one version of a plan to the next (null: the first version,
 * compared with an empty plan), in the order of the plan page.
 */
export function planDiff(before: PlanContent | null, after: PlanContent): PlanChange[] {
  const b = before ?? EMPTY_PLAN;
  const changes: PlanChange[] = [];
  // Objectives keep their id when reworded, so a contact linked to one stays linked.
  const beforeById = new Map(b.objectives.map((o) => [o.id, o.text]));
  const afterIds = new Set(after.objectives.map((o) => o.id));
  for (const o of after.objectives) {
    const was = beforeById.get(o.id);
    if (was === undefined) changes.push({ field: 'objectives', kind: 'added', value: o.text });
    else if (was !== o.text) changes.push({ field: 'objectives', kind: 'changed', from: was, to: o.text });
  }
  for (const o of b.objectives) {
    if (!afterIds.has(o.id)) changes.push({ field: 'objectives', kind: 'removed', value: o.text });
  }
  changes.push(...listChanges('people', b.people.map(personKey), after.people.map(personKey)));
  changes.push(...listChanges('tools', b.tools, after.tools));
  changes.push(...listChanges('plannedSteps', b.plannedSteps.map(stepKey), after.plannedSteps.map(stepKey)));
  if (b.reviewDueOn !== after.reviewDueOn) {
    changes.push({ field: 'reviewDueOn', kind: 'changed', from: b.reviewDueOn, to: after.reviewDueOn });
  }
  if (sharingText(b) !== sharingText(after)) {
    changes.push({ field: 'sharing', kind: 'changed', from: sharingText(b), to: sharingText(after) });
  }
  if ((b.managerDirection ?? null) !== (after.managerDirection ?? null)) {
    changes.push({ field: 'managerDirection', kind: 'changed', from: b.managerDirection, to: after.managerDirection });
  }
  const priorityChanges = listChanges('managerPriorities', b.managerPriorities, after.managerPriorities);
  changes.push(...priorityChanges);
  if (
    priorityChanges.length === 0 &&
    b.managerPriorities.join('\n') !== after.managerPriorities.join('\n') &&
    b.managerPriorities.length === after.managerPriorities.length
  ) {
    changes.push({
      field: 'managerPriorities',
      kind: 'reordered',
      from: b.managerPriorities.join('\n'),
      to: after.managerPriorities.join('\n'),
    });
  }
  return changes;
}

export type ReviewState = 'none' | 'overdue' | 'due' | 'not-due';

/** The last date a review may fall on to count as due: `days` working days after today. */
export function reviewsDueBy(calendar: WorkingDayCalendar, today: string, days = REVIEW_NOTICE_WORKING_DAYS): IsoDate {
  return calendar.addWorkingDays(parseIsoDate(today), days);
}

/**
 * Pure: whether a plan's review is overdue (before today), due (today, or within the next
 * `days` working days) or not yet due.
 */
export function reviewState(
  calendar: WorkingDayCalendar,
  reviewDueOn: string | null,
  today: string,
  days = REVIEW_NOTICE_WORKING_DAYS,
): ReviewState {
  if (reviewDueOn === null) return 'none';
  if (reviewDueOn < today) return 'overdue';
  return reviewDueOn <= reviewsDueBy(calendar, today, days) ? 'due' : 'not-due';
}
