import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { dateFromParts } from '../../platform/forms/date-input.ts';
import { isFormToken } from '../../platform/forms/form-token.ts';
import { SHARED_HOW, SHARING_CHOICES, type Sharing } from './plan-rules.ts';
import type { PlannedStep, PlanObjective, PlanPerson } from './schema.ts';

export const MAX_OBJECTIVES = 20;
export const MAX_STEPS = 12;
export const MAX_PRIORITIES = 10;
export const MAX_OTHER_PEOPLE = 20;
/** Empty rows offered after the filled ones, so that more can be added without JavaScript. */
export const SPARE_ROWS = 3;

export type Body = Record<string, unknown>;

/** A posted field as trimmed text ('' when missing or not text). */
export function field(body: Body, key: string): string {
  const v = body[key];
  return typeof v === 'string' ? v.trim() : '';
}

/** A posted field that may repeat (checkboxes) as a list of texts. */
export function fieldList(body: Body, key: string): string[] {
  const v = body[key];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.trim());
}

/** Lines of a textarea: trimmed, blank lines dropped. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

const OBJECTIVE_ID = /^[0-9a-f-]{8,40}$/;

/** What a plan form may choose from: the case's children and parties, the tools catalogue. */
export interface PlanFormContext {
  today: string;
  personKeys: ReadonlySet<string>;
  toolCodes: ReadonlySet<string>;
}

export interface PlanFormInput {
  version: number;
  formToken: string;
  objectives: PlanObjective[];
  people: PlanPerson[];
  tools: string[];
  plannedSteps: PlannedStep[];
  reviewDueOn: string;
  sharing: Sharing;
  sharedOn: string | null;
  sharedHow: string | null;
  notSharedReason: string | null;
  changeNote: string | null;
}

const baseBody = z.record(z.string(), z.unknown());

/**
 * The plan form (the worker's part). Rows are numbered fields (objective-1 …, step-1-what …)
 * so the page works without JavaScript; every problem is reported at once.
 */
