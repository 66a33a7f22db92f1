import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { faker } from '@faker-js/faker';
import { type ImportSummary, importSearchResponse } from '../src/modules/intake/service.ts';
import { syncReferenceData } from '../src/modules/organisation/service.ts';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createDatabase, databaseUrl, dropDatabase } from './postgres-server.ts';

/**
 * `node bench/hmcts-import.ts [--cases N] [--concurrency C] [--batch B]`: HMCTS private-law
 * snapshots upserted per second. N synthetic PRL cases shaped like the fixture (cloned with
 * new CCD and element ids, faker names) are imported as search responses of B cases (one
 * poll window each), C windows at a time; then imported again unchanged; then again with
 * every case changed (state, a child added, a new document, an order with a report due).
 * Each case is its own transaction, as in the poller. Runs in a fresh database on the
 * server named by DATABASE_URL (dropped afterwards), else in an in-memory PGlite.
 * Prints one JSON line: {"metric":"hmcts_upserts_per_s", ...}.
 */
const MAX_CASES = 5000;
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '2000' },
    concurrency: { type: 'string' },
    batch: { type: 'string', default: '50' },
  },
});
const cases = Math.min(Math.max(1, Number(values.cases) || 2000), MAX_CASES);
const batch = Math.max(1, Number(values.batch) || 50);
const serverUrl = process.env.DATABASE_URL || undefined;
const concurrency = Math.max(1, Number(values.concurrency) || (serverUrl ? 8 : 1));

const fixture = JSON.parse(
  readFileSync(new URL('../test/fixtures/hmcts/prl/cafcass-search-response.json', import.meta.url), 'utf8'),
  // biome-ignore lint/suspicious/noExplicitAny: the fixture is cloned and edited freely
) as { cases: any[] };
const template = fixture.cases[1];
faker.seed(42);

// biome-ignore lint/suspicious/noExplicitAny: synthetic payloads
function syntheticCase(i: number): any {
  const c = structuredClone(template);
  c.id = 1_700_000_000_000_000 + i;
  c.case_data.hearingData.caseRef = String(c.id);
  const d = c.case_data;
  const family = faker.person.lastName();
  d.children[0].id = randomUUID();
  Object.assign(d.children[0].value, { firstName: faker.person.firstName(), lastName: family });
  d.applicants[0].id = randomUUID();
  Object.assign(d.applicants[0].value, { firstName: faker.person.firstName(), lastName: family });
  d.respondents[0].id = randomUUID();
  Object.assign(d.respondents[0].value, { firstName: faker.person.firstName(), lastName: family });
  d.otherPeopleInTheCaseTable[0].id = randomUUID();
  d.hearingData.caseHearings[0].hearingID = 3_000_000_000 + i;
  d.submitAndPayDownloadApplicationLink.document_id = randomUUID();
  d.courtName = i % 2 === 0 ? 'East London Family Court' : 'West London Family Court';
  return c;
}

// biome-ignore lint/suspicious/noExplicitAny: synthetic payloads
function changedVersion(c: any): any {
  const v = structuredClone(c);
  v.state = 'PREPARE_FOR_HEARING_CONDUCT_HEARING';
  v.case_data.children.push({
    id: randomUUID(),
    value: {
      firstName: faker.person.firstName(),
      lastName: v.case_data.children[0].value.lastName,
      dateOfBirth: '2020-06-01',
      gender: 'female',
    },
  });
  v.case_data.finalDocument = { document_id: randomUUID(), document_filename: 'C100FinalDocument.pdf' };
  v.case_data.orderCollection = [
    {
      id: randomUUID(),
      value: {
        orderType: 'standardDirectionsOrder',
        orderTypeId: 'Standard directions order',
        originalFilingDate: '2026-05-01',
        courtReportType: ['Safeguarding letter'],
      },
    },
  ];
  return v;
}

async function run(database: Database, payloads: unknown[]): Promise<{ seconds: number; summary: ImportSummary }> {
  const windows: string[] = [];
  for (let i = 0; i < payloads.length; i += batch) {
    const slice = payloads.slice(i, i + batch);
    windows.push(JSON.stringify({ total: slice.length, cases: slice }));
  }
  const total: ImportSummary = {
    cases: { created: 0, updated: 0, unchanged: 0 },
    rejected: 0,
    children: 0,
    parties: 0,
    documents: 0,
    warnings: [],
    results: [],
  };
  let next = 0;
  const now = new Date();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, windows.length) }, async () => {
      while (next < windows.length) {
        const body = windows[next++]!;
        const s = await importSearchResponse(database.db, { body, source: 'poll', now });
        total.cases.created += s.cases.created;
        total.cases.updated += s.cases.updated;
        total.cases.unchanged += s.cases.unchanged;
        total.rejected += s.rejected;
        total.warnings.push(...s.warnings.slice(0, 3));
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, summary: total };
}

const benchName = `childvoice_bench_hmcts_${process.pid}`;
let database: Database;
if (serverUrl) {
  await createDatabase(serverUrl, benchName);
  database = await openDatabase({
    kind: 'postgres',
    url: databaseUrl(serverUrl, benchName),
    poolSize: concurrency + 2,
  });
} else {
  database = await openDatabase({ kind: 'pglite' });
}
try {
  await migrate(database);
  await syncReferenceData(database.db);
  const originals = Array.from({ length: cases }, (_, i) => syntheticCase(i));
  const changed = originals.map(changedVersion);
  const created = await run(database, originals);
  const unchanged = await run(database, originals);
  const updated = await run(database, changed);
  const phases = [created, unchanged, updated];
  const rejected = phases.reduce((n, p) => n + p.summary.rejected, 0);
  if (rejected > 0) console.error('rejected:', phases.flatMap((p) => p.summary.warnings).slice(0, 5));
  const rate = (p: { seconds: number }) => Math.round(cases / p.seconds);
  console.log(
    JSON.stringify({
      metric: 'hmcts_upserts_per_s',
      value: Math.round((3 * cases) / phases.reduce((s, p) => s + p.seconds, 0)),
      created_per_s: rate(created),
      unchanged_per_s: rate(unchanged),
      updated_per_s: rate(updated),
      cases,
      concurrency,
      batch,
      database: database.kind,
      outcomes: {
        created: created.summary.cases.created,
        unchanged: unchanged.summary.cases.unchanged,
        updated: updated.summary.cases.updated,
        rejected,
      },
    }),
  );
} finally {
  await database.close();
  if (serverUrl) await dropDatabase(serverUrl, benchName);
}
