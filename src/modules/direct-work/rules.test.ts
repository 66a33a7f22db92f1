import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMessages } from '../../platform/i18n/i18n.ts';
import {
  ageOn,
  DIVERSITY_ASPECTS,
  missingWelfareHeadings,
  normaliseLineEndings,
  orderServicesForCase,
  type SessionSeenFacts,
  seenStatus,
  WELFARE_CHECKLIST,
  welfareParagraph,
} from './rules.ts';

const session = (over: Partial<SessionSeenFacts>): SessionSeenFacts => ({
  heldOn: '2026-03-02',
  createdAt: '2026-03-02T10:00:00Z',
  seen: true,
  notSeenReason: null,
  seenAlone: true,
  notSeenAloneReason: null,
  ...over,
});

describe('seen and seen alone across sessions', () => {
  it('says nothing is recorded when there are no sessions', () => {
    const s = seenStatus([]);
    assert.equal(s.none, true);
    assert.equal(s.seen, false);
    assert.equal(s.seenAlone, false);
    assert.equal(s.notSeenReason, null);
  });

  it('is seen once any session saw the child, whatever the later sessions say', () => {
    const s = seenStatus([
      session({ heldOn: '2026-02-10', seen: true, seenAlone: false, notSeenAloneReason: 'Wanted mum there' }),
      session({ heldOn: '2026-02-20', seen: false, seenAlone: false, notSeenReason: 'Ill on the day' }),
    ]);
    assert.equal(s.seen, true);
    assert.equal(s.notSeenReason, null);
    assert.equal(s.seenAlone, false);
    // Seen, never alone: the reason is the one given when seen with someone, not the later absence.
    assert.equal(s.notSeenAloneReason, 'Wanted mum there');
  });

  it('is seen alone once any session saw the child alone, even an earlier one', () => {
    const s = seenStatus([
      session({ heldOn: '2026-01-31', seen: true, seenAlone: true }),
      session({ heldOn: '2026-02-28', seen: true, seenAlone: false, notSeenAloneReason: 'Sibling present' }),
    ]);
    assert.equal(s.seenAlone, true);
    assert.equal(s.notSeenAloneReason, null);
  });

  it('takes the reason from the latest session that did not see the child, by date held then recorded', () => {
    const s = seenStatus([
      session({ heldOn: '2026-02-28', seen: false, seenAlone: false, notSeenReason: 'Older' }),
      session({
        heldOn: '2026-03-02',
        createdAt: '2026-03-02T09:00:00Z',
        seen: false,
        seenAlone: false,
        notSeenReason: 'Same day, first',
      }),
      session({
        heldOn: '2026-03-02',
        createdAt: '2026-03-02T15:00:00Z',
        seen: false,
        seenAlone: false,
        notSeenReason: 'Same day, recorded later',
      }),
      session({ heldOn: '2026-01-15', seen: false, seenAlone: false, notSeenReason: 'Oldest' }),
    ]);
    assert.equal(s.seen, false);
    assert.equal(s.notSeenReason, 'Same day, recorded later');
    assert.equal(s.notSeenAloneReason, 'Same day, recorded later');
  });

  it('gives the not-alone reason of a session that saw the child with an adult', () => {
    const s = seenStatus([
      session({ heldOn: '2026-02-01', seen: false, seenAlone: false, notSeenReason: 'No answer at the door' }),
      session({ heldOn: '2026-02-15', seen: true, seenAlone: false, notSeenAloneReason: 'Too young: aged 2' }),
    ]);
    assert.equal(s.seen, true);
    assert.equal(s.notSeenAloneReason, 'Too young: aged 2');
  });

  it('takes the latest of several reasons for not being seen alone', () => {
    const s = seenStatus([
      session({ heldOn: '2026-01-05', seen: true, seenAlone: false, notSeenAloneReason: 'First visit, with dad' }),
      session({ heldOn: '2026-02-09', seen: true, seenAlone: false, notSeenAloneReason: 'Refused to leave mum' }),
      session({ heldOn: '2026-03-01', seen: false, seenAlone: false, notSeenReason: 'School trip' }),
    ]);
    assert.equal(s.notSeenAloneReason, 'Refused to leave mum');
  });

  it('keeps each child of a sibling group apart (the rule sees only the sessions it is given)', () => {
    const older = [session({ seen: true, seenAlone: true })];
    const younger = [session({ seen: false, seenAlone: false, notSeenReason: 'Asleep' })];
    assert.equal(seenStatus(older).seenAlone, true);
    assert.equal(seenStatus(younger).seen, false);
    assert.equal(seenStatus(younger).notSeenReason, 'Asleep');
  });
});

