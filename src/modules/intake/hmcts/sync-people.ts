import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.ts';
import type { KnownState, UpsertResult } from './import-types.ts';
import { type MappedCase, sameContact } from './map.ts';
import { textArray, uuid, values } from './sql-values.ts';

/**
 * A later snapshot: children and parties matched on their CCD element ids. New ones are
 * added; known ones get the court's corrections; removed ones are kept and noted.
 */
export async function syncPeople(
  tx: Executor,
  caseId: string,
  mapped: MappedCase,
  now: Date,
  result: UpsertResult,
  state: KnownState,
): Promise<{ childrenRemoved: number; partiesRemoved: number }> {
  const links = state.links;
  const childLinks = links.filter((l) => l.kind === 'child').map((l) => ({ ...l, child_id: l.id }));
  const partyLinks = links.filter((l) => l.kind === 'party').map((l) => ({ ...l, party_id: l.id }));
  const childIds = new Map(childLinks.map((l) => [l.element_id, l.child_id]));
  const partyIds = new Map(partyLinks.map((l) => [l.element_id, l.party_id]));
  const personOf = new Map<string, string>([
    ...childLinks.map((l) => [l.element_id, l.person_id] as const),
    ...partyLinks.map((l) => [l.element_id, l.person_id] as const),
  ]);

  // Known people: the court's corrections in one statement. New people: one statement
  // (ids made here) for the people, children or parties, and their links.
  const people = [...mapped.children, ...mapped.parties];
  const known = people.filter((p) => personOf.has(p.elementId));
  if (known.length > 0) {
    await tx.execute(sql`UPDATE person SET given_names = v.g, family_name = v.f, date_of_birth = v.d,
        interpreter_language = COALESCE(v.i, person.interpreter_language)
      FROM (VALUES ${values(
        known.map(
          (p) =>
            sql`(${uuid(personOf.get(p.elementId)!)}, ${p.givenNames}::text, ${p.familyName}::text, ${p.dateOfBirth}::date, ${
              'interpreterLanguage' in p ? p.interpreterLanguage : null
            }::text)`,
        ),
      )}) AS v(id, g, f, d, i)
      WHERE person.id = v.id AND (person.given_names, person.family_name, person.date_of_birth, person.interpreter_language)
        IS DISTINCT FROM (v.g, v.f, v.d, COALESCE(v.i, person.interpreter_language))`);
  }
  const knownChildren = mapped.children.filter((c) => childIds.has(c.elementId));
  if (knownChildren.length > 0) {
    await tx.execute(
      sql`UPDATE case_child SET gender = v.g FROM (VALUES ${values(
        knownChildren.map((c) => sql`(${uuid(childIds.get(c.elementId)!)}, ${c.gender}::text)`),
      )}) AS v(id, g) WHERE case_child.id = v.id AND case_child.gender IS DISTINCT FROM v.g`,
    );
  }
  const newChildren = mapped.children.filter((c) => !childIds.has(c.elementId));
  const newParties = mapped.parties.filter((p) => !partyIds.has(p.elementId));
  if (newChildren.length + newParties.length > 0) {
    const at = now.toISOString();
    for (const p of [...newChildren, ...newParties]) personOf.set(p.elementId, randomUUID());
    for (const c of newChildren) childIds.set(c.elementId, randomUUID());
    for (const p of newParties) partyIds.set(p.elementId, randomUUID());
    const ctes: SQL[] = [
      sql`pe AS (INSERT INTO person (id, given_names, family_name, date_of_birth, interpreter_language, created_at) VALUES ${values(
        [...newChildren, ...newParties].map(
          (p) =>
            sql`(${uuid(personOf.get(p.elementId)!)}, ${p.givenNames}, ${p.familyName}, ${p.dateOfBirth}::date, ${
              'interpreterLanguage' in p ? p.interpreterLanguage : null
            }::text, ${at}::timestamptz)`,
        ),
      )})`,
    ];
    if (newChildren.length > 0) {
      ctes.push(
        sql`ch AS (INSERT INTO case_child (id, case_id, person_id, gender, created_at) VALUES ${values(
          newChildren.map(
            (c) =>
              sql`(${uuid(childIds.get(c.elementId)!)}, ${uuid(caseId)}, ${uuid(personOf.get(c.elementId)!)}, ${c.gender}::text, ${at}::timestamptz)`,
          ),
        )})`,
      );
      ctes.push(
        sql`cl AS (INSERT INTO hmcts_child_link (ccd_id, element_id, child_id) VALUES ${values(
          newChildren.map((c) => sql`(${mapped.ccdId}, ${c.elementId}, ${uuid(childIds.get(c.elementId)!)})`),
        )})`,
      );
    }
    if (newParties.length > 0) {
      ctes.push(
        sql`pa AS (INSERT INTO case_party (id, case_id, person_id, party_role, created_at) VALUES ${values(
          newParties.map(
            (p) =>
              sql`(${uuid(partyIds.get(p.elementId)!)}, ${uuid(caseId)}, ${uuid(personOf.get(p.elementId)!)}, ${p.role}, ${at}::timestamptz)`,
          ),
        )})`,
      );
      ctes.push(
        sql`pl AS (INSERT INTO hmcts_party_link (ccd_id, element_id, party_id) VALUES ${values(
          newParties.map((p) => sql`(${mapped.ccdId}, ${p.elementId}, ${uuid(partyIds.get(p.elementId)!)})`),
        )})`,
      );
    }
    await tx.execute(sql`WITH ${sql.join(ctes, sql`, `)} SELECT 1`);
    result.childrenAdded += newChildren.length;
    result.partiesAdded += newParties.length;
  }
  const seenChildren = new Set(mapped.children.map((c) => c.elementId));
  const seenParties = new Set(mapped.parties.map((p) => p.elementId));
  const childrenRemoved = childLinks.filter((l) => !seenChildren.has(l.element_id)).length;
  const partiesRemoved = partyLinks.filter((l) => !seenParties.has(l.element_id)).length;
  if (childrenRemoved > 0) {
    result.warnings.push(`${childrenRemoved} child(ren) no longer in the court's case: kept, check with the court.`);
  }
  if (partiesRemoved > 0) {
    result.warnings.push(`${partiesRemoved} party(ies) no longer in the court's case: kept, check with the court.`);
  }

  // The relationship matrix, as the court now has it (relationships are never deleted).
  const relationships = mapped.relationships
    .filter((r) => partyIds.has(r.partyElementId) && childIds.has(r.childElementId))
    .map(
      (r) =>
        sql`(${partyIds.get(r.partyElementId)!}::uuid, ${childIds.get(r.childElementId)!}::uuid, ${r.relationship})`,
    );
  if (relationships.length > 0) {
    await tx.execute(sql`INSERT INTO party_child_relationship (party_id, child_id, relationship)
      VALUES ${sql.join(relationships, sql`, `)}
      ON CONFLICT (party_id, child_id) DO UPDATE SET relationship = excluded.relationship
      WHERE party_child_relationship.relationship IS DISTINCT FROM excluded.relationship`);
  }

  // Contact details: new ones added; a detail the court now marks confidential becomes
  // confidential here; nothing is made less confidential or deleted by the feed.
  const personIds = [...new Set(mapped.parties.map((p) => personOf.get(p.elementId)!))];
  if (personIds.length > 0) {
    const existing = state.contacts.filter((c) => personIds.includes(c.person_id));
    const inserts: SQL[] = [];
    const makeConfidential: string[] = [];
    for (const p of mapped.parties) {
      const personId = personOf.get(p.elementId)!;
      for (const c of p.contacts) {
        const match = existing.find(
          (e) =>
            e.person_id === personId &&
            sameContact(
              {
                kind: e.kind,
                addressLines: e.address_lines ?? [],
                postcode: e.postcode ?? undefined,
                value: e.value ?? undefined,
              },
              c,
            ),
        );
        if (match) {
          if (c.confidential && !match.confidential) makeConfidential.push(match.id);
        } else {
          inserts.push(
            sql`(${caseId}::uuid, ${personId}::uuid, ${c.kind}, ${c.addressLines ? textArray(c.addressLines) : sql`NULL`}, ${c.postcode ?? null}, ${c.value ?? null}, ${c.confidential}, ${now})`,
          );
        }
      }
    }
    if (inserts.length > 0) {
      await tx.execute(sql`INSERT INTO contact_detail (case_id, person_id, kind, address_lines, postcode, value, confidential, created_at)
        VALUES ${sql.join(inserts, sql`, `)}`);
    }
    if (makeConfidential.length > 0) {
      await tx.execute(
        sql`UPDATE contact_detail SET confidential = true WHERE id IN (${sql.join(
          makeConfidential.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
    }
  }
  return { childrenRemoved, partiesRemoved };
}