export function planFormSchema(ctx: PlanFormContext) {
  return baseBody.transform((body, zctx): PlanFormInput => {
    const issue = (path: string, message: string) => zctx.addIssue({ code: 'custom', path: [path], message });
    const tooLong = (key: string, value: string, max: number, message: string) => {
      if (value.length > max) issue(key, message);
    };
    const objectives: PlanObjective[] = [];
    const seen = new Set<string>();
    for (let i = 1; i <= MAX_OBJECTIVES; i += 1) {
      const text = field(body, `objective-${i}`);
      if (text === '') continue;
      tooLong(`objective-${i}`, text, 1000, 'planning.errors.objectiveTooLong');
      const posted = field(body, `objectiveId-${i}`);
      const id = OBJECTIVE_ID.test(posted) && !seen.has(posted) ? posted : randomUUID();
      seen.add(id);
      objectives.push({ id, text });
    }
    if (objectives.length === 0) issue('objective-1', 'planning.errors.objectiveRequired');

    const people: PlanPerson[] = [];
    for (const key of fieldList(body, 'people')) {
      if (!ctx.personKeys.has(key)) {
        issue('people', 'planning.errors.personUnknown');
        continue;
      }
      const [kind, id] = key.split(':') as ['child' | 'party', string];
      if (!people.some((p) => p.kind === kind && p.id === id)) people.push({ kind, id });
    }
    const others = lines(field(body, 'otherPeople'));
    if (others.length > MAX_OTHER_PEOPLE || others.some((o) => o.length > 200)) {
      issue('otherPeople', 'planning.errors.otherPeopleTooLong');
    }
    for (const name of [...new Set(others)]) people.push({ kind: 'other', name });

    const tools = [...new Set(fieldList(body, 'tools'))];
    if (tools.some((code) => !ctx.toolCodes.has(code))) issue('tools', 'planning.errors.toolUnknown');

    const plannedSteps: PlannedStep[] = [];
    for (let i = 1; i <= MAX_STEPS; i += 1) {
      const what = field(body, `step-${i}-what`);
      const on = dateFromParts(
        field(body, `step-${i}-day`),
        field(body, `step-${i}-month`),
        field(body, `step-${i}-year`),
      );
      if (what === '' && on === null) continue;
      if (what === '') issue(`step-${i}-what`, 'planning.errors.stepWhatRequired');
      else tooLong(`step-${i}-what`, what, 500, 'planning.errors.stepWhatTooLong');
      if (on === null) issue(`step-${i}`, 'planning.errors.stepDateRequired');
      else if (on === 'invalid') issue(`step-${i}`, 'planning.errors.stepDateInvalid');
      else if (what !== '') plannedSteps.push({ what, on });
    }
    plannedSteps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));

    const review = dateFromParts(
      field(body, 'reviewDueOn-day'),
      field(body, 'reviewDueOn-month'),
      field(body, 'reviewDueOn-year'),
    );
    if (review === null) issue('reviewDueOn', 'planning.errors.reviewRequired');
    else if (review === 'invalid') issue('reviewDueOn', 'planning.errors.reviewInvalid');
    else if (review < ctx.today) issue('reviewDueOn', 'planning.errors.reviewPast');

    const sharingPosted = field(body, 'sharing');
    const sharing = (SHARING_CHOICES as readonly string[]).includes(sharingPosted) ? (sharingPosted as Sharing) : null;
    let sharedOn: string | null = null;
    let sharedHow: string | null = null;
    let notSharedReason: string | null = null;
    if (sharing === null) issue('sharing', 'planning.errors.sharingRequired');
    if (sharing === 'shared') {
      const on = dateFromParts(
        field(body, 'sharedOn-day'),
        field(body, 'sharedOn-month'),
        field(body, 'sharedOn-year'),
      );
      if (on === null) issue('sharedOn', 'planning.errors.sharedOnRequired');
      else if (on === 'invalid') issue('sharedOn', 'planning.errors.sharedOnInvalid');
      else if (on > ctx.today) issue('sharedOn', 'planning.errors.sharedOnFuture');
      else sharedOn = on;
      const how = field(body, 'sharedHow');
      if (!(SHARED_HOW as readonly string[]).includes(how)) issue('sharedHow', 'planning.errors.sharedHowRequired');
      else sharedHow = how;
    }
    if (sharing === 'not-shared') {
      notSharedReason = field(body, 'notSharedReason');
      if (notSharedReason === '') issue('notSharedReason', 'planning.errors.notSharedReasonRequired');
      tooLong('notSharedReason', notSharedReason, 2000, 'planning.errors.notSharedReasonTooLong');
    }
    const changeNote = field(body, 'changeNote');
    tooLong('changeNote', changeNote, 2000, 'planning.errors.changeNoteTooLong');

    const version = Number(field(body, 'version'));
    const formToken = field(body, '_formToken');
    if (!Number.isInteger(version) || version < 0 || !isFormToken(formToken)) {
      issue('objective-1', 'planning.errors.formExpired');
    }
    return {
      version,
      formToken,
      objectives,
      people,
      tools,
      plannedSteps,
      reviewDueOn: typeof review === 'string' && review !== 'invalid' ? review : '',
      sharing: sharing ?? 'not-yet',
      sharedOn,
      sharedHow,
      notSharedReason,
      changeNote: changeNote || null,
    };
  });
}

/** Which part of the plan a save changes: the worker's plan or the manager's direction. */
export type PlanSave = { kind: 'plan'; form: PlanFormInput } | { kind: 'direction'; form: DirectionFormInput };

export interface DirectionFormInput {
  version: number;
  formToken: string;
  direction: string;
  priorities: string[];
}

/** The manager's direction: what to do, and the priorities in order (at least one). */
export function directionFormSchema() {
  return baseBody.transform((body, zctx): DirectionFormInput => {
    const issue = (path: string, message: string) => zctx.addIssue({ code: 'custom', path: [path], message });
    const direction = field(body, 'direction');
    if (direction === '') issue('direction', 'planning.errors.directionRequired');
    else if (direction.length > 5000) issue('direction', 'planning.errors.directionTooLong');
    const priorities: string[] = [];
    for (let i = 1; i <= MAX_PRIORITIES; i += 1) {
      const p = field(body, `priority-${i}`);
      if (p === '') continue;
      if (p.length > 500) issue(`priority-${i}`, 'planning.errors.priorityTooLong');
      priorities.push(p);
    }
    if (priorities.length === 0) issue('priority-1', 'planning.errors.priorityRequired');
    const version = Number(field(body, 'version'));
    const formToken = field(body, '_formToken');
    if (!Number.isInteger(version) || version < 0 || !isFormToken(formToken)) {
      issue('direction', 'planning.errors.formExpired');
    }
    return { version, formToken, direction, priorities };
  });
}
