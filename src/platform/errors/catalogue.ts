/**
 * The one catalogue of coded domain errors. Each code has its HTTP status and a message
 * key in the locale files (errors.<CODE>), so users read what to do in English or Welsh
 * while logs carry the code.
 */
export const ERROR_CATALOGUE = {
  CASE_NOT_FOUND: { status: 404 },
  CHILD_NOT_FOUND: { status: 404 },
  PARTY_NOT_FOUND: { status: 404 },
  PAGE_NOT_FOUND: { status: 404 },
  NOT_SIGNED_IN: { status: 401 },
  SESSION_EXPIRED: { status: 401 },
  FORBIDDEN: { status: 403 },
  CASE_FORBIDDEN: { status: 403 },
  CSRF_INVALID: { status: 403 },
  OWN_EMERGENCY_ACCESS: { status: 403 },
  STALE_VERSION: { status: 409 },
  VALIDATION_FAILED: { status: 400 },
  PAYLOAD_TOO_LARGE: { status: 413 },
  UNSUPPORTED_MEDIA_TYPE: { status: 415 },
  TOO_MANY_SIGN_IN_ATTEMPTS: { status: 429 },
  TOO_MANY_REQUESTS: { status: 429 },
  ILLEGAL_TRANSITION: { status: 409 },
  LETTER_NOT_FOUND: { status: 404 },
  LETTER_ALREADY_FILED: { status: 409 },
  LETTER_NOT_READY: { status: 409 },
  CONFIDENTIAL_VALUE_IN_DOCUMENT: { status: 409 },
  OWN_REVIEW: { status: 403 },
  CHECK_NOT_FOUND: { status: 404 },
  DRAFT_NOT_FOUND: { status: 404 },
  DRAFT_ALREADY_SUBMITTED: { status: 409 },
  MATCH_NOT_FOUND: { status: 404 },
  ALREADY_RECORDED: { status: 409 },
  DOCUMENT_NOT_FOUND: { status: 404 },
  HEARING_NOT_FOUND: { status: 404 },
  DIRECTION_NOT_FOUND: { status: 404 },
  DIRECT_WORK_SESSION_NOT_FOUND: { status: 404 },
  LOCAL_SERVICE_NOT_FOUND: { status: 404 },
  DIRECT_WORK_TOOL_NOT_FOUND: { status: 404 },
  REPORT_NOT_FOUND: { status: 404 },
  REPORT_ALREADY_FILED: { status: 409 },
  REPORT_NOT_EDITABLE: { status: 409 },
  REPORT_NOT_READY: { status: 409 },
  REPORT_NEEDS_REVIEW: { status: 409 },
  REPORT_CANNOT_START: { status: 409 },
  CASE_NOT_ALLOCATABLE: { status: 409 },
  CASE_CLOSED: { status: 409 },
  ALREADY_ALLOCATED: { status: 409 },
  PRACTITIONER_NOT_FOUND: { status: 404 },
  WORKLOAD_WEIGHT_NOT_FOUND: { status: 404 },
  KPI_NOT_FOUND: { status: 404 },
  EXPORT_TOO_LARGE: { status: 422 },
  STAFF_NOT_FOUND: { status: 404 },
  OWN_SELF_REGULATION: { status: 403 },
  AUDIT_WRITE_FAILED: { status: 500 },
  INTERNAL: { status: 500 },
} as const satisfies Record<string, { status: number }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Record<string, string | number>;
  constructor(code: ErrorCode, params: Record<string, string | number> = {}, options?: { cause?: unknown }) {
    super(code, options);
    this.name = 'DomainError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.params = params;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
