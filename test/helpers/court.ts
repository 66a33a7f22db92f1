import { eq, sql } from 'drizzle-orm';
import { contactDetail, person } from '../../src/modules/casework/schema.ts';
import { queryRows } from '../../src/platform/db/database.ts';
import type { TestDatabase } from './database.ts';

/** Court fixtures: contact details, a party's language and a direction. */
export async function addContact(
  database: TestDatabase,
  input: { caseId: string; personId: string; kind: 'email' | 'phone'; value: string; confidential?: boolean },
) {
  await database.db.insert(contactDetail).values({
    caseId: input.caseId,
    personId: input.personId,
    kind: input.kind,
    value: input.value,
    confidential: input.confidential ?? false,
  });
}

export async function speaksWelsh(database: TestDatabase, personId: string) {
  await database.db.update(person).set({ languagePreference: 'cy' }).where(eq(person.id, personId));
}

export async function seedDirection(
  database: TestDatabase,
  input: { caseId: string; reportType?: string; dueOn: string | null; filedOn?: string | null },
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    database.db,
    sql`INSERT INTO court_direction (case_id, report_type, due_on, filed_on, source, created_at)
      VALUES (${input.caseId}, ${input.reportType ?? 'section-7'}, ${input.dueOn}::date, ${input.filedOn ?? null}::date,
        'fhdra-outcome', now()) RETURNING id`,
  );
  return row!.id;
}
