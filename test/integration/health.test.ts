import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../helpers/app.ts';

describe('GET /health', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('answers ok after checking the database, without a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok' });
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(response.cookies.length, 0);
  });

  it('answers 503 when the database is gone', async () => {
    const broken = await testApp();
    await broken.database.close();
    const response = await broken.app.inject({ method: 'GET', url: '/health' });
    assert.equal(response.statusCode, 503);
    assert.deepEqual(response.json(), { status: 'unavailable' });
    await broken.app.close();
  });
});

describe('GET /accessibility', () => {
  it('shows the accessibility statement to anyone, in English and Welsh', async () => {
    const t = await testApp();
    try {
      const en = await t.app.inject({ method: 'GET', url: '/accessibility' });
      assert.equal(en.statusCode, 200);
      assert.match(en.body, /Accessibility statement for Childvoice/);
      const cy = await t.app.inject({
        method: 'GET',
        url: '/accessibility',
        headers: { cookie: 'childvoice-language=cy' },
      });
      assert.match(cy.body, /Datganiad hygyrchedd ar gyfer Childvoice/);
    } finally {
      await t.close();
    }
  });
});

describe('rate limit', () => {
  it('answers 429 with a page saying what to do once a person makes too many requests in a minute', async () => {
    const t = await testApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1)
        statuses.push((await t.app.inject({ method: 'GET', url: '/accessibility' })).statusCode);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
      const limited = await t.app.inject({ method: 'GET', url: '/accessibility' });
      assert.match(limited.body, /You have made too many requests/);
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.equal((await t.app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
    } finally {
      await t.close();
    }
  });
});

describe('benchmark baseline pages', () => {
  it('exist only when BENCH_BASELINE is on, and render the real templates without a database', async () => {
    const off = await testApp();
    try {
      assert.equal((await off.app.inject({ method: 'GET', url: '/bench/baseline/case' })).statusCode, 404);
    } finally {
      await off.close();
    }
    const on = await testApp({ env: { BENCH_BASELINE: 'on' } });
    try {
      await on.database.close();
      const page = await on.app.inject({ method: 'GET', url: '/bench/baseline/case' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /moj-identity-bar/);
      assert.equal((page.body.match(/moj-timeline__item"/g) ?? []).length, 50);
      const caseload = await on.app.inject({ method: 'GET', url: '/bench/baseline/caseload' });
      assert.equal(caseload.statusCode, 200);
      assert.match(caseload.body, /Showing 1 to 25 of 1234 cases/);
    } finally {
      await on.app.close();
    }
  });
});
