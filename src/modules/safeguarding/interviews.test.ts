import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DA_QUESTIONS, daScreeningSummary, interviewSchema } from './interviews.ts';

const allNo = Object.fromEntries(DA_QUESTIONS.map((q) => [`da-${q}`, 'no']));

describe('interview rules', () => {
  it('summarises the domestic-abuse screening: indicators present and questions not asked', () => {
    const s = daScreeningSummary({
      frightened: 'yes',
      weapons: 'yes',
      'threats-to-kill': 'no',
      'current-injuries': 'not-asked',
    });
    assert.deepEqual(s.indicators, ['frightened', 'weapons']);
    assert.ok(s.notAsked.includes('current-injuries'));
    assert.ok(s.notAsked.includes('pregnancy-new-baby'));
    assert.ok(!s.notAsked.includes('threats-to-kill'));
    assert.equal(s.complete, false);
    const all = daScreeningSummary(Object.fromEntries(DA_QUESTIONS.map((q) => [q, 'no'])));
    assert.deepEqual(all, { indicators: [], notAsked: [], complete: true });
  });

  it('requires every screening answer, a date not in the future and a summary', () => {
    const schema = interviewSchema('2026-03-05');
    const form = {
      partyId: 'p',
      'heldOn-day': '6',
      'heldOn-month': '3',
      'heldOn-year': '2026',
      method: 'telephone',
      summary: '',
      _formToken: 'c'.repeat(32),
    };
    const r = schema.safeParse(form);
    assert.equal(r.success, false);
    const fields = new Set(r.error!.issues.map((i) => String(i.path[0])));
    assert.ok(fields.has('da-weapons'));
    const r2 = schema.safeParse({ ...form, ...allNo });
    assert.deepEqual(
      r2.error!.issues.map((i) => i.message),
      ['interviews.errors.heldOnFuture', 'interviews.errors.summaryRequired'],
    );
    const ok = schema.parse({ ...form, ...allNo, 'da-weapons': 'yes', 'heldOn-day': '5', summary: 'Spoke to mother' });
    assert.equal(ok.heldOn, '2026-03-05');
    assert.equal(ok.domesticAbuseScreening.weapons, 'yes');
    assert.equal(ok.domesticAbuseScreening.frightened, 'no');
  });
});
