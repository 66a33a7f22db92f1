import type { GeneratorContext } from './context.ts';
import type { CopyValue } from './copy-text.ts';
import { isoDate, isoInstant } from './family.ts';
import { generatedId, ID_KIND } from './ids.ts';
import { type Random, STREAM, streamFor } from './random.ts';
import { directionId, firstReportType } from './safeguarding.ts';
import { workRecords } from './work-records.ts';
import type { AfterFirstHearingInput, AfterFirstHearingRecords, WorkEvent, WorkRow } from './work-rows.ts';
import { dayOf } from './working-time.ts';

/**
 * The private-law work after the first hearing (DOMAIN §3.2), as far as each case has got
 * by the run's `until`, following the milestones `lifecycle.ts` planned: the state moves
 * (`allocated`, `report-started`, `report-filed`, again for an addendum, `final-order`,
 * `closed`, or `withdrawn`), the hearings after the FHDRA, the final order and the
 * addendum's direction, with the timeline entries the app's modules write.
 */

/** Columns of the tables written here (hearing and court_direction as in safeguarding.ts). */
export const AFTER_FIRST_HEARING_COLUMNS = {
  court_order: [
    'id',
    'case_id',
    'source_ref',
    'order_type',
    'label',
    'made_on',
    'hearing_source_ref',
    'hearing_id',
    'final',
    'recorded_by',
    'created_at',
  ],
} as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = isoInstant;

/** Slots of ID_KIND.afterFirstHearing ids within a case (256 of each). */
const SLOT = {
  hearing: 0x000,
  order: 0x100,
  direction: 0x200,
} as const;

const HEARING_LABELS: Record<string, string> = {
  'ABA5-DRA': 'Dispute Resolution Appointment',
  'ABA5-FFH': 'Final Hearing',
};

/** The final orders made in private law, most often a child arrangements order. */
const FINAL_ORDERS: readonly [string, string][] = [
  ['C43', 'Child arrangements order'],
  ['C43', 'Child arrangements order'],
  ['C43', 'Child arrangements order'],
  ['C43', 'Child arrangements order (lives with and spends time with)'],
  ['C45A', 'Parental responsibility order'],
  ['C43A', 'Special guardianship order'],
];

