import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCalendar, type IsoDate } from '../../../platform/calendar/index.ts';
import { caseWeight, defaultWeightTable, stageOf } from '../../allocation/service.ts';
import type { CaseBundle } from '../case-bundle.ts';
import type { MeasureContext } from '../kpi.ts';
import { type FactRow, measureCase } from '../measure.ts';
import { KPIS, kpiById } from './index.ts';

// Hand-computed expectations over hand-built cases: each test says why its dates are what they are.

const calendar = createCalendar();
const weights = defaultWeightTable();
const ctx = (today: string): MeasureContext => ({
  calendar,
  today: today as IsoDate,
  weigh: ({ law, applicationType, children, stage }) =>
    caseWeight(weights, { law, applicationType, children, status: stage }, stageOf(stage) ?? 'allocated'),
});

const d = (s: string) => s as IsoDate;

function bundle(over: Partial<CaseBundle> = {}): CaseBundle {
  return {
    caseId: 'case-1',
    reference: 'CV-1',
    law: 'private',
    applicationType: 'c100',
    status: 'safeguarding-checks',
    areaId: 'area-a',
    teamId: 'team-a',
    receivedOn: d('2026-12-24'),
    firstHearingOn: null,
    closedOn: null,
    restricted: false,
    children: [{ childId: 'child-1' }],
    areaChanges: [],
    stateEvents: [],
    screening: null,
    checks: [],
    letters: [],
    allocations: [],
    directions: [],
    reports: [],
    sessions: [],
    ...over,
  };
}

const unitsOf = (rows: FactRow[], kpi: string) => rows.filter((r) => r.kpi === kpi);

describe('the KPI catalogue', () => {
  it('holds the KPIs of DOMAIN §6 whose records exist (demand also by law type), in order, each in English and Welsh', () => {
    assert.deepEqual(
      KPIS.map((k) => k.id),
      [
        'screening-on-time',
        'police-checks-on-time',
        'risk-identification-complete',
        'safeguarding-letter-on-time',
        'allocated-by-month-end-private',
        'allocated-by-month-end-public',
        'care-allocation-time',
        'section-7-on-time',
        'children-seen',
        'caseload',
        'demand',
        'demand-private-law',
        'demand-public-law',
      ],
    );
    for (const k of KPIS) {
      for (const text of [k.title, k.numerator, k.denominator, k.definition]) {
        assert.ok(text.en.trim() && text.cy.trim() && text.en !== text.cy, `${k.id}: ${text.en}`);
      }
      assert.ok(k.source.en.trim() && k.source.cy.trim(), k.id);
    }
    assert.equal(kpiById('no-such-kpi'), undefined);
  });
});

describe('screening on time', () => {
  it('over Christmas: received Thursday 24 December 2026, due Tuesday 29 December (25 Dec Friday, Boxing Day substitute Monday 28)', () => {
    const late = unitsOf(
      measureCase(bundle({ screening: { screenedOn: d('2026-12-30'), screenedBy: 'u1' } }), ctx('2027-01-10')),
      'screening-on-time',
    );
    assert.deepEqual(
      late.map((u) => [u.day, u.dueOn, u.doneOn, u.value, u.practitionerId]),
      [['2026-12-24', '2026-12-29', '2026-12-30', 0, 'u1']],
    );
    const onTime = unitsOf(
      measureCase(bundle({ screening: { screenedOn: d('2026-12-29'), screenedBy: 'u1' } }), ctx('2027-01-10')),
      'screening-on-time',
    );
    assert.equal(onTime[0]?.value, 1);
  });
  it('over a weekend: received Friday, due Monday', () => {
    const [u] = unitsOf(measureCase(bundle({ receivedOn: d('2026-11-27') }), ctx('2026-11-28')), 'screening-on-time');
    assert.equal(u?.dueOn, '2026-11-30');
    assert.equal(u?.doneOn, null);
  });
  it('counts only private-law cases', () => {
    assert.equal(
      unitsOf(measureCase(bundle({ law: 'public', applicationType: 'c110a' }), ctx('2027-01-10')), 'screening-on-time')
        .length,
      0,
    );
  });
});

