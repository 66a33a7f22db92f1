import { sql } from 'drizzle-orm';
import type { Principal } from '../../platform/authorisation/roles.ts';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { visibleCasesCondition } from './visibility.ts';

/**
 * Person matching (DOMAIN §3.1, previous proceedings): families come back to court, and
 * an earlier case's safeguarding work matters. For each person of a new case we look in
 * the person index for people with a similar name and the same or a nearly-the-same date
 * of birth, and record each as a candidate. Nothing is ever merged: a person confirms or
 * rejects each candidate.
 */

/**
 * Name similarity (pg_trgm, 0..1) at or above which a person with the same or a near date
 * of birth is a candidate. Low on purpose: the date of birth carries the match, and typed
 * names vary ("Jon Smyth" and "John Smith" are 0.31 alike).
 */
export const NAME_SIMILARITY_THRESHOLD = 0.3;
/** When either date of birth is not known, only a very similar name makes a candidate. */
export const UNKNOWN_DOB_SIMILARITY_THRESHOLD = 0.8;
/** At most this many candidates per person (the most similar names first). */
export const MAX_CANDIDATES_PER_PERSON = 10;

export type DateOfBirthMatch = 'exact' | 'near' | 'unknown';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(iso: string): [number, number, number] | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return [y, mo, d];
}

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function addDays(y: number, m: number, d: number, days: number): string {
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}

/**
 * The dates of birth "near" a date: the day before and after, the day and month swapped
 * (a US-style or mistyped entry), and the same day and month a year before or after.
 * Impossible dates (31 April, 29 February of a common year) are left out.
 */
export function nearDatesOfBirth(dateOfBirth: string): string[] {
  const p = parts(dateOfBirth);
  if (!p) return [];
  const [y, m, d] = p;
  const near = [addDays(y, m, d, -1), addDays(y, m, d, 1), iso(y, d, m), iso(y - 1, m, d), iso(y + 1, m, d)];
  return [...new Set(near.filter((v): v is string => v !== null && v !== dateOfBirth))];
}

/**
 * How two dates of birth agree: exact, near (see nearDatesOfBirth), unknown when either
 * is not known, and null when they are known and different: not the same person.
 */
export function dateOfBirthMatch(a: string | null, b: string | null): DateOfBirthMatch | null {
  if (!a || !b) return 'unknown';
  if (!parts(a) || !parts(b)) return 'unknown';
  if (a === b) return 'exact';
  return nearDatesOfBirth(a).includes(b) ? 'near' : null;
}

