import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCalendar } from '../../platform/calendar/index.ts';
import { checksToRequest, isAdultParty, screeningSchema, validateRiskFlags } from './screening.ts';

const calendar = createCalendar();
const token = 'a'.repeat(32);

describe('screening rules', () => {
  it('refuses a blank set of risk flags: "no risks" must be chosen', () => {
    assert.equal(validateRiskFlags([], '')?.message, 'screening.errors.riskFlagsRequired');
    assert.equal(validateRiskFlags(['none'], ''), null);
    assert.equal(validateRiskFlags(['domestic-abuse', 'abduction'], ''), null);
  });

  it('keeps "no risks identified" exclusive, requires the other text, refuses unknown flags', () => {
    assert.equal(validateRiskFlags(['none', 'abduction'], '')?.message, 'screening.errors.riskFlagsExclusive');
    assert.deepEqual(validateRiskFlags(['other'], '  '), {
      field: 'otherRisk',
      message: 'screening.errors.otherRiskRequired',
    });
    assert.equal(validateRiskFlags(['other'], 'Radicalisation'), null);
    assert.equal(validateRiskFlags(['made-up'], '')?.field, 'riskFlags');
  });

  it('requires a decision and rationale, and the referral details for a referral', () => {
    const bad = screeningSchema.safeParse({ riskFlags: 'none', _formToken: token });
    assert.equal(bad.success, false);
    const paths = bad.error!.issues.map((i) => i.path[0]);
    assert.ok(paths.includes('decision'));
    const referral = screeningSchema.safeParse({
      riskFlags: ['child-abuse'],
      decision: 'child-protection-referral',
      rationale: 'Immediate risk',
      _formToken: token,
    });
    assert.equal(referral.success, false);
    assert.deepEqual(referral.error!.issues.map((i) => i.message).sort(), [
      'screening.errors.referralContentRequired',
      'screening.errors.referralLocalAuthorityRequired',
      'screening.errors.referralMethodRequired',
    ]);
    const ok = screeningSchema.parse({
      riskFlags: ['child-abuse', 'other'],
      otherRisk: 'Online harm',
      decision: 'child-protection-referral',
      rationale: 'Immediate risk',
      referralLocalAuthority: 'E06000057',
      referralMethod: 'telephone',
      referralContent: 'Referral text',
      _formToken: token,
    });
    assert.deepEqual(ok.riskFlags, ['child-abuse', 'other']);
    assert.equal(ok.otherRisk, 'Online harm');
    assert.deepEqual(ok.referral, { localAuthorityCode: 'E06000057', method: 'telephone', content: 'Referral text' });
  });

  it('stores no flags for "no risks identified" and no referral for a standard route', () => {
    const ok = screeningSchema.parse({
      riskFlags: 'none',
      decision: 'standard',
      rationale: 'No risk',
      otherRisk: 'x',
      _formToken: token,
    });
    assert.deepEqual(ok.riskFlags, []);
    assert.equal(ok.otherRisk, null);
    assert.equal(ok.referral, null);
  });

  it('requests a police check for every adult party and one for the local authority', () => {
    const parties = [
      { id: 'mother', partyRole: 'applicant', dateOfBirth: '1990-05-01' },
      { id: 'father', partyRole: 'respondent', dateOfBirth: null },
      { id: 'teen', partyRole: 'other-party', dateOfBirth: '2009-03-03' },
      { id: 'la', partyRole: 'local-authority', dateOfBirth: null },
    ];
    // Friday 6 March 2026: police due Tuesday 10 March, local authority Friday 13 March.
    const checks = checksToRequest(calendar, parties, 'E06000057', '2026-03-06');
    assert.deepEqual(
      checks.map((c) => [c.kind, c.partyId, c.localAuthorityCode, c.dueOn]),
      [
        ['police', 'mother', null, '2026-03-10'],
        ['police', 'father', null, '2026-03-10'],
        ['local-authority', null, 'E06000057', '2026-03-13'],
      ],
    );
    assert.equal(checksToRequest(calendar, parties, null, '2026-03-06').length, 2);
  });

  it('counts a party as adult from their 18th birthday', () => {
    const p = { id: 'x', partyRole: 'other-party', dateOfBirth: '2008-03-02' };
    assert.equal(isAdultParty(p, '2026-03-01'), false);
    assert.equal(isAdultParty(p, '2026-03-02'), true);
  });
});
