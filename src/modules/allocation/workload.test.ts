import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCalendar } from '../../platform/calendar/index.ts';
import { lastDayOfMonth, monthEndDeadline, queueClock } from './deadlines.ts';
import {
  allocationRoleFor,
  CASE_STAGES,
  CASE_TYPES,
  capacityUsed,
  caseTypeKey,
  caseWeight,
  DEFAULT_WORKLOAD_WEIGHTS,
  defaultCapacity,
  defaultWeightTable,
  FULL_TIME_CAPACITY,
  formatPoints,
  resultingCaseload,
  siblingQuarters,
  stageOf,
  type WeightTable,
  weightedCaseload,
} from './workload.ts';

const calendar = createCalendar();
const weights = defaultWeightTable();
const c100 = (status: string, children = 1) => ({ law: 'private', applicationType: 'c100', status, children });

describe('workload weights', () => {
  it('has a default for every case type and stage', () => {
    for (const type of CASE_TYPES) {
      const row = DEFAULT_WORKLOAD_WEIGHTS[caseTypeKey(type.law, type.applicationType)];
      assert.ok(row, `${type.law}/${type.applicationType}`);
      for (const stage of CASE_STAGES) assert.equal(typeof row[stage], 'number');
    }
  });

  it('weighs a case by type and stage; closed cases weigh nothing; other open states as allocated', () => {
    assert.equal(caseWeight(weights, c100('allocated')), 1);
    assert.equal(caseWeight(weights, c100('report-filed')), 0.5);
    assert.equal(caseWeight(weights, c100('closing')), 0.25);
    assert.equal(caseWeight(weights, { ...c100('reporting'), law: 'public', applicationType: 'c110a' }), 2);
    assert.equal(caseWeight(weights, c100('closed')), 0);
    assert.equal(stageOf('awaiting-allocation'), 'allocated');
    assert.equal(stageOf('received'), 'allocated');
    assert.equal(stageOf('closed'), null);
    // A type with no weight set counts one point.
    assert.equal(
      caseWeight(weights, { law: 'private', applicationType: 'new-kind', status: 'allocated', children: 1 }),
      1,
    );
  });

  it('adds a quarter for each child after the first, up to double', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 9].map(siblingQuarters), [4, 4, 5, 6, 7, 8, 8]);
    assert.equal(caseWeight(weights, c100('allocated', 2)), 1.25);
    assert.equal(caseWeight(weights, c100('allocated', 3)), 1.5);
    assert.equal(caseWeight(weights, c100('allocated', 7)), 2);
    // 0.75 × 1.25 = 0.9375, half a hundredth and more rounds up.
    assert.equal(caseWeight(weights, { ...c100('allocated', 2), applicationType: 'enforcement' }), 0.94);
    // 0.25 × 1.75 = 0.4375 → 0.44; values with no exact binary form still round the same as SQL.
    assert.equal(caseWeight(weights, c100('closing', 4)), 0.44);
    const odd: WeightTable = new Map([['private/c100', { allocated: 0.33 }]]);
    assert.equal(caseWeight(odd, c100('allocated', 2)), 0.41); // 0.4125 → 0.41
    assert.equal(caseWeight(odd, c100('allocated', 4)), 0.58); // 0.5775 → 0.58
  });

  it('sums a weighted caseload exactly to the hundredth', () => {
    const cases = [c100('allocated', 2), c100('reporting'), c100('closing', 4), c100('closed', 3)];
    assert.equal(weightedCaseload(weights, cases), 1.25 + 1 + 0.44);
    assert.equal(weightedCaseload(weights, []), 0);
    const tenths: WeightTable = new Map([['private/c100', { allocated: 0.1 }]]);
    assert.equal(weightedCaseload(tenths, [c100('allocated'), c100('allocated'), c100('allocated')]), 0.3);
  });

  it('gives capacity used and the resulting caseload if a case were added', () => {
    assert.equal(capacityUsed(11, 22), 50);
    assert.equal(capacityUsed(23.1, 22), 105);
    assert.equal(capacityUsed(5, null), null);
    assert.equal(capacityUsed(5, 0), null);
    // A case waiting for allocation weighs as allocated once given.
    const after = resultingCaseload(weights, { points: 20.5, capacity: 22 }, c100('awaiting-allocation', 3));
    assert.deepEqual(after, { points: 22, added: 1.5, percent: 100, overCapacity: false });
    const over = resultingCaseload(weights, { points: 21.75, capacity: 22 }, c100('reporting'));
    assert.equal(over.points, 22.75);
    assert.equal(over.overCapacity, true);
    const associate = resultingCaseload(weights, { points: 0, capacity: null }, c100('awaiting-allocation'));
    assert.deepEqual(associate, { points: 1, added: 1, percent: null, overCapacity: false });
  });

  it('gives full-time capacity to employed practitioners and none to associates until contracted', () => {
    assert.equal(defaultCapacity(['fca']), FULL_TIME_CAPACITY);
    assert.equal(defaultCapacity(['childrens-guardian']), FULL_TIME_CAPACITY);
    assert.equal(defaultCapacity(['associate']), null);
  });

  it('chooses the allocation role from the practitioner and the kind of case', () => {
    const privateCase = { law: 'private', applicationType: 'c100' };
    const careCase = { law: 'public', applicationType: 'c110a' };
    assert.equal(allocationRoleFor(['fca'], privateCase), 'fca');
    assert.equal(allocationRoleFor(['childrens-guardian', 'fca'], careCase), 'childrens-guardian');
    assert.equal(
      allocationRoleFor(['childrens-guardian', 'fca'], { law: 'private', applicationType: 'rule-16-4' }),
      'childrens-guardian',
    );
    assert.equal(allocationRoleFor(['childrens-guardian', 'fca'], privateCase), 'fca');
    assert.equal(allocationRoleFor(['associate'], careCase), 'associate');
  });

  it('formats points without trailing zeros', () => {
    assert.equal(formatPoints(12), '12');
    assert.equal(formatPoints(12.5), '12.5');
    assert.equal(formatPoints(0.1 + 0.2), '0.3');
  });
});