/** Accents taken off (Siôn → Sion, Llŷr → Llyr), for a second look-up when a name has them. */
export function withoutDiacritics(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/** The indexed name expression (person_name_trgm_idx): it must be written exactly so. */
const NAME_EXPR = sql`(p.family_name || ' ' || p.given_names)`;

export interface MatchProbe {
  personId: string;
  caseId: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
}

export interface MatchCandidate {
  candidatePersonId: string;
  score: number;
  dateOfBirth: string | null;
  dateOfBirthMatch: DateOfBirthMatch;
}

/** The phonetic block of a name: Double Metaphone of the family name and the first given name. */
const PHONETIC_KEY = sql`(dmetaphone(p.family_name), dmetaphone(split_part(p.given_names, ' ', 1)))`;

/**
 * The candidates for one person.
 * - With a date of birth: everyone born on the same day or a near one (see
 *   nearDatesOfBirth; through the btree index person_dob_idx) whose name is at least
 *   NAME_SIMILARITY_THRESHOLD alike; and people whose date of birth is not known, in the
 *   same phonetic block (person_phonetic_idx), with a very similar name.
 * - Without one: people in the same phonetic block (Double Metaphone of the family name
 *   and the first given name: Smith/Smyth, Jon/John) with a very similar name
 *   (UNKNOWN_DOB_SIMILARITY_THRESHOLD), whatever their date of birth. Blocking keeps this
 *   an index look-up over millions of people, where a trigram scan of every name costs
 *   35–130 ms a person (bench/person-match.ts).
 * Leaves out the person, the other people of the same case, and pairs already recorded
 * either way round.
 */
export async function findCandidates(tx: Executor, probe: MatchProbe): Promise<MatchCandidate[]> {
  const name = `${probe.familyName.trim()} ${probe.givenNames.trim()}`;
  const plain = withoutDiacritics(name);
  const score =
    plain === name
      ? sql`similarity(${NAME_EXPR}, ${name})`
      : sql`greatest(similarity(${NAME_EXPR}, ${name}), similarity(${NAME_EXPR}, ${plain}))`;
  const blocks = [...new Set([probe.familyName.trim(), withoutDiacritics(probe.familyName.trim())])].flatMap((family) =>
    [...new Set([probe.givenNames.trim(), withoutDiacritics(probe.givenNames.trim())])].map(
      (given) => sql`(dmetaphone(${family}), dmetaphone(split_part(${given}, ' ', 1)))`,
    ),
  );
  const inBlock = sql`${PHONETIC_KEY} IN (${sql.join(blocks, sql`, `)})`;
  const dates = probe.dateOfBirth ? [probe.dateOfBirth, ...nearDatesOfBirth(probe.dateOfBirth)] : [];
  const found =
    dates.length > 0
      ? sql`SELECT p.id, p.date_of_birth, ${score} AS score FROM person p
          WHERE p.date_of_birth IN (${sql.join(
            dates.map((d) => sql`${d}::date`),
            sql`, `,
          )})
          UNION ALL
          SELECT p.id, p.date_of_birth, ${score} AS score FROM person p
          WHERE ${inBlock} AND p.date_of_birth IS NULL AND ${score} >= ${UNKNOWN_DOB_SIMILARITY_THRESHOLD}::float8`
      : sql`SELECT p.id, p.date_of_birth, ${score} AS score FROM person p WHERE ${inBlock}`;
  const threshold = dates.length > 0 ? NAME_SIMILARITY_THRESHOLD : UNKNOWN_DOB_SIMILARITY_THRESHOLD;
  const rows = await queryRows<{ id: string; score: number; dob: string | null }>(
    tx,
    sql`SELECT c.id, c.score::float8 AS score, to_char(c.date_of_birth, 'YYYY-MM-DD') AS dob
      FROM (${found}) c
      WHERE c.id <> ${probe.personId}
        AND c.score >= ${threshold}::float8
        AND NOT EXISTS (SELECT 1 FROM case_child ch WHERE ch.person_id = c.id AND ch.case_id = ${probe.caseId})
        AND NOT EXISTS (SELECT 1 FROM case_party cp WHERE cp.person_id = c.id AND cp.case_id = ${probe.caseId})
        AND NOT EXISTS (SELECT 1 FROM person_match m
          WHERE (m.person_id = ${probe.personId} AND m.candidate_person_id = c.id)
             OR (m.person_id = c.id AND m.candidate_person_id = ${probe.personId}))
      ORDER BY c.score DESC, c.id
      LIMIT ${MAX_CANDIDATES_PER_PERSON}`,
  );
  const out: MatchCandidate[] = [];
  for (const r of rows) {
    const match = dateOfBirthMatch(probe.dateOfBirth, r.dob);
    if (!match) continue;
    out.push({ candidatePersonId: r.id, score: Number(r.score), dateOfBirth: r.dob, dateOfBirthMatch: match });
  }
  return out;
}

/** The people of a case (children and adult parties), as match probes. */
export async function casePeopleForMatching(tx: Executor, caseId: string): Promise<MatchProbe[]> {
  return queryRows<MatchProbe>(
    tx,
    sql`SELECT DISTINCT p.id AS "personId", ${caseId}::uuid AS "caseId", p.given_names AS "givenNames",
        p.family_name AS "familyName", to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth"
      FROM person p
      WHERE p.id IN (SELECT person_id FROM case_child WHERE case_id = ${caseId}
                     UNION SELECT person_id FROM case_party WHERE case_id = ${caseId})`,
  );
}

/**
 * Look for candidates for every person of a case and record each new one as a
 * `person_match` (status candidate). Earlier decisions are kept. Runs in the caller's
 * transaction. Returns the ids of the new candidate rows.
 */
export async function runPersonMatching(tx: Executor, caseId: string, now: Date): Promise<string[]> {
  const probes = await casePeopleForMatching(tx, caseId);
  const ids: string[] = [];
  for (const probe of probes) {
    for (const c of await findCandidates(tx, probe)) {
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`INSERT INTO person_match (case_id, person_id, candidate_person_id, score, date_of_birth_match, status, created_at)
          VALUES (${caseId}, ${probe.personId}, ${c.candidatePersonId}, ${c.score}, ${c.dateOfBirthMatch}, 'candidate', ${now})
          ON CONFLICT (person_id, candidate_person_id) DO NOTHING
          RETURNING id`,
      );
      if (row) ids.push(row.id);
    }
  }
  return ids;
}

export interface EarlierCase {
  id: string;
  /** Whether the viewer may see this case: when false, nothing else of it is given. */
  visible: boolean;
  reference: string | null;
  law: string | null;
  status: string | null;
  receivedOn: string | null;
  closedOn: string | null;
  role: string | null;
}

export interface MatchRow {
  id: string;
  personId: string;
  candidatePersonId: string;
  score: number;
  dateOfBirthMatch: DateOfBirthMatch;
  status: 'candidate' | 'confirmed' | 'rejected';
  decidedAt: string | null;
  decidedByName: string | null;
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  earlierCases: EarlierCase[];
}

/**
 * The recorded matches of a case's people, each with the candidate's other cases. A case
 * the viewer may not see (need-to-know, in SQL) comes back with its id only.
 */
