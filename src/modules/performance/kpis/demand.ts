import type { KpiDefinition } from '../kpi.ts';

/** New cases, by law and area, against the same period a year before (DOMAIN §6). */
export const kpi: KpiDefinition = {
  id: 'demand',
  kind: 'count',
  order: 110,
  title: { en: 'Demand', cy: 'Galw' },
  numerator: { en: 'New cases received in the period', cy: 'Achosion newydd a dderbyniwyd yn y cyfnod' },
  denominator: {
    en: 'New cases received in the same period a year before',
    cy: 'Achosion newydd a dderbyniwyd yn yr un cyfnod flwyddyn ynghynt',
  },
  definition: {
    en: 'Every case of every law, counted by the date received; the figure is the change on the year before.',
    cy: 'Pob achos o bob math o gyfraith, wedi’i gyfrif yn ôl y dyddiad derbyn; y ffigur yw’r newid ers y flwyddyn flaenorol.',
  },
  unit: null,
  defaultTarget: null,
  better: null,
  source: { en: '+10.3% private, +14.2% care (2015-16)', cy: '+10.3% preifat, +14.2% gofal (2015-16)' },
  measure(b) {
    return [{ unitId: b.caseId, day: b.receivedOn, dueOn: null, doneOn: b.receivedOn, value: 1, practitionerId: null }];
  },
};