describe('month-end allocation deadline', () => {
  it('is the last working day of the month the case became ready in', () => {
    assert.equal(monthEndDeadline(calendar, '2026-03-02'), '2026-03-31');
    // January 2026 ends on a Saturday: due Friday 30th.
    assert.equal(monthEndDeadline(calendar, '2026-01-05'), '2026-01-30');
    // May 2026 ends on a Sunday: due Friday 29th.
    assert.equal(monthEndDeadline(calendar, '2026-05-11'), '2026-05-29');
  });

  it('steps back over a bank holiday at the end of May and of August', () => {
    // Monday 31 May 2027 is the spring bank holiday: due Friday 28 May.
    assert.equal(monthEndDeadline(calendar, '2027-05-04'), '2027-05-28');
    // Monday 31 August 2026 is the summer bank holiday: due Friday 28 August.
    assert.equal(monthEndDeadline(calendar, '2026-08-03'), '2026-08-28');
  });

  it('handles February in leap years and not', () => {
    assert.equal(lastDayOfMonth('2028-02-03'), '2028-02-29');
    assert.equal(lastDayOfMonth('2026-02-03'), '2026-02-28');
    // Tuesday 29 February 2028 is a working day.
    assert.equal(monthEndDeadline(calendar, '2028-02-10'), '2028-02-29');
    // Saturday 28 February 2026: due Friday 27th.
    assert.equal(monthEndDeadline(calendar, '2026-02-02'), '2026-02-27');
  });

  it('makes a case ready on the last day of a month due that day', () => {
    assert.equal(monthEndDeadline(calendar, '2026-03-31'), '2026-03-31');
    assert.equal(monthEndDeadline(calendar, '2028-02-29'), '2028-02-29');
    // Ready on the weekend after the month's last working day: still that month's work, due that day.
    assert.equal(monthEndDeadline(calendar, '2026-02-28'), '2026-02-28');
    assert.equal(monthEndDeadline(calendar, '2026-08-31'), '2026-08-31');
  });

  it('gives the age in working days and whether it is overdue', () => {
    // Ready Friday 27 Feb 2026, today Monday 2 March: 1 working day old, February's deadline passed.
    assert.deepEqual(queueClock(calendar, '2026-02-27', '2026-03-02'), {
      ageWorkingDays: 1,
      deadline: '2026-02-27',
      overdue: true,
      dueToday: false,
      workingDaysLeft: -1,
    });
    // Ready Thursday 27 August 2026, today Friday 28 August (bank holiday Monday follows): due today.
    const clock = queueClock(calendar, '2026-08-27', '2026-08-28');
    assert.equal(clock.dueToday, true);
    assert.equal(clock.overdue, false);
    assert.equal(clock.ageWorkingDays, 1);
    // Age across the August bank holiday: Thursday 27 to Tuesday 1 September is 2 working days (Fri, Tue).
    assert.equal(queueClock(calendar, '2026-08-27', '2026-09-01').ageWorkingDays, 2);
  });
});