export async function listMatchesForCase(
  tx: Executor,
  principal: Principal,
  caseId: string,
  now: Date,
): Promise<MatchRow[]> {
  const rows = await queryRows<Omit<MatchRow, 'earlierCases'> & { earlierCases: EarlierCase[] | null }>(
    tx,
    sql`SELECT m.id, m.person_id AS "personId", m.candidate_person_id AS "candidatePersonId", m.score::float8 AS score,
        m.date_of_birth_match AS "dateOfBirthMatch", m.status, m.decided_at AS "decidedAt", u.display_name AS "decidedByName",
        p.given_names AS "givenNames", p.family_name AS "familyName", to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
        (SELECT json_agg(x ORDER BY x."receivedOn" DESC NULLS LAST) FROM (
          SELECT c.id,
            v.visible,
            CASE WHEN v.visible THEN c.reference END AS reference,
            CASE WHEN v.visible THEN c.law END AS law,
            CASE WHEN v.visible THEN c.status END AS status,
            CASE WHEN v.visible THEN to_char(c.received_on, 'YYYY-MM-DD') END AS "receivedOn",
            CASE WHEN v.visible THEN to_char(c.closed_at, 'YYYY-MM-DD') END AS "closedOn",
            CASE WHEN v.visible THEN r.role END AS role
          FROM (SELECT ch.case_id, 'child' AS role FROM case_child ch WHERE ch.person_id = m.candidate_person_id
                UNION SELECT cp.case_id, cp.party_role FROM case_party cp WHERE cp.person_id = m.candidate_person_id) r
            JOIN case_record c ON c.id = r.case_id
            CROSS JOIN LATERAL (SELECT ${visibleCasesCondition(principal, now)} AS visible) v
          WHERE c.id <> ${caseId}) x) AS "earlierCases"
      FROM person_match m
        JOIN person p ON p.id = m.candidate_person_id
        LEFT JOIN user_account u ON u.id = m.decided_by
      WHERE m.case_id = ${caseId}
      ORDER BY m.score DESC, m.id`,
  );
  return rows.map((r) => ({ ...r, score: Number(r.score), earlierCases: r.earlierCases ?? [] }));
}

export interface SafeguardingHistory {
  caseId: string;
  screening: { decision: string; riskFlags: string[]; otherRisk: string | null; screenedAt: string } | null;
  checks: {
    kind: string;
    requestedOn: string;
    returnedOn: string | null;
    outcome: string | null;
    concerns: string | null;
  }[];
  letters: { kind: string; status: string; filedOn: string | null; recommendation: string | null }[];
}

/**
 * The safeguarding work of earlier cases (screening, checks, letters), read from the
 * safeguarding tables. Callers pass only cases the viewer may see.
 */
export async function safeguardingHistory(tx: Executor, caseIds: string[]): Promise<Map<string, SafeguardingHistory>> {
  const out = new Map<string, SafeguardingHistory>();
  if (caseIds.length === 0) return out;
  const ids = sql.join(
    caseIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  for (const id of caseIds) out.set(id, { caseId: id, screening: null, checks: [], letters: [] });
  const screenings = await queryRows<{
    caseId: string;
    decision: string;
    riskFlags: string[];
    otherRisk: string | null;
    screenedAt: string;
  }>(
    tx,
    sql`SELECT case_id AS "caseId", decision, risk_flags AS "riskFlags", other_risk AS "otherRisk", screened_at AS "screenedAt"
      FROM screening WHERE case_id IN (${ids})`,
  );
  for (const s of screenings) out.get(s.caseId)!.screening = s;
  const checks = await queryRows<SafeguardingHistory['checks'][number] & { caseId: string }>(
    tx,
    sql`SELECT case_id AS "caseId", kind, to_char(requested_on, 'YYYY-MM-DD') AS "requestedOn",
        to_char(returned_on, 'YYYY-MM-DD') AS "returnedOn", outcome, concerns
      FROM safeguarding_check WHERE case_id IN (${ids}) ORDER BY requested_on, created_at`,
  );
  for (const { caseId, ...c } of checks) out.get(caseId)!.checks.push(c);
  const letters = await queryRows<SafeguardingHistory['letters'][number] & { caseId: string }>(
    tx,
    sql`SELECT case_id AS "caseId", kind, status, to_char(filed_on, 'YYYY-MM-DD') AS "filedOn", recommendation
      FROM safeguarding_letter WHERE case_id IN (${ids}) ORDER BY created_at`,
  );
  for (const { caseId, ...l } of letters) out.get(caseId)!.letters.push(l);
  return out;
}

/**
 * Record a decision on a candidate: confirmed or rejected (a person may change their
 * mind). Returns the match's person and candidate, or null when the match is not of this case.
 */
export async function decidePersonMatch(
  tx: Executor,
  input: { caseId: string; matchId: string; decision: 'confirmed' | 'rejected'; userId: string; now: Date },
): Promise<{ personId: string; candidatePersonId: string; changed: boolean } | null> {
  const [before] = await queryRows<{ personId: string; candidatePersonId: string; status: string }>(
    tx,
    sql`SELECT person_id AS "personId", candidate_person_id AS "candidatePersonId", status FROM person_match
      WHERE id = ${input.matchId} AND case_id = ${input.caseId} FOR UPDATE`,
  );
  if (!before) return null;
  if (before.status === input.decision) return { ...before, changed: false };
  await tx.execute(
    sql`UPDATE person_match SET status = ${input.decision}, decided_by = ${input.userId}, decided_at = ${input.now}
      WHERE id = ${input.matchId}`,
  );
  return { personId: before.personId, candidatePersonId: before.candidatePersonId, changed: true };
}
