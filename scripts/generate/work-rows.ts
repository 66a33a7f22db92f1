import type { CopyValue } from './copy-text.ts';
import type { Family } from './family.ts';
import type { Lifecycle } from './lifecycle.ts';

/** Rows and timeline entries of the work after the first hearing (after-first-hearing.ts, work-records.ts). */
export interface WorkRow {
  table: string;
  values: CopyValue[];
}

/** A timeline row (the shape of cases.ts's EventRow). */
export interface WorkEvent {
  ms: number;
  occurredAt: string;
  kind: `${string}.${string}`;
  childId: string | null;
  actorUserId: string | null;
  body: null;
  details: string;
}

export interface AfterFirstHearingRecords {
  rows: WorkRow[];
  events: WorkEvent[];
  stateMoves: number;
}

export interface AfterFirstHearingInput {
  caseId: string;
  family: Family;
  life: Lifecycle;
  children: readonly { id: string }[];
  parties: readonly { id: string }[];
  /** The case's CCD id when it came through the HMCTS feed. */
  ccdId: string | null;
  /** Where the case's hearings are held. */
  venue: string | null;
}