describe('police checks and risk identification', () => {
  const checks: CaseBundle['checks'] = [
    // Requested Wednesday 30 December 2026: due Monday 4 January 2027 (1 January is New Year's Day).
    { id: 'p1', kind: 'police', requestedOn: d('2026-12-30'), returnedOn: d('2027-01-04'), createdBy: 'seo' },
    { id: 'p2', kind: 'police', requestedOn: d('2026-12-30'), returnedOn: d('2027-01-05'), createdBy: 'seo' },
    { id: 'la', kind: 'local-authority', requestedOn: d('2026-12-30'), returnedOn: d('2027-01-08'), createdBy: 'seo' },
  ];
  it('each police check is due 2 working days after its request', () => {
    const units = unitsOf(measureCase(bundle({ checks }), ctx('2027-02-01')), 'police-checks-on-time');
    assert.deepEqual(
      units.map((u) => [u.unitId, u.dueOn, u.value]),
      [
        ['p1', '2027-01-04', 1],
        ['p2', '2027-01-04', 0],
      ],
    );
  });
  it('risk identification is complete when screening and every check are back before the hearing day', () => {
    const base = { checks, screening: { screenedOn: d('2026-12-29'), screenedBy: 'seo' } };
    const [met] = unitsOf(
      measureCase(bundle({ ...base, firstHearingOn: d('2027-01-11') }), ctx('2027-02-01')),
      'risk-identification-complete',
    );
    assert.deepEqual([met?.day, met?.dueOn, met?.doneOn, met?.value], ['2027-01-11', '2027-01-10', '2027-01-08', 1]);
    // The local-authority check came back on the day before the hearing: still before the hearing day.
    const [edge] = unitsOf(
      measureCase(bundle({ ...base, firstHearingOn: d('2027-01-09') }), ctx('2027-02-01')),
      'risk-identification-complete',
    );
    assert.equal(edge?.value, 1);
    const [onTheDay] = unitsOf(
      measureCase(bundle({ ...base, firstHearingOn: d('2027-01-08') }), ctx('2027-02-01')),
      'risk-identification-complete',
    );
    assert.equal(onTheDay?.value, 0);
    const missing = { ...base, checks: checks.map((c) => (c.id === 'la' ? { ...c, returnedOn: null } : c)) };
    const [open] = unitsOf(
      measureCase(bundle({ ...missing, firstHearingOn: d('2027-01-11') }), ctx('2027-02-01')),
      'risk-identification-complete',
    );
    assert.deepEqual([open?.doneOn, open?.value], [null, 0]);
  });
});

describe('allocation by month end', () => {
  const reopened = bundle({
    status: 'allocated',
    receivedOn: d('2026-08-03'),
    stateEvents: [
      { on: d('2026-10-31'), event: 'first-hearing-outcome', details: { to: 'awaiting-allocation' } },
      { on: d('2026-11-04'), event: 'allocated', details: { to: 'allocated' } },
      { on: d('2027-01-20'), event: 'withdrawn', details: { to: 'closed' } },
      { on: d('2027-04-30'), event: 'reopened', details: { to: 'awaiting-allocation' } },
    ],
    allocations: [
      { userId: 'fca-1', role: 'fca', allocatedOn: d('2026-11-04'), endedOn: d('2027-01-20') },
      { userId: 'seo-1', role: 'seo', allocatedOn: d('2027-04-30'), endedOn: null },
      { userId: 'fca-2', role: 'fca', allocatedOn: d('2027-04-30'), endedOn: null },
    ],
  });
  it('a case ready on Saturday 31 October 2026 is due that day (after the last working day), so 4 November is late', () => {
    const [first] = unitsOf(measureCase(reopened, ctx('2027-05-10')), 'allocated-by-month-end-private');
    assert.deepEqual(
      [first?.unitId, first?.dueOn, first?.doneOn, first?.value],
      ['case-1:2026-10-31', '2026-10-31', '2026-11-04', 0],
    );
  });
  it('a reopened case is a second episode: ready Friday 30 April 2027, allocated that day (an SEO allocation does not count)', () => {
    const units = unitsOf(measureCase(reopened, ctx('2027-05-10')), 'allocated-by-month-end-private');
    assert.equal(units.length, 2);
    assert.deepEqual(
      [units[1]?.dueOn, units[1]?.doneOn, units[1]?.value, units[1]?.practitionerId],
      ['2027-04-30', '2027-04-30', 1, 'fca-2'],
    );
  });
  it('public law: received Monday 31 August 2026 (bank holiday), due that day; allocated 1 September is late', () => {
    const b = bundle({
      law: 'public',
      applicationType: 'c110a',
      receivedOn: d('2026-08-31'),
      allocations: [{ userId: 'g1', role: 'childrens-guardian', allocatedOn: d('2026-09-01'), endedOn: null }],
    });
    const rows = measureCase(b, ctx('2026-10-01'));
    const [alloc] = unitsOf(rows, 'allocated-by-month-end-public');
    assert.deepEqual([alloc?.dueOn, alloc?.value], ['2026-08-31', 0]);
    // Care allocation time: working days after 31 August up to 1 September = 1.
    const [time] = unitsOf(rows, 'care-allocation-time');
    assert.deepEqual([time?.doneOn, time?.value], ['2026-09-01', 1]);
  });
});

