import type { KpiDefinition } from '../kpi.ts';
import { metBy } from './shared.ts';

/** Safeguarding letters filed on or before the date the court set (DOMAIN §3.1 step 6). */
export const kpi: KpiDefinition = {
  id: 'safeguarding-letter-on-time',
  kind: 'rate',
  order: 40,
  title: { en: 'Safeguarding letters on time', cy: 'Llythyrau diogelu mewn pryd' },
  numerator: {
    en: 'Safeguarding letters filed on or before their due date',
    cy: 'Llythyrau diogelu a ffeiliwyd ar neu cyn eu dyddiad dyledus',
  },
  denominator: {
    en: 'Safeguarding letters due in the period, filed or past their due date',
    cy: 'Llythyrau diogelu sy’n ddyledus yn y cyfnod, wedi’u ffeilio neu wedi pasio’r dyddiad dyledus',
  },
  definition: {
    en: 'Counted by the date the letter is due (the court’s date). Update letters are not counted.',
    cy: 'Wedi’i gyfrif yn ôl y dyddiad y mae’r llythyr yn ddyledus (dyddiad y llys). Ni chyfrifir llythyrau diweddaru.',
  },
  unit: null,
  defaultTarget: { england: 1, wales: 1 },
  better: 'higher',
  source: { en: '“Not all filed by the date” (2018)', cy: '“Nid pob un wedi’i ffeilio erbyn y dyddiad” (2018)' },
  earlyWarning: {
    action: { en: 'File the safeguarding letter', cy: 'Ffeilio’r llythyr diogelu' },
    actor: 'practitioner',
  },
  measure(b) {
    return b.letters
      .filter((l) => l.kind === 'letter' && l.dueOn !== null)
      .map((l) => ({
        unitId: l.id,
        day: l.dueOn!,
        dueOn: l.dueOn,
        doneOn: l.filedOn,
        value: metBy(l.filedOn, l.dueOn),
        practitionerId: l.authorId,
      }));
  },
};
