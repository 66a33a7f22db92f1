import type { GeneratorContext } from './context.ts';
import { type Family, isoDate } from './family.ts';
import type { Stage } from './notes.ts';
import { areaStaffOf, type TeamStaff } from './organisation.ts';
import type { Random } from './random.ts';
import { addWorkingDays, dayOf, isWeekend, weekday, workingFrom, workingTimeOn } from './working-time.ts';

export type AllocationRole = 'seo' | 'fca' | 'childrens-guardian' | 'associate';

export interface Milestone {
  stage: Stage;
  atMs: number;
}

export interface PlannedAllocation {
  role: AllocationRole;
  userId: string;
  fromMs: number;
  /** When the allocation ends: the next worker takes over, the work is done, or the case closes. */
  toMs: number;
  /** Who allocated the case. */
  byUserId: string;
}

/** A report the court directed after the first hearing, and when it was begun and filed. */
export interface PlannedReport {
  /** section-7 (or the report the FHDRA directed) | addendum */
  kind: 'first' | 'addendum';
  /** The court's filing date (UTC midnight). */
  dueDayMs: number;
  /** When the hearing that directed it ended (the direction is recorded then). */
  directedMs: number;
  /** `report-started`: drafting began. */
  startedMs: number;
  /** `report-filed` (never after a withdrawal: then the report is not filed). */
  filedMs: number;
}

/** A hearing after the first one: the dispute resolution appointment, then perhaps the final hearing. */
export interface PlannedHearing {
  code: 'ABA5-DRA' | 'ABA5-FFH';
  startMs: number;
  /** The final order was made at this hearing. */
  final: boolean;
  /** Vacated because the application was withdrawn first. */
  cancelled: boolean;
}

/**
 * Private law with further work after the FHDRA (DOMAIN §3.2): allocation, the report (and
 * for some an addendum the court asks for at the DRA), the hearings, the final order and the
 * closing work; or a withdrawal that ends it early.
 */
export interface AfterFirstHearing {
  /** The filing date the FHDRA set for the report (UTC midnight). */
  filingDueDayMs: number;
  /** The dispute resolution appointment the FHDRA listed (UTC midnight). */
  nextHearingDayMs: number;
  allocatedMs: number;
  reports: PlannedReport[];
  hearings: PlannedHearing[];
  /** The final order (`final-order`: the case goes to closing); null when withdrawn. */
  finalOrderMs: number | null;
  /** The application was withdrawn (`withdrawn`) before the report was filed. */
  withdrawnMs: number | null;
}

