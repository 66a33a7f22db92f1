import type { KpiDefinition } from '../kpi.ts';
import { firstCaseholderFrom, later } from './shared.ts';

/** Average working days from receipt of a care application to a children's guardian allocated. */
export const kpi: KpiDefinition = {
  id: 'care-allocation-time',
  kind: 'mean',
  order: 70,
  title: { en: 'Care case allocation time', cy: 'Amser dyrannu achosion gofal' },
  numerator: {
    en: 'Working days from receipt to a guardian allocated, added up',
    cy: 'Diwrnodau gwaith o’r derbyn i ddyrannu gwarcheidwad, wedi’u hadio',
  },
  denominator: {
    en: 'Care and supervision applications received in the period and allocated',
    cy: 'Ceisiadau gofal a goruchwylio a dderbyniwyd yn y cyfnod ac a ddyrannwyd',
  },
  definition: {
    en: 'Section 31 applications (C110A), counted by the date received; only allocated cases count.',
    cy: 'Ceisiadau adran 31 (C110A), wedi’u cyfrif yn ôl y dyddiad derbyn; dim ond achosion a ddyrannwyd sy’n cyfrif.',
  },
  unit: { en: 'working days', cy: 'diwrnod gwaith' },
  defaultTarget: { england: 0.7, wales: 0.7 },
  better: 'lower',
  source: { en: '0.7 days (2015-16)', cy: '0.7 diwrnod (2015-16)' },
  measure(b, ctx) {
    if (b.law !== 'public' || b.applicationType !== 'c110a') return [];
    const allocation = firstCaseholderFrom(b, null);
    const doneOn = allocation ? later(allocation.allocatedOn, b.receivedOn) : null;
    return [
      {
        unitId: b.caseId,
        day: b.receivedOn,
        dueOn: null,
        doneOn,
        value: doneOn ? ctx.calendar.workingDaysBetween(b.receivedOn, doneOn) : 0,
        practitionerId: allocation?.userId ?? null,
      },
    ];
  },
};