describe('welfare checklist', () => {
  it('has the seven headings of s1(3) Children Act 1989, (a) to (g), in order', () => {
    assert.equal(WELFARE_CHECKLIST.length, 7);
    assert.equal(new Set(WELFARE_CHECKLIST).size, 7);
    assert.equal(welfareParagraph('wishes-feelings'), 'a');
    assert.equal(welfareParagraph('harm'), 'e');
    assert.equal(welfareParagraph('court-powers'), 'g');
    assert.equal(welfareParagraph('nonsense'), null);
    assert.ok(Object.isFrozen(WELFARE_CHECKLIST));
  });

  it('names every heading in English and in Welsh', () => {
    const messages = createMessages();
    for (const language of ['en', 'cy'] as const) {
      for (const code of WELFARE_CHECKLIST) {
        for (const prefix of ['directWork.welfare', 'directWork.welfareShort']) {
          assert.ok(messages[language].has(`${prefix}.${code}`), `${language} ${prefix}.${code}`);
        }
      }
      for (const a of DIVERSITY_ASPECTS) assert.ok(messages[language].has(`directWork.diversityAspects.${a}`));
    }
    assert.match(messages.en.t('directWork.welfare.wishes-feelings'), /age and understanding/);
    assert.match(messages.cy.t('directWork.welfare.court-powers'), /bwerau/);
  });

  it('finds the headings not written about, blank text counting as missing', () => {
    const all = Object.fromEntries(WELFARE_CHECKLIST.map((c) => [c, 'Written']));
    assert.deepEqual(missingWelfareHeadings(all), []);
    assert.deepEqual(missingWelfareHeadings({ ...all, harm: '  \n ', needs: '' }), ['needs', 'harm']);
    assert.deepEqual(missingWelfareHeadings({}), [...WELFARE_CHECKLIST]);
  });
});

describe('helpers', () => {
  it('keeps line breaks of the child’s words, whatever the browser sent', () => {
    assert.equal(normaliseLineEndings('Dw i’n hoffi\r\nŵyn a\rŷd'), 'Dw i’n hoffi\nŵyn a\nŷd');
  });

  it('counts ages across birthdays, month ends and 29 February', () => {
    assert.equal(ageOn('2019-02-28', '2026-02-27'), 6);
    assert.equal(ageOn('2019-02-28', '2026-02-28'), 7);
    assert.equal(ageOn('2020-02-29', '2026-02-28'), 5);
    assert.equal(ageOn('2020-02-29', '2026-03-01'), 6);
    assert.equal(ageOn('2020-02-29', '2028-02-29'), 8);
    assert.equal(ageOn('2015-12-31', '2026-01-01'), 10);
    assert.equal(ageOn(null, '2026-01-01'), null);
    assert.equal(ageOn('2027-01-01', '2026-01-01'), null);
  });

  it('lists the services of the case’s local authority first, then the nation’s, then the rest', () => {
    const services = [
      { id: '1', localAuthorityCode: null, nation: 'wales', name: 'Pont' },
      { id: '2', localAuthorityCode: 'W06000015', nation: 'wales', name: 'Caerdydd Mediation' },
      { id: '3', localAuthorityCode: null, nation: 'england', name: 'Brightwell' },
      { id: '4', localAuthorityCode: 'W06000015', nation: 'wales', name: 'Amser Teulu' },
      { id: '5', localAuthorityCode: 'W06000011', nation: 'wales', name: 'Abertawe' },
    ];
    const g = orderServicesForCase(services, { localAuthorityCode: 'W06000015', nation: 'wales' });
    assert.deepEqual(
      g.local.map((s) => s.id),
      ['4', '2'],
    );
    assert.deepEqual(
      g.national.map((s) => s.id),
      ['1'],
    );
    assert.deepEqual(
      g.other.map((s) => s.id),
      ['5', '3'],
    );
    const none = orderServicesForCase(services, { localAuthorityCode: null, nation: 'england' });
    assert.deepEqual(none.local, []);
    assert.deepEqual(
      none.national.map((s) => s.id),
      ['3'],
    );
  });
});
