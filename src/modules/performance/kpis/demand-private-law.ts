import type { KpiDefinition } from '../kpi.ts';

/** New private law cases against the same period a year before: demand by law type (DOMAIN §6). */
export const kpi: KpiDefinition = {
  id: 'demand-private-law',
  kind: 'count',
  order: 111,
  title: { en: 'Demand: private law', cy: 'Galw: cyfraith breifat' },
  numerator: {
    en: 'New private law cases received in the period',
    cy: 'Achosion cyfraith breifat newydd a dderbyniwyd yn y cyfnod',
  },
  denominator: {
    en: 'New private law cases received in the same period a year before',
    cy: 'Achosion cyfraith breifat newydd a dderbyniwyd yn yr un cyfnod flwyddyn ynghynt',
  },
  definition: {
    en: 'Private law cases (child arrangements and the other section 8 applications), counted by the date received; the figure is the change on the year before.',
    cy: 'Achosion cyfraith breifat (trefniadau plant a’r ceisiadau adran 8 eraill), wedi’u cyfrif yn ôl y dyddiad derbyn; y ffigur yw’r newid ers y flwyddyn flaenorol.',
  },
  unit: null,
  defaultTarget: null,
  better: null,
  source: { en: '+10.3% private law (2015-16)', cy: '+10.3% cyfraith breifat (2015-16)' },
  measure(b) {
    if (b.law !== 'private') return [];
    return [{ unitId: b.caseId, day: b.receivedOn, dueOn: null, doneOn: b.receivedOn, value: 1, practitionerId: null }];
  },
};
