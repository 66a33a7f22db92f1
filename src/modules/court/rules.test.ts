import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCalendar } from '../../platform/calendar/index.ts';
import { FIRST_HEARING_REPORT_TYPES, PRL_ORDER_TYPES } from '../safeguarding/service.ts';
import {
  atRiskThrough,
  channelsFor,
  DELAY_WARNING_WORKING_DAYS,
  DIRECTION_TYPES,
  delayRisk,
  finalOrderAllowed,
  isTellableParty,
  londonDateTime,
  londonInstant,
  ORDER_TYPES,
  parseTime,
  willBeMissed,
} from './rules.ts';

const calendar = createCalendar();
const open = (dueOn: string | null) => ({ dueOn, filedOn: null });

describe('will a filing date be missed (DOMAIN §3.4)', () => {
  it('warns two working days ahead', () => {
    assert.equal(DELAY_WARNING_WORKING_DAYS, 2);
  });

  it('counts working days over a weekend: a Wednesday sees up to the Sunday', () => {
    const wednesday = '2026-03-04';
    assert.equal(atRiskThrough(calendar, wednesday), '2026-03-08');
    assert.equal(delayRisk(calendar, open('2026-03-05'), wednesday), 'will-be-missed');
    assert.equal(delayRisk(calendar, open('2026-03-06'), wednesday), 'will-be-missed');
    // Due on the Saturday or Sunday: nothing is filed at the weekend, so it is as close as Friday.
    assert.equal(delayRisk(calendar, open('2026-03-07'), wednesday), 'will-be-missed');
    assert.equal(delayRisk(calendar, open('2026-03-08'), wednesday), 'will-be-missed');
    assert.equal(delayRisk(calendar, open('2026-03-09'), wednesday), 'on-track');
  });

  it('looks from a weekend to the working days after it', () => {
    assert.equal(atRiskThrough(calendar, '2026-03-07'), '2026-03-10');
    assert.equal(delayRisk(calendar, open('2026-03-10'), '2026-03-07'), 'will-be-missed');
    assert.equal(delayRisk(calendar, open('2026-03-11'), '2026-03-07'), 'on-track');
  });

  it('skips the Easter bank holidays', () => {
    // Good Friday 3 April and Easter Monday 6 April 2026: from Thursday 2 April, Tuesday
    // and Wednesday are the next two working days.
    assert.equal(atRiskThrough(calendar, '2026-04-02'), '2026-04-08');
    assert.equal(delayRisk(calendar, open('2026-04-06'), '2026-04-02'), 'will-be-missed');
    assert.equal(delayRisk(calendar, open('2026-04-08'), '2026-04-02'), 'will-be-missed');
    assert.equal(delayRisk(calendar, open('2026-04-09'), '2026-04-02'), 'on-track');
  });

  it('skips Christmas, Boxing Day on its substitute Monday, and runs over the year end', () => {
    // 25 December 2026 is a Friday; Boxing Day is on Monday 28th.
    assert.equal(atRiskThrough(calendar, '2026-12-24'), '2026-12-30');
    assert.equal(delayRisk(calendar, open('2026-12-31'), '2026-12-24'), 'on-track');
    // From 30 December: 31 December, then New Year's Day is a holiday, then Monday 4 January.
    assert.equal(atRiskThrough(calendar, '2026-12-30'), '2027-01-04');
    assert.equal(delayRisk(calendar, open('2027-01-01'), '2026-12-30'), 'will-be-missed');
    assert.equal(delayRisk(calendar, open('2027-01-04'), '2026-12-30'), 'will-be-missed');
    assert.equal(delayRisk(calendar, open('2027-01-05'), '2026-12-30'), 'on-track');
  });

  it('runs over month ends and 29 February', () => {
    assert.equal(atRiskThrough(calendar, '2026-01-30'), '2026-02-03');
    assert.equal(atRiskThrough(calendar, '2024-02-27'), '2024-02-29');
    assert.equal(delayRisk(calendar, open('2024-02-29'), '2024-02-27'), 'will-be-missed');
    assert.equal(delayRisk(calendar, open('2024-03-01'), '2024-02-27'), 'on-track');
  });

  it('counts today and past dates, and never a filed direction or one without a date', () => {
    assert.equal(delayRisk(calendar, open('2026-03-04'), '2026-03-04'), 'will-be-missed');
    assert.equal(delayRisk(calendar, open('2026-03-03'), '2026-03-04'), 'missed');
    assert.equal(delayRisk(calendar, { dueOn: '2026-03-03', filedOn: '2026-03-04' }, '2026-03-05'), 'filed');
    assert.equal(delayRisk(calendar, open(null), '2026-03-04'), 'no-date');
    assert.equal(willBeMissed(calendar, open('2026-03-03'), '2026-03-04'), true);
    assert.equal(willBeMissed(calendar, open('2026-03-06'), '2026-03-04'), true);
    assert.equal(willBeMissed(calendar, open('2026-03-09'), '2026-03-04'), false);
    assert.equal(willBeMissed(calendar, { dueOn: '2026-03-03', filedOn: '2026-03-02' }, '2026-03-04'), false);
    assert.equal(willBeMissed(calendar, open(null), '2026-03-04'), false);
  });

  it('takes another window when asked', () => {
    assert.equal(atRiskThrough(calendar, '2026-03-04', 0), '2026-03-04');
    assert.equal(willBeMissed(calendar, open('2026-03-05'), '2026-03-04', 0), false);
    assert.equal(atRiskThrough(calendar, '2026-03-06', 0), '2026-03-08');
  });
});

