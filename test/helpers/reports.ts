import { sql } from 'drizzle-orm';
import type { TestDatabase } from './database.ts';

const one = async (database: TestDatabase, query: ReturnType<typeof sql>) => {
  const result = (await database.db.execute(query)) as unknown as { rows: { id: string }[] };
  return result.rows[0]!.id;
};

/** A court direction for one of our reports (section-7, s7-addendum, rule-16-4 …), typed in. */
export function seedDirection(database: TestDatabase, caseId: string, reportType: string, dueOn: string | null) {
  return one(
    database,
    sql`INSERT INTO court_direction (case_id, report_type, due_on, source) VALUES (${caseId}, ${reportType}, ${dueOn}, 'manual')
        RETURNING id`,
  );
}

/** A direct-work session with a child: seen (with their own words) or not seen with a reason. */
export function seedSession(
  database: TestDatabase,
  input: {
    caseId: string;
    childId: string;
    heldOn: string;
    createdBy: string;
    ownWords?: string;
    seen?: boolean;
    notSeenReason?: string | null;
  },
) {
  const seen = input.seen ?? true;
  return one(
    database,
    sql`INSERT INTO direct_work_session (case_id, child_id, held_on, seen, not_seen_reason, seen_alone, place, minutes,
          own_words, created_by)
        VALUES (${input.caseId}, ${input.childId}, ${input.heldOn}, ${seen}, ${input.notSeenReason ?? null}, ${seen},
          'school', 45, ${input.ownWords ?? ''}, ${input.createdBy})
        RETURNING id`,
  );
}

/** A recorded contact log entry with what was said. */
export function seedContact(
  database: TestDatabase,
  input: { caseId: string; heldOn: string; authorId: string; whatWasSaid: string; partyIds?: string[]; kind?: string },
) {
  const parties = `{${(input.partyIds ?? []).join(',')}}`;
  return one(
    database,
    sql`INSERT INTO contact_log_entry (case_id, status, kind, held_on, party_ids, what_was_said, analysis, author_id, recorded_at)
        VALUES (${input.caseId}, 'recorded', ${input.kind ?? 'visit'}, ${input.heldOn}, ${parties}::uuid[], ${input.whatWasSaid},
          'Analysis.', ${input.authorId}, now())
        RETURNING id`,
  );
}

export function seedHearing(database: TestDatabase, caseId: string, startsAt: string) {
  return one(
    database,
    sql`INSERT INTO hearing (case_id, type_code, status, starts_at) VALUES (${caseId}, 'ABA5-DRA', 'LISTED', ${startsAt})
        RETURNING id`,
  );
}

export async function setSelfRegulating(database: TestDatabase, userId: string, on: boolean) {
  await database.db.execute(sql`UPDATE staff SET self_regulating = ${on} WHERE user_id = ${userId}`);
}

export async function rowsOf<T>(database: TestDatabase, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}