/** The whole planned life of a case, of which the part up to the run's `until` is written. */
export interface Lifecycle {
  team: TeamStaff;
  courtId: string | null;
  localAuthorityCode: string | null;
  intakeUserId: string;
  managerUserId: string;
  firstHearingOn: string;
  /** The first hearing (FHDRA for private law) at 10:00 on its day. */
  firstHearingMs: number;
  /** Private law: the day (UTC midnight) the court wants the safeguarding letter by; null otherwise. */
  letterDueDayMs: number | null;
  milestones: Milestone[];
  closeMs: number;
  closing: 'first-hearing' | 'final' | 'withdrawn';
  allocations: PlannedAllocation[];
  /** Private law with further work after the first hearing; null otherwise. */
  after: AfterFirstHearing | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The case's path through the work states (locales status.*): private law goes through
 * screening and safeguarding checks to the first hearing, where most cases end and the
 * rest wait for a family court adviser and a report; public law and adoption cases are
 * allocated a children's guardian at once (urgent applications the same day).
 */
export function planLifecycle(ctx: GeneratorContext, family: Family, random: Random): Lifecycle {
  const areaStaff = areaStaffOf(ctx.organisation, family.area.id);
  const team = random.pick(areaStaff.teams);
  const manager = team.managers[0]!;
  const t0 = family.receivedAtMs;
  const milestones: Milestone[] = [{ stage: 'received', atMs: t0 }];
  const allocations: PlannedAllocation[] = [];
  /** Record a milestone, never before the one it follows. */
  const at = (stage: Stage, atMs: number): number => {
    const ms = Math.max(atMs, milestones.at(-1)!.atMs + 5 * 60_000);
    milestones.push({ stage, atMs: ms });
    return ms;
  };
  const work = (ms: number) => workingFrom(ms, random);
  const allocate = (
    role: AllocationRole,
    pool: readonly string[],
    fromMs: number,
    toMs: number,
    byUserId = manager,
  ) => {
    const previous = allocations.filter((a) => a.role === role).at(-1)?.userId;
    let userId = random.pick(pool);
    if (userId === previous && pool.length > 1) userId = pool[(pool.indexOf(userId) + 1) % pool.length]!;
    allocations.push({ role, userId, fromMs, toMs, byUserId });
  };
  /** The practitioner who works the case after allocation, sometimes handed over part-way. */
  const practitioner = (role: AllocationRole, fromMs: number, toMs: number) => {
    const useAssociate = role === 'fca' && random.chance(0.08);
    const actualRole: AllocationRole = useAssociate ? 'associate' : role;
    const pool = useAssociate ? areaStaff.associates : role === 'fca' ? team.fcas : team.guardians;
    if (random.chance(0.1) && toMs - fromMs > 20 * DAY) {
      const handover = workingFrom(fromMs + Math.floor((toMs - fromMs) * (0.2 + random.next() * 0.5)), random);
      allocate(actualRole, pool, fromMs, handover);
      allocate(actualRole, pool, handover, toMs);
    } else allocate(actualRole, pool, fromMs, toMs);
  };
  let firstHearingMs: number;
  let closeMs: number;
  let closing: Lifecycle['closing'] = 'final';
  const type = family.applicationType;

  let letterDueDayMs: number | null = null;
  let after: AfterFirstHearing | null = null;
  if (family.law === 'private') {
    firstHearingMs = weekday(Math.floor((t0 + random.int(28, 45) * DAY) / DAY) * DAY + 10 * HOUR);
    // The court usually wants the letter 2 working days before the FHDRA, sometimes earlier.
    letterDueDayMs = addWorkingDays(dayOf(firstHearingMs), random.chance(0.85) ? -2 : -random.int(3, 5));
    // Screening is due within 1 working day of receipt; about 1 in 20 applications waits longer.
    const screeningDue = addWorkingDays(dayOf(t0), 1);
    let screenedMs = workingTimeOn(addWorkingDays(screeningDue, random.int(1, 3)), random);
    if (random.chance(0.95)) {
      const sameDay = !isWeekend(dayOf(t0)) && random.chance(0.5);
      screenedMs = workingTimeOn(sameDay ? dayOf(t0) : screeningDue, random);
      if (screenedMs <= t0 + 30 * 60_000) screenedMs = workingTimeOn(screeningDue, random);
    }
    at('screening', Math.max(t0 + 10 * 60_000, screenedMs - random.int(20, 180) * 60_000));
    const checks = at('safeguarding-checks', screenedMs);
    // The letter is filed by its due date, most often in the last week; about 1 in 10 is late.
    const late = random.chance(0.1);
    let filedDay = late
      ? addWorkingDays(letterDueDayMs, random.int(1, 2))
      : addWorkingDays(letterDueDayMs, -random.int(0, 6));
    const earliest = addWorkingDays(dayOf(checks), 3);
    if (filedDay < earliest) filedDay = earliest;
    if (filedDay > dayOf(firstHearingMs)) filedDay = dayOf(firstHearingMs);
    const filedMs =
      filedDay === dayOf(firstHearingMs)
        ? filedDay + (8 * 60 + 30 + random.int(0, 60)) * 60_000
        : workingTimeOn(filedDay, random);
    at('awaiting-first-hearing', Math.min(filedMs, firstHearingMs - 10 * 60_000));
    allocate('seo', team.seos, checks, firstHearingMs, random.pick(areaStaff.intake));
    const endsAtFirstHearing = random.chance(type === 'c100' ? 0.55 : 0.2);
    if (endsAtFirstHearing) {
      closing = 'first-hearing';
      closeMs = firstHearingMs + random.int(2, 6) * HOUR;
    } else {
      at('awaiting-allocation', firstHearingMs + random.int(2, 6) * HOUR);
      after = planAfterFirstHearing(random, type, firstHearingMs, at);
      closeMs =
        after.withdrawnMs ?? workingTimeOn(addWorkingDays(dayOf(after.finalOrderMs!), random.int(1, 15)), random);
      closing = after.withdrawnMs === null ? 'final' : 'withdrawn';
      practitioner(type === 'rule-16-4' ? 'childrens-guardian' : 'fca', after.allocatedMs, closeMs);
    }
  } else {
    const urgent = type === 'emergency-protection' || type === 'secure-accommodation';
    at('awaiting-allocation', t0 + random.int(10, 50) * 60_000);
    // Urgent applications are allocated the same day, whatever the hour.
    const allocated = at(
      'allocated',
      family.law === 'adoption'
        ? work(t0 + random.int(3, 25) * DAY)
        : urgent
          ? t0 + random.int(1, 6) * HOUR
          : work(t0 + random.int(4, 96) * HOUR),
    );
    const hearingDays =
      family.law === 'adoption'
        ? random.int(28, 70)
        : urgent
          ? random.int(0, type === 'secure-accommodation' ? 3 : 1)
          : random.int(3, 12);
    firstHearingMs = weekday(Math.floor((t0 + hearingDays * DAY) / DAY) * DAY + 10 * HOUR);
    const shortEmergency = type === 'emergency-protection' && random.chance(0.4);
    if (shortEmergency) closeMs = t0 + random.int(8, 30) * DAY;
    else if (family.law === 'adoption') closeMs = t0 + random.int(90, 300) * DAY;
    else closeMs = t0 + random.int(type === 'secure-accommodation' ? 40 : 150, 420) * DAY;
    closeMs = work(closeMs);
    const reporting = work(allocated + (family.law === 'adoption' ? random.int(30, 90) : random.int(70, 140)) * DAY);
    if (reporting < closeMs - 7 * DAY) at('reporting', reporting);
    const role: AllocationRole = family.law === 'adoption' && type === 'adoption' ? 'fca' : 'childrens-guardian';
    practitioner(role, allocated, closeMs);
  }
  const plannedClose = closeMs;
  closeMs = at('closed', Math.floor(closeMs / 60_000) * 60_000);
  // Allocations still open at the close end with it.
  for (const a of allocations) if (a.toMs >= plannedClose || a.toMs > closeMs) a.toMs = closeMs;
  const courts = family.area.courtIds;
  const authorities = family.area.localAuthorityCodes;
  return {
    team,
    courtId: courts.length > 0 ? random.pick(courts) : null,
    localAuthorityCode: family.law !== 'private' && authorities.length > 0 ? random.pick(authorities) : null,
    intakeUserId: random.pick(areaStaff.intake),
    managerUserId: manager,
    firstHearingOn: isoDate(firstHearingMs),
    firstHearingMs,
    letterDueDayMs,
    milestones,
    closeMs,
    closing,
    allocations,
    after,
  };
}

/** Share of section 7 reports the court asks an addendum to at the DRA. */
const ADDENDUM = 0.12;
/** Share of cases with further work that are withdrawn before the report is filed. */
const WITHDRAWN = 0.03;

/**
 * The work after a first hearing that ordered further work (`at` records each milestone):
 * allocation within days to weeks; the report due 10–14 weeks after the FHDRA (a
 * children's guardian's report later), begun some weeks before and filed 0–10 working days
 * before the date (about 6% late, by up to 10 working days); the dispute resolution
 * appointment 5–15 working days after the filing date, where half the cases end with the
 * final order and the rest go to a final hearing, some after an addendum report; the
 * closing work then takes 1–15 working days (planned by the caller).
 */
export function planAfterFirstHearing(
  random: Random,
  type: string,
  firstHearingMs: number,
  at: (stage: Stage, atMs: number) => number,
): AfterFirstHearing {
  const long = type === 'rule-16-4' || type === 'enforcement';
  const directedMs = firstHearingMs + 2 * HOUR;
  const allocatedMs = at(
    'allocated',
    workingFrom(firstHearingMs + random.int(2, 45) * DAY + random.int(0, 8) * HOUR, random),
  );
  const firstDue = dayOf(firstHearingMs) + random.int(long ? 16 : 10, long ? 26 : 14) * 7 * DAY;
  const reports: PlannedReport[] = [];
  const hearings: PlannedHearing[] = [];
  /** Plan a report due on `dueDay`, begun no earlier than `earliest`; before the hearing on `hearingDay`. */
  const report = (
    kind: PlannedReport['kind'],
    dueDay: number,
    directed: number,
    earliest: number,
    hearingDay: number,
  ) => {
    const startedMs = workingFrom(
      Math.max(earliest, dueDay - random.int(kind === 'first' ? 15 : 5, kind === 'first' ? 40 : 15) * DAY),
      random,
    );
    const late = random.chance(0.06);
    let filedDay = late ? addWorkingDays(dueDay, random.int(1, 10)) : addWorkingDays(dueDay, -random.int(0, 10));
    const earliestFiling = addWorkingDays(dayOf(startedMs), 2);
    if (filedDay < earliestFiling) filedDay = earliestFiling;
    const latestFiling = addWorkingDays(hearingDay, -1);
    if (filedDay > latestFiling) filedDay = Math.max(latestFiling, earliestFiling);
    reports.push({ kind, dueDayMs: dueDay, directedMs: directed, startedMs, filedMs: workingTimeOn(filedDay, random) });
  };
  const draDay = addWorkingDays(firstDue, random.int(5, 15));
  report('first', firstDue, directedMs, allocatedMs + random.int(5, 10) * DAY, draDay);
  const draMs = draDay + 10 * HOUR;
  let withdrawnMs: number | null = null;
  if (random.chance(WITHDRAWN)) {
    const first = reports[0]!;
    withdrawnMs = workingFrom(
      allocatedMs + Math.floor((first.filedMs - allocatedMs) * (0.1 + 0.8 * random.next())),
      random,
    );
    // Work begun before the withdrawal happened; the rest never did.
    if (first.startedMs < withdrawnMs - HOUR) first.startedMs = at('reporting', first.startedMs);
    else reports.length = 0;
    hearings.push({ code: 'ABA5-DRA', startMs: draMs, final: false, cancelled: true });
    return {
      filingDueDayMs: firstDue,
      nextHearingDayMs: draDay,
      allocatedMs,
      reports,
      hearings,
      finalOrderMs: null,
      withdrawnMs,
    };
  }
  const first = reports[0]!;
  first.startedMs = at('reporting', first.startedMs);
  first.filedMs = at('report-filed', first.filedMs);
  let finalHearingMs = draMs;
  if (!random.chance(0.5)) {
    hearings.push({ code: 'ABA5-DRA', startMs: draMs, final: false, cancelled: false });
    if (random.chance(ADDENDUM / 0.5)) {
      const addendumDue = dayOf(draMs) + random.int(4, 8) * 7 * DAY;
      finalHearingMs = addWorkingDays(addendumDue, random.int(5, 15)) + 10 * HOUR;
      report('addendum', addendumDue, draMs + 2 * HOUR, draMs + random.int(1, 7) * DAY, dayOf(finalHearingMs));
      const addendum = reports[1]!;
      addendum.startedMs = at('reporting', addendum.startedMs);
      addendum.filedMs = at('report-filed', addendum.filedMs);
    } else finalHearingMs = addWorkingDays(dayOf(draMs), random.int(20, 60)) + 10 * HOUR;
    hearings.push({ code: 'ABA5-FFH', startMs: finalHearingMs, final: true, cancelled: false });
  } else hearings.push({ code: 'ABA5-DRA', startMs: draMs, final: true, cancelled: false });
  const finalOrderMs = at('closing', finalHearingMs + random.int(2, 6) * HOUR);
  return {
    filingDueDayMs: firstDue,
    nextHearingDayMs: draDay,
    allocatedMs,
    reports,
    hearings,
    finalOrderMs,
    withdrawnMs,
  };
}

/** The stage a case is in at a moment. */
export function stageAt(lifecycle: Lifecycle, ms: number): Stage {
  let stage: Stage = 'received';
  for (const m of lifecycle.milestones) {
    if (m.atMs <= ms) stage = m.stage;
    else break;
  }
  return stage;
}

/** The worker allocated at a moment, if any. */
export function workerAt(lifecycle: Lifecycle, ms: number): string | null {
  for (let k = lifecycle.allocations.length - 1; k >= 0; k -= 1) {
    const a = lifecycle.allocations[k]!;
    if (a.fromMs <= ms && ms < a.toMs) return a.userId;
  }
  return null;
}
