import { createHash } from 'node:crypto';
import type { PrlAddress, PrlCase, PrlDocument, PrlParty } from './payload.ts';
import { TOP_LEVEL_DOCUMENT_FIELDS } from './payload.ts';

/**
 * Pure mapping of one PRL case (API.md §3.3) to our model. No database, no clock: the
 * upsert decides what is new, changed or gone. Confidential values are mapped to contact
 * details flagged confidential; they are never put in warnings, reasons or timeline text.
 */

export type PartyRole = 'applicant' | 'respondent' | 'other-party';
export type Relationship =
  | 'mother'
  | 'father'
  | 'step-parent'
  | 'grandparent'
  | 'other-relative'
  | 'special-guardian'
  | 'other';

export interface MappedContact {
  kind: 'address' | 'phone' | 'email';
  addressLines?: string[];
  postcode?: string;
  value?: string;
  confidential: boolean;
}

export interface MappedChild {
  elementId: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  gender: string | null;
}

export interface MappedParty {
  elementId: string;
  role: PartyRole;
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  interpreterLanguage: string | null;
  contacts: MappedContact[];
}

export interface MappedRelationship {
  partyElementId: string;
  childElementId: string;
  relationship: Relationship;
}

export interface MappedHearing {
  sourceRef: string;
  typeCode: string;
  typeLabel: string | null;
  status: string | null;
  startsAt: string | null;
  endsAt: string | null;
  venue: string | null;
  days: { startsAt: string | null; endsAt: string | null; venue: string | null }[];
}

export type ReportType =
  | 'safeguarding-letter'
  | 'section-7'
  | 's7-addendum'
  | 'rule-16-4'
  | 's16a'
  | 'child-impact'
  | 'letter-update'
  | 'other';

export interface MappedOrder {
  sourceRef: string;
  orderType: string;
  label: string | null;
  madeOn: string | null;
  hearingSourceRef: string | null;
  directions: { reportType: ReportType; reportLabel: string; dueOn: string | null }[];
}

export interface MappedDocument {
  documentId: string;
  fileName: string;
  category: string;
}

export type RiskKind = 'miam-domestic-abuse' | 'miam-child-protection' | 'known-to-local-authority';

export interface MappedCase {
  ccdId: string;
  courtState: string | null;
  courtLastModified: string | null;
  dateSubmitted: string | null;
  court: { courtId: string | null; areaId: string; nation: 'england' | 'wales' | null };
  /** HMCTS region 7 is Wales: out of scope of the API (API.md §1). */
  welsh: boolean;
  ordersApplyingFor: string[];
  interpreterNeeds: { party: string[]; name: string | null; language: string | null; otherAssistance: string | null }[];
  children: MappedChild[];
  parties: MappedParty[];
  relationships: MappedRelationship[];
  riskSignals: { kind: RiskKind; detail: string }[];
  hearings: MappedHearing[];
  orders: MappedOrder[];
  documents: MappedDocument[];
  firstHearingOn: string | null;
  letterDueOn: string | null;
  warnings: string[];
}

export interface CourtEntry {
  id: string;
  name: string;
  areaId: string | null;
  nation: string;
}

/** The court reference table, looked up by name (our table has no ePIMS ids). */
export interface CourtDirectory {
  byName: Map<string, CourtEntry>;
}

export function courtDirectory(courts: CourtEntry[]): CourtDirectory {
  return { byName: new Map(courts.map((c) => [normaliseName(c.name), c])) };
}

function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Where a case goes when its court is not in our table: the Cafcass area that covers most
 * of the HMCTS region (1 London, 2 Midlands, 3 South East, 4 South West, 5 North East,
 * 6 North West), else London North and West. Always with a warning, so someone moves it.
 */
export const REGION_DEFAULT_AREA: Record<string, string> = {
  '1': 'eng-15a',
  '2': 'eng-10',
  '3': 'eng-16',
  '4': 'eng-17',
  '5': 'eng-05',
  '6': 'eng-03',
};
export const DEFAULT_AREA = 'eng-15a';

