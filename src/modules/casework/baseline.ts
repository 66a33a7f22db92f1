import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../platform/authorisation/roles.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import type { CaseloadRow, CaseSummary, TimelineRow } from './queries.ts';
import { caseloadViewModel, caseOverviewViewModel } from './view-models.ts';

/**
 * The benchmark baseline (bench/): the case overview and caseload pages rendered through the
 * same server stack, with the same templates, components and size, from fixed data and with
 * no database. Registered only when BENCH_BASELINE=on, which production refuses.
 */
const BASELINE_PRINCIPAL: Principal = {
  userId: '00000000-0000-4000-8000-000000000000',
  email: 'baseline@bench.childvoice.test',
  displayName: 'Benchmark Baseline',
  roles: ['fca'],
  homeAreaId: 'eng-06',
  areaIds: ['eng-06'],
  teamIds: ['bench-team'],
  managedTeamIds: [],
  welshSpeaker: false,
};

const CASE_ID = '11111111-1111-4111-8111-111111111111';

function summary(): CaseSummary {
  return {
    id: CASE_ID,
    reference: 'CV-2026-123456',
    law: 'private',
    applicationType: 'c100',
    status: 'allocated',
    receivedOn: '2026-01-12',
    firstHearingOn: '2026-02-20',
    language: 'en',
    restricted: false,
    version: 3,
    courtId: 'central-family-court',
    courtName: 'Central Family Court',
    courtNameCy: null,
    areaName: 'Area 6 Hampshire, Isle of Wight and Dorset',
    areaNameCy: 'Ardal 6 Hampshire, Ynys Wyth a Dorset',
    teamName: 'Hampshire South team',
    teamNameCy: 'Tîm De Hampshire',
    localAuthorityName: 'Hampshire County Council',
    allocations: [
      {
        userId: BASELINE_PRINCIPAL.userId,
        displayName: 'Frances Adviser',
        role: 'fca',
        allocatedAt: '2026-01-14T10:00:00Z',
      },
    ],
  };
}

function timeline(count: number): TimelineRow[] {
  const start = Date.parse('2026-01-12T09:00:00Z');
  return Array.from({ length: count }, (_, i) => ({
    id: count - i,
    occurredAt: new Date(start + (count - i) * 3_600_000).toISOString(),
    kind: i % 3 === 0 ? 'note-added' : 'details-changed',
    body: i % 3 === 0 ? 'Telephone call with the applicant to arrange the safeguarding interview.' : null,
    details: {},
    actorName: 'Sam Safeguarding',
    childName: i % 5 === 0 ? 'Amelia Ashworth' : null,
  }));
}

function caseloadRows(): CaseloadRow[] {
  return Array.from({ length: 25 }, (_, i) => ({
    id: `22222222-2222-4222-8222-${String(i).padStart(12, '0')}`,
    reference: `CV-2026-${String(100000 + i)}`,
    law: i % 3 === 0 ? 'public' : 'private',
    status: 'allocated',
    receivedOn: '2026-01-12',
    firstHearingOn: '2026-02-20',
    restricted: false,
    childNames: ['Amelia Ashworth', 'Oliver Ashworth'].slice(0, 1 + (i % 2)),
    allocatedTo: 'Frances Adviser',
  }));
}

export async function baselineRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request) => {
    request.principal = BASELINE_PRINCIPAL;
  });
  app.get('/bench/baseline/case', { config: { policy: { public: true } } }, async (request, reply) => {
    const rows = timeline(50);
    const vm = caseOverviewViewModel(request.messages, {
      summary: summary(),
      children: [
        {
          id: 'c1',
          personId: 'p1',
          givenNames: 'Amelia',
          familyName: 'Ashworth',
          dateOfBirth: '2019-04-02',
          gender: 'female',
          languagePreference: 'en',
        },
        {
          id: 'c2',
          personId: 'p2',
          givenNames: 'Oliver',
          familyName: 'Ashworth',
          dateOfBirth: '2021-09-30',
          gender: 'male',
          languagePreference: 'en',
        },
      ],
      parties: [
        {
          id: 'a1',
          personId: 'p3',
          givenNames: 'Grace',
          familyName: 'Ashworth',
          dateOfBirth: '1990-05-01',
          partyRole: 'applicant',
          languagePreference: 'en',
          interpreterLanguage: null,
        },
        {
          id: 'a2',
          personId: 'p4',
          givenNames: 'Daniel',
          familyName: 'Crossley',
          dateOfBirth: '1987-11-12',
          partyRole: 'respondent',
          languagePreference: 'en',
          interpreterLanguage: null,
        },
      ],
      relationships: [
        { partyId: 'a1', childId: 'c1', relationship: 'mother' },
        { partyId: 'a1', childId: 'c2', relationship: 'mother' },
        { partyId: 'a2', childId: 'c1', relationship: 'father' },
        { partyId: 'a2', childId: 'c2', relationship: 'father' },
      ],
      timeline: { rows, next: { occurredAt: rows.at(-1)!.occurredAt, id: rows.at(-1)!.id } },
      today: '2026-03-02',
      canEdit: true,
      canSeeAccessLog: false,
      formToken: newFormToken(),
    });
    return reply.page('casework/views/case-overview.njk', vm);
  });
  app.get('/bench/baseline/caseload', { config: { policy: { public: true } } }, async (request, reply) => {
    const query = { scope: 'all' as const, sort: 'received' as const, order: 'desc' as const, page: 1 };
    return reply.page(
      'casework/views/caseload.njk',
      caseloadViewModel(request.messages, query, { rows: caseloadRows(), total: 1234 }),
    );
  });
}
