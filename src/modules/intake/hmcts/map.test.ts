import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  changedKeys,
  courtDirectory,
  documentIdOf,
  type MappedCase,
  mapPrlCase,
  mapRelationship,
  mapReportType,
  payloadHash,
} from './map.ts';
import { caseDetailSchema } from './payload.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../../test/fixtures/hmcts/prl/${name}`, import.meta.url), 'utf8'));
const courts = courtDirectory([
  { id: 'west-london-family-court', name: 'West London Family Court', areaId: 'eng-15a', nation: 'england' },
  { id: 'east-london-family-court', name: 'East London Family Court', areaId: 'eng-15b', nation: 'england' },
  { id: 'cardiff', name: 'Cardiff Civil and Family Justice Centre', areaId: 'wal-south', nation: 'wales' },
]);
const parse = (c: unknown) => caseDetailSchema.parse(c);

describe('PRL mapper: cafcass-search-response.json', () => {
  const body = fixture('cafcass-search-response.json');
  const [a, b] = (body.cases as unknown[]).map((c) => mapPrlCase(parse(c), courts)) as [MappedCase, MappedCase];

  it('reads ids, court state and court', () => {
    assert.equal(a.ccdId, '1661164783455399');
    assert.equal(a.courtState, 'DECISION_OUTCOME');
    assert.deepEqual(a.court, { courtId: 'west-london-family-court', areaId: 'eng-15a', nation: 'england' });
    assert.deepEqual(b.court, { courtId: 'east-london-family-court', areaId: 'eng-15b', nation: 'england' });
    assert.equal(a.welsh, false);
    assert.deepEqual(a.ordersApplyingFor, ['childArrangementsOrder']);
    assert.deepEqual(a.warnings, []);
  });

  it('children and parties keep their element ids; empty "other people" rows are skipped', () => {
    assert.deepEqual(a.children, [
      {
        elementId: 'e1866c81-f3d3-484e-b13a-aad0f9dab468',
        givenNames: 'fgfdg',
        familyName: 'gdgffd',
        dateOfBirth: '1990-11-12',
        gender: 'male',
      },
    ]);
    assert.deepEqual(
      a.parties.map((p) => [p.elementId, p.role, p.givenNames]),
      [
        ['f03aff33-42ca-4b44-9dd9-c414294f87d5', 'applicant', 'sdfdsf'],
        ['5581032c-1333-4bf2-9651-9d2433351c1a', 'respondent', 'sad'],
      ],
    );
  });

  it('legacy per-child relationships apply to every applicant and respondent', () => {
    assert.deepEqual(a.relationships, [
      {
        partyElementId: 'f03aff33-42ca-4b44-9dd9-c414294f87d5',
        childElementId: 'e1866c81-f3d3-484e-b13a-aad0f9dab468',
        relationship: 'step-parent',
      },
      {
        partyElementId: '5581032c-1333-4bf2-9651-9d2433351c1a',
        childElementId: 'e1866c81-f3d3-484e-b13a-aad0f9dab468',
        relationship: 'mother',
      },
    ]);
  });

  it('contacts: address lines and postcode, phone; an unknown address gives none', () => {
    const applicant = a.parties[0]!;
    assert.deepEqual(applicant.contacts, [
      {
        kind: 'address',
        addressLines: ['29 Radnor Road', 'Harrow', 'United Kingdom'],
        postcode: 'HA11SA',
        confidential: false,
      },
      { kind: 'phone', value: '07442772347', confidential: false },
    ]);
    assert.deepEqual(a.parties[1]!.contacts, []);
  });

  it('risk: the domestic-violence MIAM exemption of case B; none for the urgency exemption of case A', () => {
    assert.deepEqual(a.riskSignals, []);
    assert.equal(b.riskSignals.length, 1);
    assert.equal(b.riskSignals[0]!.kind, 'miam-domestic-abuse');
    assert.match(b.riskSignals[0]!.detail, /refused admission to a refuge/);
  });

  it('a hearing over three days: days sorted, starts on the first, ends on the last; first hearing date', () => {
    assert.equal(b.hearings.length, 1);
    const h = b.hearings[0]!;
    assert.equal(h.sourceRef, '2000004862');
    assert.equal(h.typeCode, 'ABA5-FHR');
    assert.equal(h.typeLabel, 'First Hearing');
    assert.deepEqual(
      h.days.map((d) => d.startsAt),
      ['2023-04-11T09:00:00.000Z', '2023-04-12T09:00:00.000Z', '2023-04-13T09:00:00.000Z'],
    );
    assert.equal(h.startsAt, '2023-04-11T09:00:00.000Z');
    assert.equal(h.endsAt, '2023-04-13T15:00:00.000Z');
    assert.equal(b.firstHearingOn, '2023-04-11');
  });

  it('documents: the top-level application link, keyed on document_id', () => {
    assert.deepEqual(a.documents, [
      {
        documentId: 'e7226e49-fc92-4c12-bac5-e3e50ee4ff15',
        fileName: 'Draft_C100_application.pdf',
        category: 'submitAndPayDownloadApplicationLink',
      },
    ]);
  });
});

