import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { caseChild, caseParty, caseRecord, contactDetail, partyChildRelationship, person } from './schema.ts';
import { appendTimeline } from './timeline.ts';

export interface NewPerson {
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  languagePreference?: 'en' | 'cy';
  interpreterLanguage?: string | null;
  /** Link to an existing person-index identity instead of creating one. */
  existingPersonId?: string;
}

export interface NewContact {
  kind: 'address' | 'phone' | 'email';
  addressLines?: string[];
  postcode?: string;
  value?: string;
  confidential?: boolean;
  refuge?: boolean;
}

export interface NewCase {
  reference: string;
  law: 'private' | 'public' | 'adoption';
  applicationType: string;
  status: string;
  areaId: string;
  teamId?: string | null;
  courtId?: string | null;
  localAuthorityCode?: string | null;
  receivedOn: string;
  receivedAt: Date;
  firstHearingOn?: string | null;
  language?: 'en' | 'cy';
  restricted?: boolean;
  children: (NewPerson & { key: string; gender?: string | null; contacts?: NewContact[] })[];
  parties: (NewPerson & {
    key: string;
    partyRole: 'applicant' | 'respondent' | 'other-party' | 'local-authority';
    relationships: { childKey: string; relationship: string }[];
    contacts?: NewContact[];
  })[];
  actorUserId: string | null;
}

async function insertPerson(tx: Executor, p: NewPerson): Promise<string> {
  if (p.existingPersonId) return p.existingPersonId;
  const [row] = await tx
    .insert(person)
    .values({
      givenNames: p.givenNames,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      languagePreference: p.languagePreference ?? 'en',
      interpreterLanguage: p.interpreterLanguage ?? null,
    })
    .returning({ id: person.id });
  return row!.id;
}

async function insertContacts(tx: Executor, caseId: string, personId: string, contacts: NewContact[] = []) {
  if (contacts.length === 0) return;
  // Living in a refuge makes every contact detail of that person confidential.
  const refuge = contacts.some((c) => c.refuge);
  await tx.insert(contactDetail).values(
    contacts.map((c) => ({
      caseId,
      personId,
      kind: c.kind,
      addressLines: c.addressLines ?? null,
      postcode: c.postcode ?? null,
      value: c.value ?? null,
      confidential: refuge || (c.confidential ?? false),
      refuge: c.refuge ?? false,
    })),
  );
}

/**
 * Create a case with its children, adult parties, their relationships and contact details,
 * and the "received" timeline entry, inside the caller's transaction.
 */
export async function createCase(
  tx: Executor,
  input: NewCase,
): Promise<{
  caseId: string;
  childIds: Record<string, string>;
  partyIds: Record<string, string>;
  personIds: Record<string, string>;
}> {
  const [created] = await tx
    .insert(caseRecord)
    .values({
      reference: input.reference,
      law: input.law,
      applicationType: input.applicationType,
      status: input.status,
      areaId: input.areaId,
      teamId: input.teamId ?? null,
      courtId: input.courtId ?? null,
      localAuthorityCode: input.localAuthorityCode ?? null,
      receivedOn: input.receivedOn,
      firstHearingOn: input.firstHearingOn ?? null,
      language: input.language ?? 'en',
      restricted: input.restricted ?? false,
      createdAt: input.receivedAt,
      updatedAt: input.receivedAt,
    })
    .returning({ id: caseRecord.id });
  const caseId = created!.id;
  const childIds: Record<string, string> = {};
  const personIds: Record<string, string> = {};
  for (const c of input.children) {
    const personId = await insertPerson(tx, c);
    const [row] = await tx
      .insert(caseChild)
      .values({ caseId, personId, gender: c.gender ?? null })
      .returning({ id: caseChild.id });
    childIds[c.key] = row!.id;
    personIds[c.key] = personId;
    await insertContacts(tx, caseId, personId, c.contacts);
  }
  const partyIds: Record<string, string> = {};
  for (const p of input.parties) {
    const personId = await insertPerson(tx, p);
    const [row] = await tx
      .insert(caseParty)
      .values({ caseId, personId, partyRole: p.partyRole })
      .returning({ id: caseParty.id });
    partyIds[p.key] = row!.id;
    personIds[p.key] = personId;
    const relationships = p.relationships
      .filter((r) => childIds[r.childKey])
      .map((r) => ({ partyId: row!.id, childId: childIds[r.childKey]!, relationship: r.relationship }));
    if (relationships.length > 0) await tx.insert(partyChildRelationship).values(relationships);
    await insertContacts(tx, caseId, personId, p.contacts);
  }
  await appendTimeline(tx, {
    caseId,
    kind: 'case-received',
    occurredAt: input.receivedAt,
    actorUserId: input.actorUserId,
    details: { applicationType: input.applicationType },
  });
  return { caseId, childIds, partyIds, personIds };
}

/**
 * Reserve `count` consecutive case numbers of a year and return the first reference
 * (CV-2026-000123). The year's counter row is locked until the caller's transaction ends,
 * so concurrent intakes never get the same number. A year's counter starts after the
 * highest CV reference of that year already present (e.g. demo data).
 */
export async function reserveCaseReferences(tx: Executor, year: number, count = 1): Promise<number> {
  const [updated] = await queryRows<{ last: number }>(
    tx,
    sql`UPDATE case_reference_counter SET last = last + ${count} WHERE year = ${year} RETURNING last`,
  );
  if (updated) return updated.last - count + 1;
  const pattern = `CV-${year}-%`;
  const [inserted] = await queryRows<{ last: number }>(
    tx,
    sql`INSERT INTO case_reference_counter (year, last)
      SELECT ${year}, coalesce(max(substr(reference, 9)::int), 0) + ${count}
      FROM case_record WHERE reference LIKE ${pattern} AND reference ~ '^CV-[0-9]{4}-[0-9]{6}$'
      ON CONFLICT (year) DO UPDATE SET last = case_reference_counter.last + ${count}
      RETURNING last`,
  );
  return inserted!.last - count + 1;
}

export function formatCaseReference(year: number, n: number): string {
  return `CV-${year}-${String(n).padStart(6, '0')}`;
}

/** The next case reference for a year, e.g. CV-2026-000123 (unique per year). */
export async function nextCaseReference(tx: Executor, year: number): Promise<string> {
  return formatCaseReference(year, await reserveCaseReferences(tx, year, 1));
}
