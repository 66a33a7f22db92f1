/**
 * Intake: what other modules and commands may use of taking in applications.
 * Each part (the HMCTS feed, manual intake) exports from here.
 */
export { type HmctsPrlClient, httpHmctsPrlClient, staticTokens } from './hmcts/client.ts';
export { fetchPendingDocuments } from './hmcts/documents.ts';
export { importSearchResponseFile, summaryJson } from './hmcts/import-file.ts';
export { pollOnce, startPolling } from './hmcts/poller.ts';
export { type ImportSummary, importSearchResponse } from './hmcts/upsert.ts';
