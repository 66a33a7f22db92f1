import { appendTimeline } from '../src/modules/casework/service.ts';
import { createUser, signedIn, testApp } from './helpers/app.ts';
import { seedCase } from './helpers/cases.ts';

const t = await testApp();
const fca = await createUser(t.database, 'fca');
const kase = await seedCase(t.database, { allocateTo: fca.userId });
await t.database.db.transaction(async (tx) => {
  for (let i = 0; i < 200; i++)
    await appendTimeline(tx, {
      caseId: kase.caseId,
      kind: 'note-added',
      occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 3600_000),
      actorUserId: fca.userId,
      body: 'A note about the case, of modest length.',
    });
});
const s = await signedIn(t.app, fca.email);
const url = process.argv[2] === 'caseload' ? '/caseload' : `/cases/${kase.caseId}`;
for (let i = 0; i < 20; i++) await s.get(url);
const n = 300;
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  t.clock.advance(1);
  const r = await s.get(url);
  if (r.statusCode !== 200) throw new Error(String(r.statusCode));
}
const ms = (performance.now() - t0) / n;
console.log(t.database.kind, url.slice(0, 10), 'ms/request', ms.toFixed(2));
await t.close();
