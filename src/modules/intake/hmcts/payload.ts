import { z } from 'zod';

/**
 * The PRL Cafcass search response (`GET /cases/searchCases`, API.md §3.3), read leniently:
 * every field the mapper uses is typed, nulls and missing fields are accepted (HMCTS omits
 * null fields), unknown fields pass through untouched (they are kept in the raw snapshot).
 * Only what makes a case unusable fails: no id, or a field of the wrong shape.
 */
const text = z.string().nullish();
const texts = z.array(z.string()).nullish();

export const addressSchema = z
  .looseObject({
    AddressLine1: text,
    AddressLine2: text,
    AddressLine3: text,
    PostTown: text,
    County: text,
    Country: text,
    PostCode: text,
  })
  .nullish();

/** A CafCassDocument: `document_id` in the API; old data has `document_url` instead. */
export const documentSchema = z
  .looseObject({ document_id: text, document_filename: text, document_url: text, documentCreationDate: text })
  .nullish();

/** A CCD collection element `{id, value}`. */
function elements<T extends z.ZodType>(value: T) {
  return z.array(z.looseObject({ id: text, value: value.nullish() })).nullish();
}

export const childSchema = z.looseObject({
  firstName: text,
  lastName: text,
  dateOfBirth: text,
  gender: text,
  otherGender: text,
  orderAppliedFor: texts,
  parentalResponsibilityDetails: text,
  /** Legacy (old data only): one relationship for all applicants / all respondents. */
  applicantsRelationshipToChild: text,
  respondentsRelationshipToChild: text,
});

export const partySchema = z.looseObject({
  firstName: text,
  lastName: text,
  previousName: text,
  dateOfBirth: text,
  gender: text,
  address: addressSchema,
  isCurrentAddressKnown: text,
  isAddressConfidential: text,
  email: text,
  canYouProvideEmailAddress: text,
  isEmailAddressConfidential: text,
  phoneNumber: text,
  canYouProvidePhoneNumber: text,
  isPhoneNumberConfidential: text,
  liveInRefuge: text,
});

export const relationSchema = z.looseObject({
  partyId: text,
  partyFullName: text,
  partyType: text,
  childId: text,
  childFullName: text,
  relationType: text,
  otherRelationDetails: text,
  childLivesWith: text,
});

export const confidentialDetailsSchema = z.looseObject({
  firstName: text,
  lastName: text,
  email: text,
  phoneNumber: text,
  address: addressSchema,
});

export const interpreterNeedSchema = z.looseObject({
  party: texts,
  name: text,
  language: text,
  otherAssistance: text,
});

export const hearingDaySchema = z.looseObject({
  hearingVenueName: text,
  hearingStartDateTime: text,
  hearingEndDateTime: text,
  epimsId: text,
});

export const caseHearingSchema = z.looseObject({
  hearingID: z.union([z.number(), z.string()]).nullish(),
  hearingType: text,
  hearingTypeValue: text,
  hearingStatus: text,
  hearingDaySchedule: z.array(hearingDaySchema).nullish(),
});

export const orderSchema = z.looseObject({
  orderType: text,
  orderTypeId: text,
  dateCreated: text,
  otherDetails: z.looseObject({ orderMadeDate: text, orderCreatedDate: text }).nullish(),
  orderDocument: documentSchema,
  hearingId: text,
  originalFilingDate: text,
  courtReportType: texts,
});

export const otherDocumentSchema = z.looseObject({
  documentName: text,
  documentOther: documentSchema,
  documentTypeOther: text,
});

export const locationSchema = z
  .looseObject({
    regionId: z.union([z.string(), z.number()]).nullish(),
    region: z.union([z.string(), z.number()]).nullish(),
    baseLocationId: z.union([z.string(), z.number()]).nullish(),
    baseLocation: z.union([z.string(), z.number()]).nullish(),
    regionName: text,
    baseLocationName: text,
  })
  .nullish();

/** The top-level CafCassDocument fields (API.md §3.3). */
export const TOP_LEVEL_DOCUMENT_FIELDS = [
  'submitAndPayDownloadApplicationLink',
  'finalDocument',
  'c8Document',
  'c1ADocument',
  'draftConsentOrderFile',
  'miamCertificationDocumentUpload1',
  'mpuDocFromDisputeResolutionProvider',
  'mpuCertificateByMediator',
  'ordersNonMolestationDocument',
  'hearingOutComeDocument',
] as const;

export const caseDataSchema = z.looseObject({
  familymanCaseNumber: text,
  dateSubmitted: text,
  issueDate: text,
  caseTypeOfApplication: text,
  ordersApplyingFor: texts,
  children: elements(childSchema),
  childAndApplicantRelations: elements(relationSchema),
  childAndRespondentRelations: elements(relationSchema),
  childAndOtherPeopleRelations: elements(relationSchema),
  applicants: elements(partySchema),
  respondents: elements(partySchema),
  otherPeopleInTheCaseTable: elements(partySchema),
  applicantsConfidentialDetails: elements(confidentialDetailsSchema),
  childrenKnownToLocalAuthority: text,
  isInterpreterNeeded: text,
  interpreterNeeds: elements(interpreterNeedSchema),
  miamExemptionsTable: z
    .looseObject({ reasonsForMiamExemption: text, domesticViolenceEvidence: text, childProtectionEvidence: text })
    .nullish(),
  miamDomesticAbuseEvidences: texts,
  mpuIsDomesticAbuseEvidenceProvided: text,
  miamChildProtectionConcernReason: text,
  hearingData: z.looseObject({ caseHearings: z.array(caseHearingSchema).nullish() }).nullish(),
  courtName: text,
  courtEpimsId: text,
  caseManagementLocation: locationSchema,
  orderCollection: elements(orderSchema),
  otherDocuments: elements(otherDocumentSchema),
  /** Legacy: a plain list of documents with `document_url`. */
  otherDocumentsUploaded: z.array(documentSchema).nullish(),
  ...Object.fromEntries(TOP_LEVEL_DOCUMENT_FIELDS.map((f) => [f, documentSchema])),
});

export const caseDetailSchema = z.looseObject({
  /** The 16-digit CCD case reference, a number in the API (kept as text by us). */
  id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,19}$/)]).transform((v) => String(v)),
  jurisdiction: text,
  case_type_id: text,
  state: text,
  created_date: text,
  last_modified: text,
  case_data: caseDataSchema,
});

export type PrlCase = z.output<typeof caseDetailSchema>;
export type PrlCaseData = PrlCase['case_data'];
export type PrlParty = z.output<typeof partySchema>;
export type PrlAddress = z.output<typeof addressSchema>;
export type PrlDocument = z.output<typeof documentSchema>;

/** The envelope: each case is validated on its own, so one bad case never sinks the others. */
export const searchResponseSchema = z.looseObject({
  total: z.number().nullish(),
  cases: z.array(z.unknown()),
});

/** Why a case could not be read, in a few words for the snapshot list (never a value of the payload). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(case)'}: ${i.message}`)
    .join('; ');
}
