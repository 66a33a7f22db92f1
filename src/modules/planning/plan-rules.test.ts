import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCalendar } from '../../platform/calendar/index.ts';
import { EMPTY_PLAN, type PlanContent, planDiff, reviewState, reviewsDueBy } from './plan-rules.ts';

const calendar = createCalendar();

const plan = (over: Partial<PlanContent>): PlanContent => ({ ...EMPTY_PLAN, ...over });

describe('plan diff between versions', () => {
  it('gives everything in a first version as added', () => {
    const changes = planDiff(
      null,
      plan({
        objectives: [{ id: 'a1b2c3d4', text: 'Wishes and feelings' }],
        tools: ['three-houses'],
        reviewDueOn: '2026-03-16',
        sharing: 'not-yet',
      }),
    );
    assert.deepEqual(changes, [
      { field: 'objectives', kind: 'added', value: 'Wishes and feelings' },
      { field: 'tools', kind: 'added', value: 'three-houses' },
      { field: 'reviewDueOn', kind: 'changed', from: null, to: '2026-03-16' },
      { field: 'sharing', kind: 'changed', from: null, to: 'not-yet' },
    ]);
  });

  it('follows objectives by id: reworded, added and removed', () => {
    const before = plan({
      objectives: [
        { id: 'aaaaaaaa', text: 'Is the home safe?' },
        { id: 'bbbbbbbb', text: 'School attendance' },
      ],
    });
    const after = plan({
      objectives: [
        { id: 'aaaaaaaa', text: 'Is the father’s home safe for overnight stays?' },
        { id: 'cccccccc', text: 'Health needs' },
      ],
    });
    assert.deepEqual(planDiff(before, after), [
      {
        field: 'objectives',
        kind: 'changed',
        from: 'Is the home safe?',
        to: 'Is the father’s home safe for overnight stays?',
      },
      { field: 'objectives', kind: 'added', value: 'Health needs' },
      { field: 'objectives', kind: 'removed', value: 'School attendance' },
    ]);
  });

  it('tells each child of a sibling group apart, and others typed in', () => {
    const before = plan({
      people: [
        { kind: 'child', id: 'child-1' },
        { kind: 'other', name: 'Ms Jones' },
      ],
    });
    const after = plan({
      people: [
        { kind: 'child', id: 'child-1' },
        { kind: 'child', id: 'child-2' },
      ],
    });
    assert.deepEqual(planDiff(before, after), [
      { field: 'people', kind: 'added', value: 'child:child-2' },
      { field: 'people', kind: 'removed', value: 'other:Ms Jones' },
    ]);
  });

  it('sees a planned step moved to another date as one removed and one added', () => {
    const before = plan({ plannedSteps: [{ what: 'Home visit', on: '2026-03-10' }] });
    const after = plan({ plannedSteps: [{ what: 'Home visit', on: '2026-03-12' }] });
    assert.deepEqual(planDiff(before, after), [
      { field: 'plannedSteps', kind: 'added', value: '2026-03-12 Home visit' },
      { field: 'plannedSteps', kind: 'removed', value: '2026-03-10 Home visit' },
    ]);
  });

  it('notices the manager’s priorities put in a new order, and a new direction', () => {
    const before = plan({ managerDirection: 'See the children', managerPriorities: ['A', 'B'] });
    const after = plan({ managerDirection: 'See the children alone', managerPriorities: ['B', 'A'] });
    assert.deepEqual(planDiff(before, after), [
      { field: 'managerDirection', kind: 'changed', from: 'See the children', to: 'See the children alone' },
      { field: 'managerPriorities', kind: 'reordered', from: 'A\nB', to: 'B\nA' },
    ]);
  });

  it('compares how the plan was shared, not only whether', () => {
    const before = plan({ sharing: 'shared', sharedOn: '2026-03-02', sharedHow: 'letter' });
    assert.deepEqual(planDiff(before, { ...before }), []);
    assert.deepEqual(planDiff(before, { ...before, sharedHow: 'in-person' }), [
      { field: 'sharing', kind: 'changed', from: 'shared|2026-03-02|letter', to: 'shared|2026-03-02|in-person' },
    ]);
  });
});

describe('plan review due, in working days', () => {
  it('counts over the Easter bank holidays', () => {
    // Thursday 2 April 2026; Good Friday 3 and Easter Monday 6 April are not working days.
    assert.equal(reviewsDueBy(calendar, '2026-04-02', 5), '2026-04-13');
    assert.equal(reviewState(calendar, '2026-04-13', '2026-04-02'), 'due');
    assert.equal(reviewState(calendar, '2026-04-14', '2026-04-02'), 'not-due');
  });

  it('counts over Christmas with a substitute Boxing Day', () => {
    // Christmas Day is Friday 25 December 2026, Boxing Day is kept on Monday 28 December.
    assert.equal(reviewsDueBy(calendar, '2026-12-24', 1), '2026-12-29');
  });

  it('crosses a month end and a leap day', () => {
    assert.equal(reviewsDueBy(calendar, '2026-01-30', 1), '2026-02-02');
    assert.equal(reviewsDueBy(calendar, '2028-02-28', 1), '2028-02-29');
  });

  it('is overdue from the day after, due on the day, and none without a date', () => {
    assert.equal(reviewState(calendar, '2026-03-01', '2026-03-02'), 'overdue');
    assert.equal(reviewState(calendar, '2026-03-02', '2026-03-02'), 'due');
    assert.equal(reviewState(calendar, null, '2026-03-02'), 'none');
    // On a Saturday, the next five working days run to the Friday after.
    assert.equal(reviewState(calendar, '2026-03-13', '2026-03-07'), 'due');
    assert.equal(reviewState(calendar, '2026-03-16', '2026-03-07'), 'not-due');
  });
});
