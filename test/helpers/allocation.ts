import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/database.ts';
import type { TestDatabase } from './database.ts';

/** Allocation fixtures: a case made ready for allocation on a day, and staff facts. */
export async function markReady(
  database: TestDatabase,
  caseId: string,
  at: string,
  kind = 'state.first-hearing-outcome',
) {
  await database.db.execute(sql`INSERT INTO timeline_event (case_id, occurred_at, kind, details)
    VALUES (${caseId}, ${at}::timestamptz, ${kind}, '{}'::jsonb)`);
}

export async function setWelshSpeaker(database: TestDatabase, userId: string, on = true) {
  await database.db.execute(sql`UPDATE staff SET welsh_speaker = ${on} WHERE user_id = ${userId}`);
}

export async function setCaseLanguage(database: TestDatabase, caseId: string, language: 'en' | 'cy') {
  await database.db.execute(sql`UPDATE case_record SET language = ${language} WHERE id = ${caseId}`);
}

export async function setCaseStatus(database: TestDatabase, caseId: string, status: string) {
  await database.db.execute(sql`UPDATE case_record SET status = ${status},
    closed_at = ${status === 'closed' ? sql`now()` : sql`NULL`} WHERE id = ${caseId}`);
}

export async function rows<T>(database: TestDatabase, query: ReturnType<typeof sql>): Promise<T[]> {
  return queryRows<T>(database.db, query);
}

/** The value of a named hidden or text input on a page. */
export function inputValue(html: string, name: string): string {
  const m = new RegExp(`name="${name}" (?:type="[a-z]+" )?value="([^"]*)"`).exec(html);
  if (m) return m[1]!;
  const other = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html);
  if (!other) throw new Error(`no ${name} on the page`);
  return other[1]!;
}
