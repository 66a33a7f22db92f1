import type { KpiDefinition } from '../kpi.ts';

/** New public law cases against the same period a year before: demand by law type (DOMAIN §6). */
export const kpi: KpiDefinition = {
  id: 'demand-public-law',
  kind: 'count',
  order: 112,
  title: { en: 'Demand: public law', cy: 'Galw: cyfraith gyhoeddus' },
  numerator: {
    en: 'New public law cases received in the period',
    cy: 'Achosion cyfraith gyhoeddus newydd a dderbyniwyd yn y cyfnod',
  },
  denominator: {
    en: 'New public law cases received in the same period a year before',
    cy: 'Achosion cyfraith gyhoeddus newydd a dderbyniwyd yn yr un cyfnod flwyddyn ynghynt',
  },
  definition: {
    en: 'Public law cases (care and supervision and the other local-authority applications), counted by the date received; the figure is the change on the year before.',
    cy: 'Achosion cyfraith gyhoeddus (gofal a goruchwylio a cheisiadau eraill yr awdurdod lleol), wedi’u cyfrif yn ôl y dyddiad derbyn; y ffigur yw’r newid ers y flwyddyn flaenorol.',
  },
  unit: null,
  defaultTarget: null,
  better: null,
  source: { en: '+14.2% care (2015-16)', cy: '+14.2% gofal (2015-16)' },
  measure(b) {
    if (b.law !== 'public') return [];
    return [{ unitId: b.caseId, day: b.receivedOn, dueOn: null, doneOn: b.receivedOn, value: 1, practitionerId: null }];
  },
};
