/**
 * Bench: person matching over a large person index.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/person-match.ts [--people 3000000] [--probes 500]
 *
 * Seeds synthetic people (given and family names from lists, some with a second given
 * name or a double-barrelled family name, Welsh names with diacritics, random dates of
 * birth, 2% unknown) into a dedicated database (created and migrated when missing; the
 * seed is kept for later runs), then runs the matching query of
 * src/modules/casework/person-match.ts for probe people made from existing ones (exact,
 * day and month swapped, a typo in the name, a day out, date of birth unknown) and prints
 * p50/p95/p99 in milliseconds as JSON. Goal: p95 ≤ 20 ms.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { findCandidates, type MatchProbe } from '../src/modules/casework/person-match.ts';
import { openDatabase, queryRows } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createDatabase, databaseExists, databaseUrl } from './postgres-server.ts';
import { quantileSorted, round } from './stats.ts';

const GIVEN = [
  'Oliver',
  'George',
  'Harry',
  'Noah',
  'Jack',
  'Leo',
  'Arthur',
  'Muhammad',
  'Oscar',
  'Charlie',
  'Jacob',
  'Thomas',
  'Henry',
  'William',
  'Freddie',
  'Alfie',
  'Theo',
  'Archie',
  'Joshua',
  'James',
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Ivy',
  'Freya',
  'Lily',
  'Florence',
  'Mia',
  'Willow',
  'Rosie',
  'Sophia',
  'Isabella',
  'Grace',
  'Daisy',
  'Sienna',
  'Poppy',
  'Elsie',
  'Emily',
  'Ella',
  'John',
  'David',
  'Michael',
  'Paul',
  'Andrew',
  'Mark',
  'Richard',
  'Daniel',
  'Sarah',
  'Emma',
  'Laura',
  'Rebecca',
  'Claire',
  'Rachel',
  'Hannah',
  'Jessica',
  'Charlotte',
  'Lucy',
  'Megan',
  'Chloe',
  'Siôn',
  'Rhys',
  'Dafydd',
  'Gethin',
  'Iolo',
  'Llŷr',
  'Owain',
  'Tomos',
  'Cerys',
  'Seren',
  'Nia',
  'Ffion',
  'Angharad',
  'Gwenllïan',
  'Elin',
  'Mali',
  'Catrin',
  'Lowri',
  'Aled',
  'Osian',
  'Aisha',
  'Fatima',
  'Zara',
  'Yusuf',
  'Ibrahim',
  'Priya',
  'Arjun',
  'Wiktoria',
  'Jakub',
  'Zofia',
  'Oskar',
  'Ana',
  'Mateus',
  'Kwame',
  'Ama',
  'Chidi',
  'Ngozi',
  'Sean',
  'Niamh',
  'Aoife',
  'Ciara',
  'Liam',
  'Conor',
  'Eilidh',
  'Callum',
  'Struan',
  'Morag',
  'Hamish',
  'Kenver',
  'Morwenna',
];
const FAMILY = [
  'Smith',
  'Jones',
  'Williams',
  'Taylor',
  'Brown',
  'Davies',
  'Evans',
  'Wilson',
  'Thomas',
  'Johnson',
  'Roberts',
  'Robinson',
  'Thompson',
  'Wright',
  'Walker',
  'White',
  'Edwards',
  'Hughes',
  'Green',
  'Hall',
  'Lewis',
  'Harris',
  'Clarke',
  'Patel',
  'Jackson',
  'Wood',
  'Turner',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Morris',
  'Moore',
  'Clark',
  'Lee',
  'King',
  'Baker',
  'Harrison',
  'Morgan',
  'Allen',
  'James',
  'Scott',
  'Phillips',
  'Watson',
  'Davis',
  'Parker',
  'Price',
  'Bennett',
  'Young',
  'Griffiths',
  'Mitchell',
  'Kelly',
  'Cook',
  'Carter',
  'Richardson',
  'Bailey',
  'Collins',
  'Bell',
  'Shaw',
  'Murphy',
  'Miller',
  'Cox',
  'Richards',
  'Khan',
  'Marshall',
  'Anderson',
  'Simpson',
  'Ellis',
  'Adams',
  'Singh',
  'Begum',
  'Wilkinson',
  'Foster',
  'Chapman',
  'Powell',
  'Webb',
  'Rogers',
  'Gray',
  'Mason',
  'Ali',
  'Hunt',
  'Hussain',
  'Campbell',
  'Matthews',
  'Owen',
  'Palmer',
  'Holmes',
  'Mills',
  'Barnes',
  'Knight',
  'Lloyd',
  'Butler',
  'Russell',
  'Barker',
  'Fisher',
  'Stevens',
  'Jenkins',
  'Murray',
  'Dixon',
  'Harvey',
  'Pritchard',
  'Llewellyn',
  'Prys',
  'Vaughan',
  'Rees',
  'Jenkin',
  'Bowen',
  'Tregarthen',
  'Pascoe',
  'Penrose',
  'Nowak',
  'Kowalski',
  'Wiśniewski',
  'Okafor',
  'Mensah',
  'Ahmed',
  'Rahman',
  'Silva',
  'Santos',
  "O'Brien",
  'MacDonald',
  'Fraser',
  'Stewart',
  'Reid',
];

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '3000000' },
    probes: { type: 'string', default: '500' },
    database: { type: 'string', default: 'childvoice_bench_people' },
  },
});
const PEOPLE = Number(values.people);
const PROBES = Number(values.probes);
const NAME = values.database!;
const BATCH = 250_000;

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (!(await databaseExists(adminUrl, NAME))) await createDatabase(adminUrl, NAME);
const database = await openDatabase({ kind: 'postgres', url: databaseUrl(adminUrl, NAME), poolSize: 2 });
const db = database.db;
await migrate(database);

const count = async () => (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM person`))[0]!.n;

let seedSeconds = 0;
const existing = await count();
if (existing < PEOPLE) {
  const started = performance.now();
  // Build the indexes once at the end: far faster than keeping them up to date row by row.
  await db.execute(sql`DROP INDEX IF EXISTS person_name_trgm_idx`);
  await db.execute(sql`DROP INDEX IF EXISTS person_dob_idx`);
  await db.execute(sql`DROP INDEX IF EXISTS person_phonetic_idx`);
  const given = sql`ARRAY[${sql.join(
    GIVEN.map((g) => sql`${g}`),
    sql`, `,
  )}]::text[]`;
  const family = sql`ARRAY[${sql.join(
    FAMILY.map((f) => sql`${f}`),
    sql`, `,
  )}]::text[]`;
  for (let done = existing; done < PEOPLE; done += BATCH) {
    const n = Math.min(BATCH, PEOPLE - done);
    await db.execute(sql`
      INSERT INTO person (given_names, family_name, date_of_birth, created_at)
      SELECT
        g[1 + floor(random() * cardinality(g))::int]
          || CASE WHEN random() < 0.35 THEN ' ' || g[1 + floor(random() * cardinality(g))::int] ELSE '' END,
        f[1 + floor(random() * cardinality(f))::int]
          || CASE WHEN random() < 0.08 THEN '-' || f[1 + floor(random() * cardinality(f))::int] ELSE '' END,
        CASE WHEN random() < 0.02 THEN NULL ELSE date '1940-01-01' + floor(random() * 31000)::int END,
        now()
      FROM generate_series(1, ${n}) AS s, (SELECT ${given} AS g, ${family} AS f) AS names`);
    process.stderr.write(`seeded ${done + n} of ${PEOPLE}\n`);
  }
  process.stderr.write('building indexes…\n');
  await db.execute(
    sql`CREATE INDEX IF NOT EXISTS person_name_trgm_idx ON person USING gin ((family_name || ' ' || given_names) gin_trgm_ops)`,
  );
  await db.execute(sql`CREATE INDEX IF NOT EXISTS person_dob_idx ON person USING btree (date_of_birth)`);
  await db.execute(
    sql`CREATE INDEX IF NOT EXISTS person_phonetic_idx ON person USING btree (dmetaphone(family_name), dmetaphone(split_part(given_names, ' ', 1)))`,
  );
  // Set hint bits and the visibility map once, as a live database would have them.
  await db.execute(sql`VACUUM ANALYZE person`);
  seedSeconds = round((performance.now() - started) / 1000, 1);
}
const total = await count();

// Probes: existing people, typed in again as an intake officer might.
const sample = await queryRows<{ given: string; family: string; dob: string | null }>(
  db,
  sql`SELECT given_names AS given, family_name AS family, to_char(date_of_birth, 'YYYY-MM-DD') AS dob
    FROM person TABLESAMPLE SYSTEM (1) WHERE date_of_birth IS NOT NULL LIMIT ${PROBES}`,
);
const typo = (s: string) => {
  if (s.length < 4) return s;
  const i = 1 + Math.floor(Math.random() * (s.length - 2));
  return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
};
const swap = (dob: string) => {
  const [y, m, d] = dob.split('-');
  return Number(d) <= 12 ? `${y}-${d}-${m}` : dob;
};
const dayOut = (dob: string) => new Date(Date.parse(`${dob}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
const kinds = ['exact', 'swapped', 'typo', 'day-out', 'unknown'] as const;
const probes = sample.map((p, i) => {
  const kind = kinds[i % kinds.length]!;
  const probe: MatchProbe = {
    personId: randomUUID(),
    caseId: randomUUID(),
    givenNames: kind === 'typo' ? typo(p.given) : p.given,
    familyName: p.family,
    dateOfBirth:
      kind === 'unknown' ? null : kind === 'swapped' ? swap(p.dob!) : kind === 'day-out' ? dayOut(p.dob!) : p.dob,
  };
  return { kind, probe };
});

// Time each look-up (a transaction of its own, as at intake), twice: the first pass reads
// the people from disk or the OS cache ("first"), the repeat finds them in memory ("repeat").
const runOne = (probe: MatchProbe) => db.transaction(async (tx) => findCandidates(tx, probe));
const q = (xs: number[], p: number) =>
  round(
    quantileSorted(
      xs.toSorted((a, b) => a - b),
      p,
    ),
    2,
  );
async function pass() {
  const times: number[] = [];
  const byKind: Record<string, number[]> = {};
  let candidates = 0;
  let withCandidates = 0;
  for (const { kind, probe } of probes) {
    const t0 = performance.now();
    const found = await runOne(probe);
    const ms = performance.now() - t0;
    times.push(ms);
    const list = byKind[kind] ?? [];
    list.push(ms);
    byKind[kind] = list;
    candidates += found.length;
    if (found.length > 0) withCandidates += 1;
  }
  const known = Object.entries(byKind)
    .filter(([k]) => k !== 'unknown')
    .flatMap(([, xs]) => xs);
  return {
    p50: q(times, 0.5),
    p95: q(times, 0.95),
    p99: q(times, 0.99),
    max: q(times, 1),
    knownDateOfBirth: { p50: q(known, 0.5), p95: q(known, 0.95), p99: q(known, 0.99) },
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, xs]) => [k, { p50: q(xs, 0.5), p95: q(xs, 0.95) }])),
    meanCandidates: round(candidates / probes.length, 2),
    probesWithCandidates: withCandidates,
  };
}
const first = await pass();
const repeat = await pass();
const [load] = (await import('node:os')).loadavg();
console.log(
  JSON.stringify(
    {
      bench: 'person-match',
      database: NAME,
      people: total,
      seedSeconds,
      probes: probes.length,
      p50: repeat.p50,
      p95: repeat.p95,
      p99: repeat.p99,
      goalP95Ms: 20,
      loadAverage1m: round(load ?? Number.NaN, 2),
      first,
      repeat,
    },
    null,
    2,
  ),
);
await database.close();
