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

/** The next case reference for a year, e.g. CV-2026-000123 (unique per year). */
export async function nextCaseReference(tx: Executor, year: number): Promise<string> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int + 1 AS n FROM case_record WHERE reference LIKE ${`CV-${year}-%`}`,
  );
  const n = row?.n ?? 1;
  return `CV-${year}-${String(n).padStart(6, '0')}`;
}
