import type { IsoDate } from '../../platform/calendar/index.ts';
import type { ReportKind } from '../reports/service.ts';

/** private | public | adoption (DOMAIN §2). */
export type Law = 'private' | 'public' | 'adoption';

/**
 * Everything the KPI definitions read about one case, loaded for many cases at once by
 * `loadCaseBundles` (bundle-loader.ts) with a fixed number of queries per batch. Dates are
 * calendar dates in Europe/London (instants are turned into their London date on loading).
 * Plain data, so every definition is a pure function tested over hand-built bundles.
 */
export interface CaseBundle {
  caseId: string;
  reference: string;
  law: Law;
  applicationType: string;
  /** Current status, area and team (see `areaChanges` for where it was before). */
  status: string;
  areaId: string;
  teamId: string | null;
  receivedOn: IsoDate;
  firstHearingOn: IsoDate | null;
  /** London date the case closed, when it is closed now. */
  closedOn: IsoDate | null;
  restricted: boolean;
  children: { childId: string }[];
  /** Moves between areas, oldest first. */
  areaChanges: {
    on: IsoDate;
    fromAreaId: string;
    fromTeamId: string | null;
    toAreaId: string;
    toTeamId: string | null;
  }[];
  /** The case's `state.<event>` timeline entries, oldest first (event without the prefix). */
  stateEvents: { on: IsoDate; event: string; details: Record<string, unknown> }[];
  screening: { screenedOn: IsoDate; screenedBy: string } | null;
  checks: {
    id: string;
    kind: 'police' | 'local-authority';
    requestedOn: IsoDate;
    returnedOn: IsoDate | null;
    createdBy: string | null;
  }[];
  letters: {
    id: string;
    kind: 'letter' | 'update';
    status: string;
    dueOn: IsoDate | null;
    filedOn: IsoDate | null;
    authorId: string;
  }[];
  /** Every allocation ever made, oldest first (`endedOn` null while active). */
  allocations: { userId: string; role: string; allocatedOn: IsoDate; endedOn: IsoDate | null }[];
  directions: { id: string; reportType: string; dueOn: IsoDate | null; filedOn: IsoDate | null }[];
  reports: {
    id: string;
    kind: ReportKind;
    directionId: string;
    status: string;
    dueOn: IsoDate | null;
    filedOn: IsoDate | null;
    authorId: string;
  }[];
  sessions: {
    childId: string;
    heldOn: IsoDate;
    seen: boolean;
    seenAlone: boolean;
    notSeenAloneReason: string | null;
  }[];
}

/** Where the case was on `day`: the area and team before the first move after that day. */
export function placeOn(bundle: CaseBundle, day: IsoDate): { areaId: string; teamId: string | null } {
  for (const change of bundle.areaChanges) {
    if (change.on > day) return { areaId: change.fromAreaId, teamId: change.fromTeamId };
  }
  return { areaId: bundle.areaId, teamId: bundle.teamId };
}