export function afterFirstHearingRecords(
  ctx: GeneratorContext,
  input: AfterFirstHearingInput,
): AfterFirstHearingRecords {
  const { caseId, family, life, ccdId, venue } = input;
  const rows: WorkRow[] = [];
  const events: WorkEvent[] = [];
  let stateMoves = 0;
  const after = life.after;
  const result = () => ({ rows, events, stateMoves });
  const until = ctx.untilMs;
  const outcomeMs = life.milestones.find((m) => m.stage === 'awaiting-allocation')?.atMs ?? null;
  if (!after || outcomeMs === null || outcomeMs > until) {
    // The FHDRA's outcome is not recorded yet: nothing after it has happened.
    return result();
  }
  const random: Random = streamFor(ctx.seed, family.index, STREAM.afterFirstHearing);
  const index = family.index;
  const id = (slot: number, n: number) =>
    generatedId(ctx.tag, ID_KIND.afterFirstHearing, index, slot + n, random.uint32());
  const row = (table: string, values: CopyValue[]) => rows.push({ table, values });
  const event = (ms: number, kind: WorkEvent['kind'], actorUserId: string | null, details: object, childId = null) => {
    if (ms <= until)
      events.push({
        ms,
        occurredAt: iso(ms),
        kind,
        childId,
        actorUserId,
        body: null,
        details: JSON.stringify(details),
      });
  };
  let status = 'awaiting-allocation';
  const move = (ms: number, type: string, actor: string | null, to: string, extra: object = {}) => {
    if (ms > until) return false;
    event(ms, `state.${type}`, actor, { from: status, to, ...extra });
    status = to;
    stateMoves += 1;
    return true;
  };
  const worker = (ms: number) => {
    for (let k = life.allocations.length - 1; k >= 0; k -= 1) {
      const a = life.allocations[k]!;
      if (a.role !== 'seo' && a.fromMs <= ms) return a.userId;
    }
    return life.managerUserId;
  };
  const manager = life.managerUserId;
  /** The plan, contact log, direct work, reports and closing records (work-records.ts). */
  const addWork = (finalOrderId: string | null) => {
    if (after.allocatedMs > until) return;
    const work = workRecords(ctx, input, { directionIds, finalOrderId }, worker);
    rows.push(...work.rows);
    events.push(...work.events);
  };

  move(after.allocatedMs, 'allocated', manager, 'allocated');

  // The hearings after the FHDRA: the DRA it listed, then the final hearing if there is one.
  const hearingIds: string[] = [];
  after.hearings.forEach((h, n) => {
    const hid = id(SLOT.hearing, n);
    hearingIds.push(hid);
    const listedMs = n === 0 ? outcomeMs : after.hearings[n - 1]!.startMs + 3 * HOUR;
    if (listedMs > until) return;
    const held = h.startMs <= until && !h.cancelled;
    const vacatedMs = h.cancelled ? life.closeMs : null;
    const cancelledNow = vacatedMs !== null && vacatedMs <= until;
    const lastChange = held ? Math.min(until, h.startMs + 6 * HOUR) : cancelledNow ? vacatedMs! : listedMs;
    row('hearing', [
      hid,
      caseId,
      ccdId ? `${ccdId.slice(-6)}${n + 1}${String(random.int(0, 999)).padStart(3, '0')}` : null,
      h.code,
      HEARING_LABELS[h.code]!,
      held ? 'COMPLETED' : cancelledNow ? 'VACATED' : 'LISTED',
      iso(h.startMs),
      iso(h.startMs + 3 * HOUR),
      venue,
      JSON.stringify([{ date: isoDate(h.startMs), startsAt: iso(h.startMs), endsAt: iso(h.startMs + 3 * HOUR) }]),
      held ? (h.final ? 'final-order' : 'adjourned') : null,
      iso(listedMs),
      iso(lastChange),
    ]);
  });

  // The reports: begun, filed; an addendum has its own direction, given at the DRA.
  const reportType = firstReportType(family.applicationType);
  const directionIds: string[] = [];
  for (const r of after.reports) {
    const directionOf = r.kind === 'first' ? directionId(ctx, index) : id(SLOT.direction, 0);
    directionIds.push(directionOf);
    if (r.kind === 'addendum' && r.directedMs <= until) {
      row('court_direction', [
        directionOf,
        caseId,
        null,
        's7-addendum',
        'Addendum section 7 report',
        isoDate(r.dueDayMs),
        ccdId ? 'court-order' : 'manual',
        r.filedMs <= until ? isoDate(r.filedMs) : null,
        iso(r.directedMs),
        ccdId ? null : worker(r.directedMs),
        iso(r.filedMs <= until ? r.filedMs : r.directedMs),
      ]);
    }
    const author = worker(r.startedMs);
    move(r.startedMs, 'report-started', author, 'reporting', { directionId: directionOf });
    if (after.withdrawnMs !== null) continue;
    move(r.filedMs, 'report-filed', author, 'report-filed', {
      directionId: directionOf,
      reportKind: r.kind === 'addendum' ? 'addendum' : reportType,
      late: dayOf(r.filedMs) > r.dueDayMs,
    });
  }

  // Withdrawn: our involvement ends at once.
  if (after.withdrawnMs !== null) {
    move(life.closeMs, 'withdrawn', manager, 'closed');
    addWork(null);
    return result();
  }

  // The final order, recorded after the hearing that made it, and the closing work.
  const finalHearing = after.hearings.findIndex((h) => h.final);
  const finalOrderMs = after.finalOrderMs!;
  let finalOrderId: string | null = null;
  if (finalOrderMs <= until) {
    const orderId = id(SLOT.order, 0);
    finalOrderId = orderId;
    const [orderType, label] = random.pick(FINAL_ORDERS);
    const recorder = worker(finalOrderMs);
    const hearingAt = after.hearings[finalHearing]!.startMs;
    row('court_order', [
      orderId,
      caseId,
      null,
      orderType,
      label,
      isoDate(hearingAt),
      null,
      hearingIds[finalHearing]!,
      true,
      recorder,
      iso(finalOrderMs),
    ]);
    event(finalOrderMs, 'court.order-recorded', recorder, {
      orderId,
      orderType,
      madeOn: isoDate(hearingAt),
      final: true,
    });
    move(finalOrderMs, 'final-order', recorder, 'closing', { orderId });
  }
  addWork(finalOrderId);
  move(life.closeMs, 'closed', worker(life.closeMs - MINUTE), 'closed');
  return result();
}