describe('section 7 reports and children seen', () => {
  const sibling = bundle({
    status: 'report-filed',
    children: [{ childId: 'c1' }, { childId: 'c2' }],
    directions: [{ id: 'dir-1', reportType: 'section-7', dueOn: d('2028-02-29'), filedOn: d('2028-02-29') }],
    reports: [
      {
        id: 'r1',
        kind: 'section-7',
        directionId: 'dir-1',
        status: 'filed',
        dueOn: d('2028-02-29'),
        filedOn: d('2028-02-29'),
        authorId: 'fca-1',
      },
    ],
    sessions: [
      { childId: 'c1', heldOn: d('2028-02-01'), seen: true, seenAlone: true, notSeenAloneReason: null },
      { childId: 'c2', heldOn: d('2028-02-01'), seen: true, seenAlone: false, notSeenAloneReason: null },
    ],
  });
  it('filed on the due date, 29 February 2028 (a leap day), is on time', () => {
    const [u] = unitsOf(measureCase(sibling, ctx('2028-03-10')), 'section-7-on-time');
    assert.deepEqual([u?.day, u?.value, u?.practitionerId], ['2028-02-29', 1, 'fca-1']);
  });
  it('a sibling group counts only when every child was seen, and seen alone or the reason is recorded', () => {
    const [notAlone] = unitsOf(measureCase(sibling, ctx('2028-03-10')), 'children-seen');
    assert.equal(notAlone?.value, 0);
    const withReason = {
      ...sibling,
      sessions: sibling.sessions.map((s) =>
        s.childId === 'c2' ? { ...s, notSeenAloneReason: 'Aged 3: seen with their sibling' } : s,
      ),
    };
    assert.equal(unitsOf(measureCase(withReason, ctx('2028-03-10')), 'children-seen')[0]?.value, 1);
    const oneUnseen = { ...sibling, sessions: sibling.sessions.filter((s) => s.childId === 'c1') };
    assert.equal(unitsOf(measureCase(oneUnseen, ctx('2028-03-10')), 'children-seen')[0]?.value, 0);
  });
});

describe('demand', () => {
  it('counts every case by the day received, and each law type on its own', () => {
    const privateCase = measureCase(bundle({ law: 'private', receivedOn: d('2026-11-02') }), ctx('2026-11-30'));
    const publicCase = measureCase(
      bundle({ law: 'public', applicationType: 'c110a', receivedOn: d('2026-11-03') }),
      ctx('2026-11-30'),
    );
    const adoption = measureCase(bundle({ law: 'adoption', receivedOn: d('2026-11-04') }), ctx('2026-11-30'));
    const days = (rows: ReturnType<typeof measureCase>, kpi: string) => unitsOf(rows, kpi).map((r) => r.day);
    assert.deepEqual(days(privateCase, 'demand'), ['2026-11-02']);
    assert.deepEqual(days(privateCase, 'demand-private-law'), ['2026-11-02']);
    assert.deepEqual(days(privateCase, 'demand-public-law'), []);
    assert.deepEqual(days(publicCase, 'demand-public-law'), ['2026-11-03']);
    assert.deepEqual(days(publicCase, 'demand-private-law'), []);
    assert.deepEqual(days(adoption, 'demand'), ['2026-11-04']);
    assert.deepEqual([...days(adoption, 'demand-private-law'), ...days(adoption, 'demand-public-law')], []);
  });
});

