import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MESSAGE_TEMPLATES, MessageTemplateError, renderMessage, templatePlaceholders } from './templates.ts';

const values = {
  reference: 'CV-2026-000123',
  name: 'Sam Example',
  late: 'section 7 report',
  newDate: '20 March 2026',
  reason: 'The school has not yet replied.',
};

describe('message templates', () => {
  it('renders the delay notice in English for e-mail, letter and text', () => {
    const m = renderMessage('delay-notice', 'en', values);
    assert.equal(m.subject, 'Case CV-2026-000123: the section 7 report will be late');
    assert.match(m.body, /^Dear Sam Example\n\n/);
    assert.match(m.body, /We now expect to file it by 20 March 2026\./);
    assert.match(m.body, /The reason for the delay: The school has not yet replied\./);
    assert.match(m.sms, /^Case CV-2026-000123: the section 7 report will be late/);
    assert.ok(!/\{\w+\}/.test(m.subject + m.body + m.sms));
  });

  it('renders it in Welsh', () => {
    const m = renderMessage('delay-notice', 'cy', { ...values, late: 'adroddiad adran 7', newDate: '20 Mawrth 2026' });
    assert.equal(m.subject, 'Achos CV-2026-000123: oedi – adroddiad adran 7');
    assert.match(m.body, /^Annwyl Sam Example/);
    assert.match(m.body, /erbyn 20 Mawrth 2026/);
    assert.match(m.sms, /Rheswm: The school has not yet replied\./);
  });

  it('refuses to render with a value missing or empty, or for a template it does not know', () => {
    const { reason: _reason, ...withoutReason } = values;
    assert.throws(() => renderMessage('delay-notice', 'en', withoutReason), MessageTemplateError);
    assert.throws(() => renderMessage('delay-notice', 'en', { ...values, reason: '  ' }), /needs "reason"/);
    assert.throws(() => renderMessage('delay-notice', 'cy', { ...values, newDate: null }), /needs "newDate"/);
    assert.throws(() => renderMessage('no-such-template', 'en', values), /Unknown message template/);
  });

  it('names the placeholders of every template, the same in both languages', () => {
    for (const template of MESSAGE_TEMPLATES) {
      const names = templatePlaceholders(template);
      assert.ok(names.length > 0);
      const filled = Object.fromEntries(names.map((n) => [n, `value-${n}`]));
      for (const language of ['en', 'cy'] as const) {
        const m = renderMessage(template, language, filled);
        for (const n of names) assert.ok((m.subject + m.body + m.sms).includes(`value-${n}`), `${language} ${n}`);
      }
    }
    assert.deepEqual(templatePlaceholders('delay-notice'), ['late', 'name', 'newDate', 'reason', 'reference']);
  });

  it('renders the feedback invitation from the case reference alone (closing queues nothing else)', () => {
    assert.deepEqual(templatePlaceholders('feedback-invitation'), ['reference']);
    const en = renderMessage('feedback-invitation', 'en', { reference: 'CV-2026-000123' });
    assert.match(en.subject, /^Case CV-2026-000123: /);
    assert.ok(en.sms.length <= 160, `text message of ${en.sms.length} characters`);
    const cy = renderMessage('feedback-invitation', 'cy', { reference: 'CV-2026-000123' });
    assert.match(cy.body, /CV-2026-000123/);
    assert.ok(cy.sms.length <= 306, `Welsh text message of ${cy.sms.length} characters`);
  });
});
