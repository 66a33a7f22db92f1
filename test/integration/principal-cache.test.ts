import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

/**
 * The person acting is cached by their account's access version (migration 0015): every
 * change to what they may do must show on their very next request.
 */
describe('the person acting, cached by access version', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const version = async (userId: string) =>
    Number(
      (
        await t.database.query<{ v: string }>('SELECT access_version::text AS v FROM user_account WHERE id = $1', [
          userId,
        ])
      )[0]!.v,
    );

  it('moves the version when the account, its roles, teams, staff record or a team’s area changes', async () => {
    const fca = await createUser(t.database, 'fca', { teamId: 'test-team-a' });
    let last = await version(fca.userId);
    const moves = async (statement: string, params: unknown[] = []) => {
      await t.database.query(statement, params);
      const now = await version(fca.userId);
      assert.ok(now > last, `${statement} moved the version (${last} → ${now})`);
      last = now;
    };
    await moves("UPDATE user_account SET display_name = 'Renamed' WHERE id = $1", [fca.userId]);
    await moves("INSERT INTO staff_role (user_id, role) VALUES ($1, 'seo')", [fca.userId]);
    await moves("DELETE FROM staff_role WHERE user_id = $1 AND role = 'seo'", [fca.userId]);
    await moves('UPDATE team_membership SET manages = true WHERE user_id = $1', [fca.userId]);
    await moves('UPDATE staff SET welsh_speaker = NOT welsh_speaker WHERE user_id = $1', [fca.userId]);
    const [{ area }] = (await t.database.query<{ area: string }>(
      "SELECT area_id AS area FROM team WHERE id = 'test-team-a'",
    )) as [{ area: string }];
    const [{ other }] = (await t.database.query<{ other: string }>(
      'SELECT id AS other FROM service_area WHERE id <> $1 ORDER BY id LIMIT 1',
      [area],
    )) as [{ other: string }];
    await moves("UPDATE team SET area_id = $1 WHERE id = 'test-team-a'", [other]);
    await moves("UPDATE team SET area_id = $1 WHERE id = 'test-team-a'", [area]);
    // A team's name is not access: its members' versions stay.
    await t.database.query("UPDATE team SET name = name || ' ' WHERE id = 'test-team-a'");
    assert.equal(await version(fca.userId), last);
  });

  it('shows a change of roles, teams and name on the next request of a signed-in person', async () => {
    const fca = await createUser(t.database, 'fca', { teamId: 'test-team-b' });
    const kase = await seedCase(t.database, { teamId: 'test-team-b' });
    const s = await signedIn(t.app, fca.email);
    assert.equal((await s.get(`/cases/${kase.caseId}`)).statusCode, 200);
    assert.equal((await s.get('/admin/reference')).statusCode, 403);

    // Out of the case's team: the cached principal must not keep its access.
    await t.database.query("UPDATE team_membership SET team_id = 'test-team-a' WHERE user_id = $1", [fca.userId]);
    assert.equal((await s.get(`/cases/${kase.caseId}`)).statusCode, 403);

    await t.database.query("INSERT INTO staff_role (user_id, role) VALUES ($1, 'system-admin')", [fca.userId]);
    assert.equal((await s.get('/admin/reference')).statusCode, 200);
    await t.database.query("DELETE FROM staff_role WHERE user_id = $1 AND role = 'system-admin'", [fca.userId]);
    assert.equal((await s.get('/admin/reference')).statusCode, 403);

    await t.database.query("UPDATE user_account SET display_name = 'Ffion Newname' WHERE id = $1", [fca.userId]);
    assert.match((await s.get('/caseload')).body, /Ffion Newname/);
  });

  it('ends the sessions of a disabled account at once', async () => {
    const fca = await createUser(t.database, 'fca');
    const s = await signedIn(t.app, fca.email);
    assert.equal((await s.get('/caseload')).statusCode, 200);
    await t.database.query('UPDATE user_account SET disabled_at = now() WHERE id = $1', [fca.userId]);
    const r = await s.get('/caseload');
    assert.notEqual(r.statusCode, 200);
  });
});