describe('PRL mapper: cafcass-search-response-redacted-documents.json', () => {
  const body = fixture('cafcass-search-response-redacted-documents.json');
  const m = mapPrlCase(parse(body.cases[0]), courts);

  it('drops the redacted all-zero document and takes the id from the legacy URL', () => {
    assert.deepEqual(m.documents, [
      {
        documentId: '11111111-1111-1111-1111-111111111111',
        fileName: 'valid-document.pdf',
        category: 'otherDocumentsUploaded',
      },
    ]);
  });

  it('an unknown court goes to the region’s default area, with a warning', () => {
    assert.equal(m.court.courtId, null);
    assert.equal(m.court.areaId, 'eng-10');
    assert.match(m.warnings[0]!, /No court named/);
    assert.deepEqual(m.children, []);
    assert.deepEqual(m.parties, []);
  });
});

describe('PRL mapper: current data model', () => {
  const base = fixture('cafcass-search-response.json').cases[0];

  it('the relationship matrix, confidential flags and applicants’ confidential details', () => {
    const c = structuredClone(base);
    const applicant = c.case_data.applicants[0];
    applicant.value.isAddressConfidential = 'Yes';
    applicant.value.email = 'a@example.test';
    applicant.value.isEmailAddressConfidential = 'Yes';
    c.case_data.childAndApplicantRelations = [
      {
        id: 'x',
        value: { partyId: applicant.id, childId: c.case_data.children[0].id, relationType: 'specialGuardian' },
      },
    ];
    c.case_data.applicantsConfidentialDetails = [
      { id: 'y', value: { firstName: 'sdfdsf', lastName: 'sdf', phoneNumber: '07442772347', email: 'b@example.test' } },
      { id: 'z', value: { firstName: 'Nobody', lastName: 'Known', email: 'c@example.test' } },
    ];
    const m = mapPrlCase(parse(c), courts);
    const contacts = m.parties[0]!.contacts;
    assert.deepEqual(
      contacts.map((x) => [x.kind, x.value ?? x.postcode, x.confidential]),
      [
        ['address', 'HA11SA', true],
        ['email', 'a@example.test', true],
        ['phone', '07442772347', true],
        ['email', 'b@example.test', true],
      ],
    );
    assert.equal(m.relationships.find((r) => r.partyElementId === applicant.id)!.relationship, 'special-guardian');
    assert.ok(m.warnings.some((w) => w.includes('match no applicant')));
    assert.ok(!m.warnings.join(' ').includes('c@example.test'), 'warnings carry no values');
  });

  it('orders: report types and due date; other documents keyed on document_id; child protection and LA signals', () => {
    const c = structuredClone(base);
    c.case_data.orderCollection = [
      {
        id: 'o1',
        value: {
          orderType: 'childArrangementsSpecificProhibitedOrder',
          orderTypeId: 'Child arrangements, specific issue or prohibited steps order (C43)',
          originalFilingDate: '2026-05-01',
          courtReportType: [
            'Section 7 report',
            '16.4 report',
            'S16A risk assessment',
            'Child Impact Report 1',
            'Child Impact Report 2',
          ],
          hearingId: '2000004862',
          otherDetails: { orderMadeDate: '2026-03-01' },
        },
      },
    ];
    c.case_data.otherDocuments = [
      {
        id: 'random-1',
        value: {
          documentOther: { document_id: 'AAAAAAAA-1111-4111-8111-111111111111', document_filename: 'bundle.pdf' },
          documentTypeOther: 'courtBundle',
        },
      },
      {
        id: 'random-2',
        value: { documentOther: { document_id: '00000000-0000-0000-0000-000000000000', document_filename: 'x.pdf' } },
      },
    ];
    c.case_data.miamExemptionsTable.childProtectionEvidence = 'Local authority enquiries under s47';
    c.case_data.childrenKnownToLocalAuthority = 'yes';
    const m = mapPrlCase(parse(c), courts);
    assert.deepEqual(m.orders[0]!.directions, [
      { reportType: 'section-7', reportLabel: 'Section 7 report', dueOn: '2026-05-01' },
      { reportType: 'rule-16-4', reportLabel: '16.4 report', dueOn: '2026-05-01' },
      { reportType: 's16a', reportLabel: 'S16A risk assessment', dueOn: '2026-05-01' },
      { reportType: 'child-impact', reportLabel: 'Child Impact Report 1', dueOn: '2026-05-01' },
    ]);
    assert.equal(m.orders[0]!.madeOn, '2026-03-01');
    assert.equal(m.orders[0]!.hearingSourceRef, '2000004862');
    assert.ok(
      m.documents.some((d) => d.documentId === 'aaaaaaaa-1111-4111-8111-111111111111' && d.category === 'courtBundle'),
    );
    assert.ok(!m.documents.some((d) => d.documentId.startsWith('00000000')));
    assert.deepEqual(
      m.riskSignals.map((r) => r.kind),
      ['miam-child-protection', 'known-to-local-authority'],
    );
  });

  it('a Welsh court (region 7) is marked Welsh', () => {
    const c = structuredClone(base);
    c.case_data.caseManagementLocation = { regionId: '7', baseLocationId: '1' };
    assert.equal(mapPrlCase(parse(c), courts).welsh, true);
  });

  it('the payload hash ignores the random otherDocuments element ids; changed keys are top-level', () => {
    const c1 = structuredClone(base);
    c1.case_data.otherDocuments = [{ id: 'r1', value: { documentOther: { document_id: 'x' } } }];
    const c2 = structuredClone(c1);
    c2.case_data.otherDocuments[0].id = 'r2';
    assert.equal(payloadHash(c1), payloadHash(c2));
    const c3 = structuredClone(c1);
    c3.state = 'ALL_FINAL_ORDERS_ISSUED';
    c3.case_data.courtName = 'Somewhere else';
    assert.notEqual(payloadHash(c1), payloadHash(c3));
    assert.deepEqual(changedKeys(c1, c3), ['state', 'courtName']);
    assert.deepEqual(changedKeys(c1, c2), []);
  });

  it('small rules', () => {
    assert.equal(mapRelationship('stepMother'), 'step-parent');
    assert.equal(mapRelationship('grandParent'), 'grandparent');
    assert.equal(mapRelationship('guardian'), 'other');
    assert.equal(mapReportType('Update to safeguarding letter'), 'letter-update');
    assert.equal(mapReportType('Safeguarding letter'), 'safeguarding-letter');
    assert.equal(mapReportType('S7 addendum report'), 's7-addendum');
    assert.equal(mapReportType('CIR Transfer Request'), 'child-impact');
    assert.equal(mapReportType('Other reports'), 'other');
    assert.equal(
      documentIdOf({ document_url: 'http://dm/documents/ABCDEF01-2345-4678-9abc-def012345678/binary' }),
      'abcdef01-2345-4678-9abc-def012345678',
    );
    assert.equal(documentIdOf({ document_id: 'not-a-uuid' }), null);
    assert.equal(caseDetailSchema.safeParse({ case_data: {} }).success, false, 'no id');
  });
});
