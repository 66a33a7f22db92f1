import type { KpiDefinition } from '../kpi.ts';
import { dayBefore, later, metBy } from './shared.ts';

/**
 * Private-law cases whose risk identification was complete before the day of the first
 * hearing: screening recorded and every safeguarding check (at least one police check) returned.
 */
export const kpi: KpiDefinition = {
  id: 'risk-identification-complete',
  kind: 'rate',
  order: 30,
  title: { en: 'Risk identification complete', cy: 'Adnabod risg wedi’i gwblhau' },
  numerator: {
    en: 'Cases screened with every check returned before the day of the first hearing',
    cy: 'Achosion a sgriniwyd gyda phob gwiriad wedi’i ddychwelyd cyn diwrnod y gwrandawiad cyntaf',
  },
  denominator: {
    en: 'Private law cases whose first hearing is in the period, complete or past the hearing',
    cy: 'Achosion cyfraith breifat y mae eu gwrandawiad cyntaf yn y cyfnod, wedi’u cwblhau neu wedi pasio’r gwrandawiad',
  },
  definition: {
    en: 'Counted by the date of the first hearing. Complete when screening is recorded, at least one police check was requested and every check has been returned.',
    cy: 'Wedi’i gyfrif yn ôl dyddiad y gwrandawiad cyntaf. Yn gyflawn pan gofnodir y sgrinio, y gofynnwyd am o leiaf un gwiriad heddlu ac y dychwelwyd pob gwiriad.',
  },
  unit: null,
  defaultTarget: { england: 1, wales: 1 },
  better: 'higher',
  source: { en: 'Target 100%; 94% in 2009', cy: 'Targed 100%; 94% yn 2009' },
  earlyWarning: {
    action: { en: 'Complete the checks before the first hearing', cy: 'Cwblhau’r gwiriadau cyn y gwrandawiad cyntaf' },
    actor: 'practitioner',
  },
  measure(b) {
    if (b.law !== 'private' || b.firstHearingOn === null) return [];
    const dueOn = dayBefore(b.firstHearingOn);
    let doneOn = null;
    const complete =
      b.screening !== null && b.checks.some((c) => c.kind === 'police') && b.checks.every((c) => c.returnedOn !== null);
    if (complete && b.screening) {
      doneOn = b.checks.reduce((d, c) => later(d, c.returnedOn ?? d), b.screening.screenedOn);
    }
    return [
      {
        unitId: b.caseId,
        day: b.firstHearingOn,
        dueOn,
        doneOn,
        value: metBy(doneOn, dueOn),
        practitionerId: b.screening?.screenedBy ?? null,
      },
    ];
  },
};