export const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const clean = (v: string | null | undefined): string => (typeof v === 'string' ? v.trim() : '');
const yes = (v: string | null | undefined): boolean => clean(v).toLowerCase() === 'yes';
const isoDate = (v: string | null | undefined): string | null => {
  const s = clean(v).slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const d = new Date(`${s}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? null : s;
};
/** HMCTS LocalDateTime strings are UTC without a zone (API.md §1). */
const utcInstant = (v: string | null | undefined): string | null => {
  const s = clean(v);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) return null;
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`;
  const d = new Date(withZone);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

/** CCD relationType (and the legacy per-child values) to our relationship vocabulary. */
export function mapRelationship(value: string | null | undefined): Relationship {
  switch (clean(value).toLowerCase()) {
    case 'mother':
      return 'mother';
    case 'father':
      return 'father';
    case 'stepfather':
    case 'stepmother':
    case 'step-parent':
      return 'step-parent';
    case 'grandparent':
      return 'grandparent';
    case 'specialguardian':
      return 'special-guardian';
    default:
      return 'other';
  }
}

/** `courtReportType` labels (CafcassCymruDocumentsEnum) to our report types. */
export function mapReportType(label: string): ReportType {
  const l = label.toLowerCase().replace(/\s+/g, ' ').trim();
  if (l.startsWith('update to safeguarding letter')) return 'letter-update';
  if (l.startsWith('safeguarding letter')) return 'safeguarding-letter';
  if (l.includes('addendum')) return 's7-addendum';
  if (l.startsWith('section 7') || l.startsWith('s7 report')) return 'section-7';
  if (l.startsWith('16.4') || l.includes('rule 16.4')) return 'rule-16-4';
  if (l.startsWith('s16a')) return 's16a';
  if (l.startsWith('child impact') || l.startsWith('cir')) return 'child-impact';
  return 'other';
}

/** A document id from `document_id`, or the last path segment of a legacy `document_url`. */
export function documentIdOf(doc: PrlDocument): string | null {
  if (!doc) return null;
  let id = clean(doc.document_id);
  if (!id && doc.document_url) {
    const segments = clean(doc.document_url)
      .split('?')[0]!
      .split('/')
      .filter((s) => s.length > 0 && s !== 'binary');
    id = segments.at(-1) ?? '';
  }
  if (!UUID.test(id) || id === ZERO_UUID) return null;
  return id.toLowerCase();
}

function addressContact(a: PrlAddress, confidential: boolean): MappedContact | null {
  if (!a) return null;
  const lines = [a.AddressLine1, a.AddressLine2, a.AddressLine3, a.PostTown, a.County, a.Country]
    .map(clean)
    .filter((l) => l.length > 0);
  const postcode = clean(a.PostCode);
  if (lines.length === 0 && !postcode) return null;
  return { kind: 'address', addressLines: lines, ...(postcode ? { postcode } : {}), confidential };
}

function partyContacts(p: PrlParty): MappedContact[] {
  const out: MappedContact[] = [];
  if (clean(p.isCurrentAddressKnown).toLowerCase() !== 'no') {
    const address = addressContact(p.address, yes(p.isAddressConfidential) || yes(p.liveInRefuge));
    if (address) out.push(address);
  }
  const email = clean(p.email);
  if (email) out.push({ kind: 'email', value: email, confidential: yes(p.isEmailAddressConfidential) });
  const phone = clean(p.phoneNumber);
  if (phone) out.push({ kind: 'phone', value: phone, confidential: yes(p.isPhoneNumberConfidential) });
  return out;
}

/** Two contacts are the same detail when kind and value (or lines and postcode) agree. */
export function sameContact(
  a: Pick<MappedContact, 'kind' | 'addressLines' | 'postcode' | 'value'>,
  b: Pick<MappedContact, 'kind' | 'addressLines' | 'postcode' | 'value'>,
): boolean {
  if (a.kind !== b.kind) return false;
  const norm = (s: string | undefined | null) => (s ?? '').replace(/\s+/g, '').toLowerCase();
  if (a.kind === 'address') {
    return (
      norm((a.addressLines ?? []).join('|')) === norm((b.addressLines ?? []).join('|')) &&
      norm(a.postcode) === norm(b.postcode)
    );
  }
  return norm(a.value) === norm(b.value);
}

function mergeContacts(into: MappedContact[], extra: MappedContact[]) {
  for (const c of extra) {
    const existing = into.find((x) => sameContact(x, c));
    if (existing) existing.confidential = existing.confidential || c.confidential;
    else into.push(c);
  }
}

function resolveCourt(data: PrlCase['case_data'], courts: CourtDirectory, warnings: string[]): MappedCase['court'] {
  const location = data.caseManagementLocation;
  const names = [data.courtName, location?.baseLocationName].map(clean).filter((n) => n.length > 0);
  for (const name of names) {
    const found = courts.byName.get(normaliseName(name));
    if (found) {
      return {
        courtId: found.id,
        areaId: found.areaId ?? DEFAULT_AREA,
        nation: found.nation === 'wales' ? 'wales' : 'england',
      };
    }
  }
  const region = clean(String(location?.regionId ?? location?.region ?? ''));
  const areaId = REGION_DEFAULT_AREA[region] ?? DEFAULT_AREA;
  warnings.push(
    names.length > 0
      ? `Court not in our court list (${names[0]}): placed in area ${areaId}; check the area.`
      : `No court named: placed in area ${areaId}; check the area.`,
  );
  return { courtId: null, areaId, nation: null };
}

/** Map one validated PRL case. Warnings say what was not understood, without personal data. */
export function mapPrlCase(c: PrlCase, courts: CourtDirectory): MappedCase {
  const data = c.case_data;
  const warnings: string[] = [];
  const location = data.caseManagementLocation;
  const regionText = clean(String(location?.regionId ?? location?.region ?? ''));
  const region = Number(regionText);
  const court = resolveCourt(data, courts, warnings);
  const welsh = (regionText !== '' && Number.isFinite(region) && region >= 7) || court.nation === 'wales';

  const children: MappedChild[] = [];
  for (const [i, e] of (data.children ?? []).entries()) {
    const v = e.value;
    if (!e.id || !v) {
      warnings.push(`Child ${i + 1} has no element id: not imported.`);
      continue;
    }
    children.push({
      elementId: e.id,
      givenNames: clean(v.firstName) || '(not given)',
      familyName: clean(v.lastName) || '(not given)',
      dateOfBirth: isoDate(v.dateOfBirth),
      gender: clean(v.gender) || null,
    });
  }

  const interpreterNeeds = (data.interpreterNeeds ?? [])
    .map((e) => e.value)
    .filter((v) => v != null)
    .map((v) => ({
      party: v.party ?? [],
      name: clean(v.name) || null,
      language: clean(v.language) || null,
      otherAssistance: clean(v.otherAssistance) || null,
    }));

  const parties: MappedParty[] = [];
  const groups: [PartyRole, typeof data.applicants][] = [
    ['applicant', data.applicants],
    ['respondent', data.respondents],
    ['other-party', data.otherPeopleInTheCaseTable],
  ];
  for (const [role, list] of groups) {
    for (const [i, e] of (list ?? []).entries()) {
      const v = e.value;
      if (!e.id || !v) {
        warnings.push(`${role} ${i + 1} has no element id: not imported.`);
        continue;
      }
      const givenNames = clean(v.firstName);
      const familyName = clean(v.lastName);
      if (!givenNames && !familyName && role === 'other-party') continue; // an empty "other people" row
      const fullName = `${givenNames} ${familyName}`.toLowerCase();
      const need = interpreterNeeds.find((n) => n.name && n.name.toLowerCase() === fullName && n.language);
      parties.push({
        elementId: e.id,
        role,
        givenNames: givenNames || '(not given)',
        familyName: familyName || '(not given)',
        dateOfBirth: isoDate(v.dateOfBirth),
        interpreterLanguage: need?.language ?? null,
        contacts: partyContacts(v),
      });
    }
  }

  // The applicants' confidential details, given to Cafcass explicitly: matched by name.
  for (const [i, e] of (data.applicantsConfidentialDetails ?? []).entries()) {
    const v = e.value;
    if (!v) continue;
    const name = `${clean(v.firstName)} ${clean(v.lastName)}`.toLowerCase();
    const applicant = parties.find(
      (p) => p.role === 'applicant' && `${p.givenNames} ${p.familyName}`.toLowerCase() === name,
    );
    const contacts: MappedContact[] = [];
    const address = addressContact(v.address, true);
    if (address) contacts.push(address);
    if (clean(v.email)) contacts.push({ kind: 'email', value: clean(v.email), confidential: true });
    if (clean(v.phoneNumber)) contacts.push({ kind: 'phone', value: clean(v.phoneNumber), confidential: true });
    if (contacts.length === 0) continue;
    if (applicant) mergeContacts(applicant.contacts, contacts);
    else warnings.push(`Confidential details ${i + 1} match no applicant by name: not imported.`);
  }

  const relationships: MappedRelationship[] = [];
  const childIds = new Set(children.map((ch) => ch.elementId));
  const partyIds = new Set(parties.map((p) => p.elementId));
  const addRelationship = (r: MappedRelationship) => {
    if (!childIds.has(r.childElementId) || !partyIds.has(r.partyElementId)) return false;
    const existing = relationships.find(
      (x) => x.childElementId === r.childElementId && x.partyElementId === r.partyElementId,
    );
    if (existing) existing.relationship = r.relationship;
    else relationships.push(r);
    return true;
  };
  for (const list of [
    data.childAndApplicantRelations,
    data.childAndRespondentRelations,
    data.childAndOtherPeopleRelations,
  ]) {
    for (const e of list ?? []) {
      const v = e.value;
      if (!v?.partyId || !v.childId) continue;
      if (
        !addRelationship({
          partyElementId: v.partyId,
          childElementId: v.childId,
          relationship: mapRelationship(v.relationType),
        })
      ) {
        warnings.push('A child–party relationship names a child or party not in the case: not imported.');
      }
    }
  }
  // Legacy data: one relationship per child for all applicants, and one for all respondents.
  for (const e of data.children ?? []) {
    const v = e.value;
    if (!e.id || !v) continue;
    for (const [role, value] of [
      ['applicant', v.applicantsRelationshipToChild],
      ['respondent', v.respondentsRelationshipToChild],
    ] as const) {
      if (!clean(value)) continue;
      for (const p of parties.filter((p) => p.role === role)) {
        const already = relationships.some((r) => r.childElementId === e.id && r.partyElementId === p.elementId);
        if (!already)
          addRelationship({ partyElementId: p.elementId, childElementId: e.id, relationship: mapRelationship(value) });
      }
    }
  }

  const riskSignals: MappedCase['riskSignals'] = [];
  const miam = data.miamExemptionsTable;
  const daDetail = [clean(miam?.domesticViolenceEvidence), ...(data.miamDomesticAbuseEvidences ?? []).map(clean)]
    .filter((s) => s.length > 0)
    .join('\n');
  const daReason = /domestic (violence|abuse)/i.test(clean(miam?.reasonsForMiamExemption));
  if (daDetail || daReason || yes(data.mpuIsDomesticAbuseEvidenceProvided)) {
    riskSignals.push({
      kind: 'miam-domestic-abuse',
      detail: daDetail || clean(miam?.reasonsForMiamExemption) || 'Yes',
    });
  }
  const cpDetail = [clean(miam?.childProtectionEvidence), clean(data.miamChildProtectionConcernReason)]
    .filter((s) => s.length > 0)
    .join('\n');
  const cpReason = /child protection/i.test(clean(miam?.reasonsForMiamExemption));
  if (cpDetail || cpReason) {
    riskSignals.push({ kind: 'miam-child-protection', detail: cpDetail || clean(miam?.reasonsForMiamExemption) });
  }
  if (clean(data.childrenKnownToLocalAuthority).toLowerCase() === 'yes') {
    riskSignals.push({ kind: 'known-to-local-authority', detail: 'yes' });
  }

  const hearings: MappedHearing[] = [];
  for (const h of data.hearingData?.caseHearings ?? []) {
    if (h.hearingID == null || String(h.hearingID).trim() === '') {
      warnings.push('A hearing without a hearing id: not imported.');
      continue;
    }
    const days = (h.hearingDaySchedule ?? [])
      .map((d) => ({
        startsAt: utcInstant(d.hearingStartDateTime),
        endsAt: utcInstant(d.hearingEndDateTime),
        venue: clean(d.hearingVenueName) || null,
      }))
      .sort((a, b) => (a.startsAt ?? '9999').localeCompare(b.startsAt ?? '9999'));
    hearings.push({
      sourceRef: String(h.hearingID),
      typeCode: clean(h.hearingType) || 'unknown',
      typeLabel: clean(h.hearingTypeValue) || null,
      status: clean(h.hearingStatus) || null,
      startsAt: days[0]?.startsAt ?? null,
      endsAt: days.at(-1)?.endsAt ?? null,
      venue: days.find((d) => d.venue)?.venue ?? null,
      days,
    });
  }
  const firstHearingOn =
    hearings
      .filter((h) => ['ABA5-FHD', 'ABA5-FHR'].includes(h.typeCode) && h.status !== 'CANCELLED' && h.startsAt)
      .map((h) => h.startsAt!.slice(0, 10))
      .sort()[0] ?? null;

  const orders: MappedOrder[] = [];
  const documents: MappedDocument[] = [];
  const addDocument = (doc: PrlDocument, category: string) => {
    const documentId = documentIdOf(doc);
    if (!documentId || documents.some((d) => d.documentId === documentId)) return;
    documents.push({ documentId, fileName: clean(doc?.document_filename) || `${documentId}.pdf`, category });
  };
  for (const e of data.orderCollection ?? []) {
    const v = e.value;
    if (!v) continue;
    const sourceRef = clean(e.id) || documentIdOf(v.orderDocument);
    if (!sourceRef) {
      warnings.push('An order without an id: not imported.');
      continue;
    }
    const dueOn = isoDate(v.originalFilingDate);
    const directions: MappedOrder['directions'] = [];
    for (const label of v.courtReportType ?? []) {
      const reportType = mapReportType(label);
      if (!directions.some((d) => d.reportType === reportType))
        directions.push({ reportType, reportLabel: label, dueOn });
    }
    orders.push({
      sourceRef,
      orderType: clean(v.orderType) || 'unknown',
      label: clean(v.orderTypeId) || null,
      madeOn: isoDate(v.otherDetails?.orderMadeDate) ?? isoDate(v.dateCreated),
      hearingSourceRef: clean(v.hearingId) || null,
      directions,
    });
    addDocument(v.orderDocument, 'order');
  }
  const letterDueOn =
    orders
      .flatMap((o) => o.directions)
      .filter((d) => d.reportType === 'safeguarding-letter' && d.dueOn)
      .map((d) => d.dueOn!)
      .sort()[0] ?? null;

  for (const field of TOP_LEVEL_DOCUMENT_FIELDS) addDocument((data as Record<string, PrlDocument>)[field], field);
  for (const e of data.otherDocuments ?? []) {
    addDocument(e.value?.documentOther, clean(e.value?.documentTypeOther) || 'otherDocuments');
  }
  for (const doc of data.otherDocumentsUploaded ?? []) addDocument(doc, 'otherDocumentsUploaded');

  return {
    ccdId: c.id,
    courtState: clean(c.state) || null,
    courtLastModified: clean(c.last_modified) || null,
    dateSubmitted: isoDate(data.dateSubmitted),
    court,
    welsh,
    ordersApplyingFor: (data.ordersApplyingFor ?? []).map(clean).filter((s) => s.length > 0),
    interpreterNeeds,
    children,
    parties,
    relationships,
    riskSignals,
    hearings,
    orders,
    documents,
    firstHearingOn,
    letterDueOn,
    warnings,
  };
}

/**
 * The case in a canonical form for hashing and comparing: keys sorted, and the element
 * ids of `otherDocuments` dropped (they are random on every call, API.md §3.4), so the
 * same case in two overlapping windows hashes the same.
 */
export function canonicalCase(value: unknown): unknown {
  const walk = (v: unknown, key: string | null): unknown => {
    if (Array.isArray(v)) {
      return v.map((x) =>
        key === 'otherDocuments' && x && typeof x === 'object'
          ? walk({ ...(x as object), id: undefined }, null)
          : walk(x, null),
      );
    }
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v as object).sort()) {
        const inner = (v as Record<string, unknown>)[k];
        if (inner === undefined) continue;
        out[k] = walk(inner, k);
      }
      return out;
    }
    return v;
  };
  return walk(value, null);
}

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

export function payloadHash(caseObject: unknown): string {
  return sha256(JSON.stringify(canonicalCase(caseObject)));
}

/** The top-level keys of case_data (and the court state) whose value changed. */
export function changedKeys(previous: unknown, current: unknown): string[] {
  const p = canonicalCase(previous) as Record<string, unknown> | null;
  const c = canonicalCase(current) as Record<string, unknown> | null;
  const pd = (p?.case_data ?? {}) as Record<string, unknown>;
  const cd = (c?.case_data ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(pd), ...Object.keys(cd)]);
  const changed = [...keys].filter((k) => JSON.stringify(pd[k]) !== JSON.stringify(cd[k])).sort();
  if ((p?.state ?? null) !== (c?.state ?? null)) changed.unshift('state');
  return changed;
}
