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
  closing: 'first-hearing' | 'final';
  allocations: PlannedAllocation[];
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
      const long = type === 'rule-16-4' || type === 'enforcement';
      at('awaiting-allocation', firstHearingMs + random.int(2, 6) * HOUR);
      const allocated = at('allocated', work(firstHearingMs + random.int(2, 45) * DAY + random.int(0, 8) * HOUR));
      const reporting = at('reporting', work(allocated + random.int(14, 60) * DAY));
      closeMs = work(
        Math.max(reporting + random.int(14, 40) * DAY, firstHearingMs + random.int(12, long ? 90 : 40) * 7 * DAY),
      );
      practitioner(type === 'rule-16-4' ? 'childrens-guardian' : 'fca', allocated, closeMs);
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
