import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has safe defaults for a laptop: embedded database, demo data, plain-http cookies', () => {
    const c = loadConfig({});
    assert.equal(c.env, 'development');
    assert.equal(c.port, 3000);
    assert.equal(c.database.url, undefined);
    assert.equal(c.database.dataDir, '.data/pglite');
    assert.equal(c.demo.enabled, true);
    assert.equal(c.secureCookies, false);
    assert.equal(c.session.idleSeconds, 1800);
    assert.ok(Object.isFrozen(c));
  });

  it('turns on secure cookies when the public URL is https', () => {
    assert.equal(loadConfig({ PUBLIC_URL: 'https://cv.example.gov.uk' }).secureCookies, true);
  });

  it('in production, lists everything missing at once', () => {
    try {
      loadConfig({ NODE_ENV: 'production' });
      assert.fail('should not load');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      const text = error.problems.join('\n');
      for (const name of ['SESSION_SECRET', 'DATABASE_URL', 'PUBLIC_URL', 'DEMO_DATA'])
        assert.match(text, new RegExp(name));
    }
  });

  it('loads a complete production configuration', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 's'.repeat(40),
      DATABASE_URL: 'postgres://app@db.internal/childvoice?sslmode=verify-full',
      PUBLIC_URL: 'https://childvoice.example.gov.uk',
      DEMO_DATA: 'off',
    });
    assert.equal(c.secureCookies, true);
    assert.equal(c.demo.enabled, false);
  });

  it('refuses bad values with the variable named', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
    assert.throws(() => loadConfig({ DEMO_DATA: 'maybe' }), /DEMO_DATA/);
    assert.throws(
      () => loadConfig({ SESSION_IDLE_TIMEOUT_SECONDS: '7200', SESSION_ABSOLUTE_TIMEOUT_SECONDS: '3600' }),
      /ABSOLUTE/,
    );
    assert.throws(() => loadConfig({ OIDC_ISSUER: 'https://idp.example' }), /OIDC_CLIENT_ID/);
    assert.throws(() => loadConfig({ DEMO_PASSWORD: 'short' }), /DEMO_PASSWORD/);
    assert.throws(() => loadConfig({ APP_PROCESSES: '0' }), /APP_PROCESSES/);
  });

  it('runs several app processes only against a PostgreSQL server', () => {
    assert.equal(loadConfig({}).processes, 1);
    assert.throws(() => loadConfig({ APP_PROCESSES: '2' }), /APP_PROCESSES: more than one process needs DATABASE_URL/);
    assert.equal(loadConfig({ APP_PROCESSES: '2', DATABASE_URL: 'postgres://db/childvoice' }).processes, 2);
  });
});

describe('public URL', () => {
  it('follows the port when not set', () => {
    assert.equal(loadConfig({ PORT: '3055' }).publicUrl.origin, 'http://localhost:3055');
  });
});
