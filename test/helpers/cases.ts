import { allocateCase, createCase, grantCaseAccess, type NewCase } from '../../src/modules/casework/service.ts';
import type { TestDatabase } from './database.ts';

let caseCounter = 0;

export const CANARY_ADDRESS = 'CANARY-7 Hidden Lane';
export const CANARY_POSTCODE = 'ZZ9 9CQ';

/** A private-law case with two children, a mother (confidential address) and a father. */
export async function seedCase(
  database: TestDatabase,
  options: Partial<Pick<NewCase, 'areaId' | 'teamId' | 'restricted' | 'law' | 'receivedOn'>> & {
    allocateTo?: string;
    grantTo?: string[];
    /** Existing person-index identities to reuse, by person key (a, b, mother, father). */
    reuse?: Record<string, string>;
    /** The work state to start in (e.g. awaiting-allocation, allocated, reporting); default received. */
    status?: string;
  } = {},
): Promise<{
  caseId: string;
  childIds: Record<string, string>;
  partyIds: Record<string, string>;
  personIds: Record<string, string>;
  reference: string;
}> {
  caseCounter += 1;
  const reference = `CV-2026-9${String(process.pid % 1000).padStart(3, '0')}${String(caseCounter).padStart(2, '0')}`;
  return database.db.transaction(async (tx) => {
    const created = await createCase(tx, {
      reference,
      law: options.law ?? 'private',
      applicationType: 'c100',
      status: options.status ?? 'received',
      areaId: options.areaId ?? 'eng-06',
      teamId: options.teamId === undefined ? 'test-team-a' : options.teamId,
      receivedOn: options.receivedOn ?? '2026-02-27',
      receivedAt: new Date('2026-02-27T10:00:00Z'),
      firstHearingOn: '2026-04-01',
      restricted: options.restricted ?? false,
      children: [
        {
          key: 'a',
          givenNames: 'Testchild',
          familyName: 'Example',
          dateOfBirth: '2019-02-28',
          gender: 'female',
          existingPersonId: options.reuse?.a,
        },
        { key: 'b', givenNames: 'Secondchild', familyName: 'Example', dateOfBirth: '2020-02-29', gender: 'male' },
      ],
      parties: [
        {
          key: 'mother',
          partyRole: 'applicant',
          givenNames: 'Testmother',
          familyName: 'Example',
          dateOfBirth: '1990-05-01',
          relationships: [
            { childKey: 'a', relationship: 'mother' },
            { childKey: 'b', relationship: 'mother' },
          ],
          contacts: [
            {
              kind: 'address',
              addressLines: [CANARY_ADDRESS, 'Testtown'],
              postcode: CANARY_POSTCODE,
              confidential: true,
            },
          ],
        },
        {
          key: 'father',
          partyRole: 'respondent',
          givenNames: 'Testfather',
          familyName: 'Example',
          dateOfBirth: '1988-07-02',
          relationships: [{ childKey: 'a', relationship: 'father' }],
          contacts: [{ kind: 'address', addressLines: ['1 Open Street', 'Testtown'], postcode: 'ZZ1 1AA' }],
        },
      ],
      actorUserId: null,
    });
    if (options.allocateTo) {
      await allocateCase(tx, {
        caseId: created.caseId,
        userId: options.allocateTo,
        role: 'fca',
        now: new Date('2026-02-28T10:00:00Z'),
        actorUserId: null,
      });
    }
    for (const userId of options.grantTo ?? []) {
      await grantCaseAccess(tx, {
        caseId: created.caseId,
        userId,
        grantedBy: null,
        reason: 'named',
        now: new Date('2026-02-28T10:00:00Z'),
      });
    }
    return { ...created, reference };
  });
}
