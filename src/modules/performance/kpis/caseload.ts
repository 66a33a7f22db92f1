import type { KpiDefinition, KpiUnit } from '../kpi.ts';
import { isCaseholder, monthEndsBetween } from './shared.ts';

/** Weighted open cases per practitioner, at each month end (DOMAIN §5.3). */
export const kpi: KpiDefinition = {
  id: 'caseload',
  kind: 'mean-per-practitioner',
  order: 100,
  title: { en: 'Caseload', cy: 'Llwyth achosion' },
  numerator: {
    en: 'Weighted points of the open cases allocated at the month end',
    cy: 'Pwyntiau wedi’u pwysoli’r achosion agored a ddyrannwyd ar ddiwedd y mis',
  },
  denominator: {
    en: 'Practitioners holding those cases',
    cy: 'Ymarferwyr sy’n dal yr achosion hynny',
  },
  definition: {
    en: 'A snapshot at the last month end in the period, weighted by case type and stage, with the sibling uplift.',
    cy: 'Ciplun ar ddiwedd y mis olaf yn y cyfnod, wedi’i bwysoli yn ôl math a cham yr achos, gyda’r cynnydd am frodyr a chwiorydd.',
  },
  unit: { en: 'points', cy: 'pwynt' },
  defaultTarget: null,
  better: null,
  source: { en: 'Manageable and equitable', cy: 'Hylaw a theg' },
  measure(b, ctx) {
    const units: KpiUnit[] = [];
    for (const m of monthEndsBetween(b.receivedOn, ctx.today)) {
      if (b.closedOn !== null && b.closedOn <= m) break;
      let status = b.status;
      if (b.stateEvents.length > 0) {
        status = 'allocated';
        for (const e of b.stateEvents) if (e.on <= m && typeof e.details.to === 'string') status = e.details.to;
      }
      if (status === 'closed') status = 'allocated';
      for (const a of b.allocations) {
        if (!isCaseholder(a.role) || a.allocatedOn > m || (a.endedOn !== null && a.endedOn <= m)) continue;
        units.push({
          unitId: `${b.caseId}:${m}:${a.userId}`,
          day: m,
          dueOn: null,
          doneOn: m,
          value: ctx.weigh({
            law: b.law,
            applicationType: b.applicationType,
            children: b.children.length,
            stage: status,
          }),
          practitionerId: a.userId,
        });
      }
    }
    return units;
  },
};
