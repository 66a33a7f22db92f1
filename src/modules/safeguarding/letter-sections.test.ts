import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authoredText, checksSummary, type LetterDraft, letterReadiness } from './letter-sections.ts';

const complete: LetterDraft = {
  kind: 'letter',
  sections: {
    checks: 'Checks done.',
    interviews: 'Interviews done.',
    riskAnalysis: 'No risk found.',
    children: { c1: 'Lives with mother.', c2: 'Lives with mother.' },
    signposting: 'Family information service.',
  },
  recommendation: 'no-further-involvement',
  unreturnedChecksStatement: null,
};
const facts = { childIds: ['c1', 'c2'], unreturnedChecks: 0 };
const fields = (draft: LetterDraft, f = facts) => letterReadiness(draft, f).map((p) => p.field);

describe('letter readiness', () => {
  it('is ready when every required section is present', () => {
    assert.deepEqual(fields(complete), []);
  });

  it('lists each missing section, including each child without circumstances', () => {
    const draft: LetterDraft = { ...complete, sections: { checks: ' ', children: { c1: 'x' } }, recommendation: null };
    assert.deepEqual(fields(draft), [
      'checks',
      'interviews',
      'riskAnalysis',
      'child-c2',
      'recommendation',
      'signposting',
    ]);
  });

  it('needs details for a services recommendation and refuses a recommendation not on the court’s list', () => {
    assert.deepEqual(fields({ ...complete, recommendation: 'services' }), ['recommendationDetails']);
    assert.deepEqual(fields({ ...complete, recommendation: 'adoption' }), ['recommendation']);
  });

  it('needs a statement about checks not returned, only when there are some', () => {
    assert.deepEqual(fields(complete, { ...facts, unreturnedChecks: 1 }), ['unreturnedChecksStatement']);
    assert.deepEqual(
      fields(
        { ...complete, unreturnedChecksStatement: 'One check is outstanding.' },
        { ...facts, unreturnedChecks: 1 },
      ),
      [],
    );
  });

  it('asks less of an update letter: the checks and a recommendation', () => {
    const update: LetterDraft = {
      kind: 'update',
      sections: { checks: 'Came back.' },
      recommendation: 'section-7-cafcass',
      unreturnedChecksStatement: null,
    };
    assert.deepEqual(fields(update), []);
  });

  it('gives all the authored text for the spell-check', () => {
    const text = authoredText({ ...complete, unreturnedChecksStatement: 'Outstanding.' });
    for (const part of ['Checks done.', 'No risk found.', 'Lives with mother.', 'Outstanding.'])
      assert.ok(text.includes(part));
  });

  it('summarises checks by outcome, never their content', () => {
    const m = {
      t: (k: string, p?: Record<string, string | number>) => `${k}${p ? JSON.stringify(p) : ''}`,
      formatDate: (d: string) => d,
    };
    const text = checksSummary(m, [
      {
        kind: 'police',
        subject: 'A Parent',
        requestedOn: '2026-03-02',
        dueOn: '2026-03-04',
        returnedOn: null,
        outcome: null,
      },
    ]);
    assert.match(text, /letters.generated.checkKinds.police\{"subject":"A Parent"\}/);
    assert.match(text, /letters.generated.notReturned\{"date":"2026-03-04"\}/);
    assert.equal(checksSummary(m, []), 'letters.generated.noChecks');
  });
});