describe('how a party can be told', () => {
  it('offers e-mail, then text, then always a letter, and never a confidential value', () => {
    assert.deepEqual(
      channelsFor([
        { kind: 'phone', value: '07700 900123', confidential: false, refuge: false },
        { kind: 'email', value: ' dad@example.test ', confidential: false, refuge: false },
      ]),
      [
        { channel: 'email', recipient: 'dad@example.test' },
        { channel: 'sms', recipient: '07700 900123' },
        { channel: 'letter', recipient: null },
      ],
    );
    assert.deepEqual(
      channelsFor([
        { kind: 'email', value: 'secret@example.test', confidential: true, refuge: false },
        { kind: 'phone', value: '07700 900999', confidential: false, refuge: true },
        { kind: 'address', value: null, confidential: false, refuge: false },
      ]),
      [{ channel: 'letter', recipient: null }],
    );
    assert.deepEqual(channelsFor([]), [{ channel: 'letter', recipient: null }]);
  });

  it('tells adult parties, not the local authority or a child party', () => {
    assert.equal(isTellableParty({ partyRole: 'applicant', dateOfBirth: '1990-01-01' }, '2026-03-02'), true);
    assert.equal(isTellableParty({ partyRole: 'respondent', dateOfBirth: null }, '2026-03-02'), true);
    assert.equal(isTellableParty({ partyRole: 'local-authority', dateOfBirth: null }, '2026-03-02'), false);
    assert.equal(isTellableParty({ partyRole: 'other-party', dateOfBirth: '2008-03-03' }, '2026-03-02'), false);
    assert.equal(isTellableParty({ partyRole: 'other-party', dateOfBirth: '2008-03-02' }, '2026-03-02'), true);
    // Born on 29 February: 18 on 1 March in a year without one.
    assert.equal(isTellableParty({ partyRole: 'other-party', dateOfBirth: '2008-02-29' }, '2026-02-28'), false);
    assert.equal(isTellableParty({ partyRole: 'other-party', dateOfBirth: '2008-02-29' }, '2026-03-01'), true);
  });
});

describe('orders, directions and hearings', () => {
  it('keeps the first hearing’s order and report types', () => {
    for (const o of PRL_ORDER_TYPES) assert.ok((ORDER_TYPES as readonly string[]).includes(o), o);
    for (const r of FIRST_HEARING_REPORT_TYPES) assert.ok((DIRECTION_TYPES as readonly string[]).includes(r), r);
    assert.equal(ORDER_TYPES.at(-1), 'other');
    assert.equal(DIRECTION_TYPES.at(-1), 'other');
  });

  it('allows a final order from allocated, reporting or report filed only', () => {
    assert.equal(finalOrderAllowed('allocated'), true);
    assert.equal(finalOrderAllowed('reporting'), true);
    assert.equal(finalOrderAllowed('report-filed'), true);
    assert.equal(finalOrderAllowed('awaiting-allocation'), false);
    assert.equal(finalOrderAllowed('closing'), false);
    assert.equal(finalOrderAllowed('closed'), false);
  });

  it('reads times and turns London wall-clock time into instants across summer time', () => {
    assert.deepEqual(parseTime('9:30'), { hours: 9, minutes: 30 });
    assert.deepEqual(parseTime('14.05'), { hours: 14, minutes: 5 });
    assert.equal(parseTime('24:00'), null);
    assert.equal(parseTime('2pm'), null);
    assert.equal(parseTime(''), null);
    assert.equal(londonInstant('2026-03-02', { hours: 10, minutes: 0 }).toISOString(), '2026-03-02T10:00:00.000Z');
    assert.equal(londonInstant('2026-06-15', { hours: 10, minutes: 0 }).toISOString(), '2026-06-15T09:00:00.000Z');
    // The day the clocks go forward (29 March 2026, 1am → 2am).
    assert.equal(londonInstant('2026-03-29', { hours: 10, minutes: 30 }).toISOString(), '2026-03-29T09:30:00.000Z');
    assert.equal(londonInstant('2026-10-25', { hours: 10, minutes: 30 }).toISOString(), '2026-10-25T10:30:00.000Z');
    assert.deepEqual(londonDateTime('2026-06-15T23:30:00Z'), { date: '2026-06-16', time: '00:30' });
    assert.deepEqual(londonDateTime('2026-01-15T23:30:00Z'), { date: '2026-01-15', time: '23:30' });
  });
});
