import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogueKeys, createMessages, loadCatalogue } from './i18n.ts';

describe('English and Welsh message catalogues', () => {
  const en = loadCatalogue('en');
  const cy = loadCatalogue('cy');

  it('have exactly the same keys', () => {
    const enKeys = catalogueKeys(en);
    const cyKeys = catalogueKeys(cy);
    assert.deepEqual(
      enKeys.filter((k) => !cyKeys.includes(k)),
      [],
      'keys missing in Welsh',
    );
    assert.deepEqual(
      cyKeys.filter((k) => !enKeys.includes(k)),
      [],
      'keys missing in English',
    );
  });

  it('use the same placeholders in both languages, and no empty texts', () => {
    const messages = createMessages();
    for (const key of catalogueKeys(en)) {
      const e = messages.en.t(key);
      const c = messages.cy.t(key);
      assert.ok(e.trim() && c.trim(), `${key} is empty`);
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}|%s/g)].map((m) => m[0]).sort();
      assert.deepEqual(placeholders(c), placeholders(e), key);
    }
  });

  it('has a message for every coded error in both languages', async () => {
    const { ERROR_CATALOGUE } = await import('../errors/catalogue.ts');
    const messages = createMessages();
    for (const code of Object.keys(ERROR_CATALOGUE)) {
      assert.ok(messages.en.has(`errors.${code}`), `en errors.${code}`);
      assert.ok(messages.cy.has(`errors.${code}`), `cy errors.${code}`);
    }
  });

  it('formats calendar dates in each language without shifting the day', () => {
    const { en: e, cy: c } = createMessages();
    assert.equal(e.formatDate('2024-02-29'), '29 February 2024');
    assert.equal(c.formatDate('2024-02-29'), '29 Chwefror 2024');
    assert.equal(e.formatDate('2026-03-29', 'short'), '29 Mar 2026');
    assert.equal(e.formatDate(null), '');
    assert.equal(e.formatDate('not a date'), '');
  });

  it('formats instants in London time, across the change to summer time', () => {
    const { en: e, cy: c } = createMessages();
    assert.equal(e.formatDateTime('2026-03-29T00:30:00Z'), '29 March 2026 at 12:30am');
    assert.equal(e.formatDateTime('2026-03-29T01:30:00Z'), '29 March 2026 at 2:30am');
    assert.match(c.formatDateTime('2026-06-30T23:30:00Z'), /1 Gorffennaf 2026/);
  });

  it('gives the same answer from memory as formatted afresh, in each language and format', () => {
    const { en: e, cy: c } = createMessages();
    for (let round = 0; round < 2; round += 1) {
      assert.equal(e.formatDate('2024-02-29'), '29 February 2024');
      assert.equal(e.formatDate('2024-02-29', 'short'), '29 Feb 2024');
      assert.equal(c.formatDate('2024-02-29'), '29 Chwefror 2024');
      assert.equal(e.formatDateTime('2026-03-29T01:30:00Z'), '29 March 2026 at 2:30am');
      assert.match(c.formatDateTime('2026-03-29T01:30:00Z'), /^29 Mawrth 2026 am 02:30$/);
    }
    // Past the number remembered, dates are still right (the memory empties and fills again).
    const start = Date.UTC(2020, 0, 1);
    for (let day = 0; day < 6000; day += 1) {
      const d = new Date(start + day * 86_400_000);
      assert.equal(
        e.formatDate(d.toISOString().slice(0, 10)),
        d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
      );
    }
  });

  it('fills placeholders and shows the key, not English, when a key is missing', () => {
    const { cy: c } = createMessages();
    assert.equal(c.t('caseload.showing', { from: 1, to: 25, total: 30 }), 'Yn dangos 1 i 25 o 30 achos');
    assert.equal(c.t('no.such.key'), 'no.such.key');
  });
});
