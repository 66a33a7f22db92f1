import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCalendar } from '../../platform/calendar/index.ts';
import {
  clockState,
  heldOnHearingDay,
  letterDueOn,
  localAuthorityCheckDueOn,
  policeCheckDueOn,
  screeningDueOn,
  workingDaysLeft,
} from './clocks.ts';

const calendar = createCalendar();

describe('clocks of the work to the first hearing', () => {
  it('gives screening one working day: Friday to Monday, over a bank holiday weekend', () => {
    assert.equal(screeningDueOn(calendar, '2026-03-02'), '2026-03-03');
    assert.equal(screeningDueOn(calendar, '2026-03-06'), '2026-03-09');
    // Good Friday 3 April 2026 and Easter Monday 6 April 2026.
    assert.equal(screeningDueOn(calendar, '2026-04-02'), '2026-04-07');
    // Received on a Saturday: due the first working day after.
    assert.equal(screeningDueOn(calendar, '2026-03-07'), '2026-03-09');
  });

  it('gives police checks two working days, across Christmas and a leap day', () => {
    // 24 Dec 2026 (Thu): 25 Fri and 28 Mon (Boxing Day substitute) are bank holidays.
    assert.equal(policeCheckDueOn(calendar, '2026-12-24'), '2026-12-30');
    assert.equal(policeCheckDueOn(calendar, '2028-02-28'), '2028-03-01');
    assert.equal(localAuthorityCheckDueOn(calendar, '2026-03-02'), '2026-03-09');
  });

  it('takes the court’s letter date, else two working days before the hearing', () => {
    assert.equal(letterDueOn(calendar, '2026-03-20', '2026-04-01'), '2026-03-20');
    assert.equal(letterDueOn(calendar, null, '2026-04-01'), '2026-03-30');
    // Hearing on Tuesday 7 April 2026, after Easter: Thursday 2 April is one working day
    // before, Wednesday 1 April two (Good Friday and Easter Monday do not count).
    assert.equal(letterDueOn(calendar, null, '2026-04-07'), '2026-04-01');
    assert.equal(letterDueOn(calendar, null, null), null);
  });

  it('says where a clock stands', () => {
    assert.equal(clockState('2026-03-03', '2026-03-03', '2026-03-10'), 'done-on-time');
    assert.equal(clockState('2026-03-03', '2026-03-04', '2026-03-10'), 'done-late');
    assert.equal(clockState('2026-03-03', null, '2026-03-02'), 'due');
    assert.equal(clockState('2026-03-03', null, '2026-03-03'), 'due-today');
    assert.equal(clockState('2026-03-03', null, '2026-03-04'), 'overdue');
    assert.equal(workingDaysLeft(calendar, '2026-03-09', '2026-03-06'), 1);
    assert.equal(workingDaysLeft(calendar, '2026-03-02', '2026-03-04'), -2);
  });

  it('flags an interview held on the hearing day', () => {
    assert.equal(heldOnHearingDay('2026-04-01', '2026-04-01'), true);
    assert.equal(heldOnHearingDay('2026-03-31', '2026-04-01'), false);
    assert.equal(heldOnHearingDay('2026-03-31', null), false);
  });
});
