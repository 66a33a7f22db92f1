import type { KpiDefinition } from '../kpi.ts';

/** Filed reports where every subject child was seen, and seen alone or a reason given. */
export const kpi: KpiDefinition = {
  id: 'children-seen',
  kind: 'rate',
  order: 90,
  title: { en: 'Children seen', cy: 'Plant a welwyd' },
  numerator: {
    en: 'Reports where every child was seen before filing, and seen alone or the reason recorded',
    cy: 'Adroddiadau lle gwelwyd pob plentyn cyn ffeilio, a’u gweld ar eu pen eu hunain neu gofnodi’r rheswm',
  },
  denominator: { en: 'Reports filed in the period', cy: 'Adroddiadau a ffeiliwyd yn y cyfnod' },
  definition: {
    en: 'Section 7, addendum and rule 16.4 reports, counted by the filing date. A report about a sibling group counts only if every one of the children was seen.',
    cy: 'Adroddiadau adran 7, atodiadau a rheol 16.4, wedi’u cyfrif yn ôl y dyddiad ffeilio. Dim ond os gwelwyd pob un o’r plant y mae adroddiad am grŵp o frodyr a chwiorydd yn cyfrif.',
  },
  unit: null,
  defaultTarget: { england: 1, wales: 1 },
  better: 'higher',
  source: {
    en: '“In all reports children were seen” (2018, Wales)',
    cy: '“Ym mhob adroddiad gwelwyd y plant” (2018, Cymru)',
  },
  measure(b) {
    if (b.children.length === 0) return [];
    return b.reports
      .filter((r) => r.status === 'filed' && r.filedOn !== null)
      .map((r) => {
        const filedOn = r.filedOn as NonNullable<typeof r.filedOn>;
        const everyChild = b.children.every((child) => {
          const seen = b.sessions.filter((s) => s.childId === child.childId && s.seen && s.heldOn <= filedOn);
          return seen.some((s) => s.seenAlone || (s.notSeenAloneReason ?? '').trim() !== '');
        });
        return {
          unitId: r.id,
          day: filedOn,
          dueOn: null,
          doneOn: filedOn,
          value: everyChild ? 1 : 0,
          practitionerId: r.authorId,
        };
      });
  },
};
