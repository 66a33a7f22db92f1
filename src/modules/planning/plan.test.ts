import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planFormSchema } from './plan-forms.ts';

const CHILD = '11111111-1111-4111-8111-111111111111';
const ctx = { today: '2026-03-02', personKeys: new Set([`child:${CHILD}`]), toolCodes: new Set(['three-houses']) };
const TOKEN = 'A'.repeat(32);

describe('the plan form', () => {
  it('keeps objectives’ ids, gives new ones theirs, and sorts the planned dates', () => {
    const parsed = planFormSchema(ctx).safeParse({
      _formToken: TOKEN,
      version: '2',
      'objective-1': ' Kept ',
      'objectiveId-1': 'aaaaaaaa-0000-4000-8000-000000000000',
      'objective-3': 'New',
      'objectiveId-3': 'aaaaaaaa-0000-4000-8000-000000000000',
      people: [`child:${CHILD}`, `child:${CHILD}`],
      otherPeople: 'Health visitor\r\n\r\nHealth visitor',
      tools: 'three-houses',
      'step-2-what': 'Later',
      'step-2-day': '31',
      'step-2-month': '3',
      'step-2-year': '2026',
      'step-1-what': 'Sooner',
      'step-1-day': '3',
      'step-1-month': '3',
      'step-1-year': '2026',
      'reviewDueOn-day': '2',
      'reviewDueOn-month': '3',
      'reviewDueOn-year': '2026',
      sharing: 'shared',
      'sharedOn-day': '2',
      'sharedOn-month': '3',
      'sharedOn-year': '2026',
      sharedHow: 'in-person',
    });
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    const d = parsed.data;
    assert.equal(d.version, 2);
    assert.equal(d.objectives[0]!.text, 'Kept');
    assert.equal(d.objectives[0]!.id, 'aaaaaaaa-0000-4000-8000-000000000000');
    // A repeated id (a tampered or copied row) is a new objective.
    assert.notEqual(d.objectives[1]!.id, d.objectives[0]!.id);
    assert.deepEqual(d.people, [
      { kind: 'child', id: CHILD },
      { kind: 'other', name: 'Health visitor' },
    ]);
    assert.deepEqual(
      d.plannedSteps.map((s) => s.what),
      ['Sooner', 'Later'],
    );
    assert.equal(d.reviewDueOn, '2026-03-02');
    assert.equal(d.sharedOn, '2026-03-02');
  });

  it('refuses a review date that is not real, a share in the future and a missing reason', () => {
    const issues = (body: Record<string, string>) => {
      const parsed = planFormSchema(ctx).safeParse({ _formToken: TOKEN, version: '0', 'objective-1': 'x', ...body });
      return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
    };
    assert.deepEqual(
      issues({ 'reviewDueOn-day': '29', 'reviewDueOn-month': '2', 'reviewDueOn-year': '2026', sharing: 'not-yet' }),
      ['planning.errors.reviewInvalid'],
    );
    assert.deepEqual(
      issues({
        'reviewDueOn-day': '29',
        'reviewDueOn-month': '2',
        'reviewDueOn-year': '2028',
        sharing: 'shared',
        'sharedOn-day': '3',
        'sharedOn-month': '3',
        'sharedOn-year': '2026',
      }),
      ['planning.errors.sharedOnFuture', 'planning.errors.sharedHowRequired'],
    );
    assert.deepEqual(
      issues({ 'reviewDueOn-day': '2', 'reviewDueOn-month': '3', 'reviewDueOn-year': '2026', sharing: 'not-shared' }),
      ['planning.errors.notSharedReasonRequired'],
    );
  });
});