describe('where and whether a unit counts', () => {
  it('a case moved between areas mid-period: work before the move stays with the old area', () => {
    const b = bundle({
      areaId: 'area-b',
      teamId: 'team-b',
      receivedOn: d('2026-11-02'),
      screening: { screenedOn: d('2026-11-03'), screenedBy: 'u1' },
      areaChanges: [
        { on: d('2026-11-10'), fromAreaId: 'area-a', fromTeamId: 'team-a', toAreaId: 'area-b', toTeamId: 'team-b' },
      ],
      checks: [
        { id: 'p1', kind: 'police', requestedOn: d('2026-11-10'), returnedOn: d('2026-11-11'), createdBy: 'u2' },
      ],
    });
    const rows = measureCase(b, ctx('2026-11-30'));
    assert.deepEqual(
      unitsOf(rows, 'screening-on-time').map((r) => [r.areaId, r.teamId]),
      [['area-a', 'team-a']],
    );
    assert.deepEqual(
      unitsOf(rows, 'police-checks-on-time').map((r) => [r.areaId, r.teamId]),
      [['area-b', 'team-b']],
    );
    assert.deepEqual(
      unitsOf(rows, 'demand').map((r) => r.areaId),
      ['area-a'],
    );
  });
  it('a withdrawn case: open work due after the withdrawal is not counted, overdue work is', () => {
    const b = bundle({
      status: 'closed',
      receivedOn: d('2026-11-02'),
      closedOn: d('2026-11-09'),
      checks: [
        // Requested 2 Nov, due 4 Nov, never returned: missed before the withdrawal, so it counts.
        { id: 'p-overdue', kind: 'police', requestedOn: d('2026-11-02'), returnedOn: null, createdBy: 'u' },
        // Requested 6 Nov, due 10 Nov, after the withdrawal on 9 Nov: the clock stopped.
        { id: 'p-stopped', kind: 'police', requestedOn: d('2026-11-06'), returnedOn: null, createdBy: 'u' },
      ],
    });
    const units = unitsOf(measureCase(b, ctx('2026-12-01')), 'police-checks-on-time');
    assert.deepEqual(
      units.map((u) => u.unitId),
      ['p-overdue'],
    );
  });
  it('a reopened case: work whose clock ran out while it was closed is not counted; work due after the reopening is', () => {
    const b = bundle({
      status: 'allocated',
      receivedOn: d('2026-11-02'),
      closedOn: null,
      stateEvents: [
        { on: d('2026-11-09'), event: 'withdrawn', details: { to: 'closed' } },
        { on: d('2026-12-01'), event: 'reopened', details: { to: 'awaiting-allocation' } },
      ],
      checks: [
        // Due 4 November, before the closure on 9 November: missed, counted.
        { id: 'p-before', kind: 'police', requestedOn: d('2026-11-02'), returnedOn: null, createdBy: 'u' },
        // Due 10 November, while closed (9 November to 1 December): the clock stopped.
        { id: 'p-while-closed', kind: 'police', requestedOn: d('2026-11-06'), returnedOn: null, createdBy: 'u' },
        // Requested after the reopening, due 3 December, not returned by 10 December: missed, counted.
        { id: 'p-after', kind: 'police', requestedOn: d('2026-12-01'), returnedOn: null, createdBy: 'u' },
      ],
    });
    const units = unitsOf(measureCase(b, ctx('2026-12-10')), 'police-checks-on-time');
    assert.deepEqual(
      units.map((u) => u.unitId),
      ['p-before', 'p-after'],
    );
  });
  it('caseload: one unit per caseholder at each month end before today, weighted with the sibling uplift', () => {
    const b = bundle({
      status: 'reporting',
      receivedOn: d('2026-09-15'),
      children: [{ childId: 'c1' }, { childId: 'c2' }],
      stateEvents: [
        { on: d('2026-10-05'), event: 'allocated', details: { to: 'allocated' } },
        { on: d('2026-11-12'), event: 'report-started', details: { to: 'reporting' } },
      ],
      allocations: [{ userId: 'fca-1', role: 'fca', allocatedOn: d('2026-10-05'), endedOn: null }],
    });
    const units = unitsOf(measureCase(b, ctx('2026-12-02')), 'caseload');
    // 30 September: not yet allocated. 31 October: allocated, c100 weight 1 × 1.25 (two children).
    // 30 November: reporting, weight 1 × 1.25. December's month end is not past yet.
    assert.deepEqual(
      units.map((u) => [u.day, u.value, u.practitionerId]),
      [
        ['2026-10-31', 1.25, 'fca-1'],
        ['2026-11-30', 1.25, 'fca-1'],
      ],
    );
  });
});
