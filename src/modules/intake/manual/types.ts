/**
 * Manual intake: an application received by e-mail or on paper, typed in page by page.
 * The draft's answers, as kept in `intake_draft.data` (jsonb).
 */

export const STEPS = ['court', 'orders', 'children', 'adults', 'relationships', 'allegations', 'language'] as const;
export type Step = (typeof STEPS)[number];

export const ORDERS = [
  'child-arrangements-live-with',
  'child-arrangements-spend-time-with',
  'prohibited-steps',
  'specific-issue',
] as const;
export type Order = (typeof ORDERS)[number];

export const GENDERS = ['female', 'male', 'other', 'not-given'] as const;
export type Gender = (typeof GENDERS)[number];

export const ADULT_ROLES = ['applicant', 'respondent', 'other-party'] as const;
export type AdultRole = (typeof ADULT_ROLES)[number];

/** How an adult is related to a child ('none': not related; no relationship is recorded). */
export const RELATIONSHIPS = [
  'mother',
  'father',
  'step-parent',
  'grandparent',
  'other-relative',
  'special-guardian',
  'other',
  'none',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const ALLEGATIONS = [
  'domestic-abuse',
  'child-abuse',
  'abduction',
  'substance-misuse',
  'mental-health',
  'other',
] as const;
export type Allegation = (typeof ALLEGATIONS)[number];

export interface CourtAnswers {
  courtId: string;
  /** A chosen Cafcass area; null: the court's own area. */
  areaId: string | null;
  receivedOn: string;
  firstHearingOn: string | null;
  /** The date the court set for the safeguarding letter, when it set one. */
  letterDueOn: string | null;
}

export interface DraftChild {
  id: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  gender: Gender;
}

export interface DraftAdult {
  id: string;
  role: AdultRole;
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  addressLines: string[];
  postcode: string;
  phone: string;
  email: string;
  confidential: boolean;
  refuge: boolean;
  languagePreference: 'en' | 'cy';
  interpreterLanguage: string | null;
}

export interface AllegationAnswers {
  kinds: Allegation[];
  detail: string;
}

export interface DraftData {
  court?: CourtAnswers;
  orders?: Order[];
  children?: DraftChild[];
  adults?: DraftAdult[];
  /** relationships[adultId][childId] */
  relationships?: Record<string, Record<string, Relationship>>;
  allegations?: AllegationAnswers;
  language?: 'en' | 'cy';
}

export interface Draft {
  id: string;
  userId: string;
  data: DraftData;
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedCaseId: string | null;
}
