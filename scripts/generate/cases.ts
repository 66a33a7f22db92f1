import { afterFirstHearingRecords } from './after-first-hearing.ts';
import type { GeneratorContext } from './context.ts';
import {
  type Family,
  type FamilyAdult,
  familyOf,
  isoDate,
  isoInstant,
  type Language,
  type PersonRecord,
} from './family.ts';
import { generatedId, ID_KIND } from './ids.ts';
import { type Lifecycle, planLifecycle, stageAt, workerAt } from './lifecycle.ts';
import { CLOSING_NOTES, EMERGENCY_REASONS, noteText, type Stage } from './notes.ts';
import { areaStaffOf } from './organisation.ts';
import { address, emailAddress, phoneNumber } from './people.ts';
import { type Random, STREAM, streamFor } from './random.ts';
import { courtName, type FirstHearingEventKind, firstHearingRecords, type TableRow } from './safeguarding.ts';
import type { WorkEvent, WorkRow } from './work-rows.ts';
import { workingBetween, workingFrom } from './working-time.ts';

/** Generated case references start with this; --reset recognises generated cases by it. */
export const GENERATED_REFERENCE_PREFIX = 'GEN-';

export interface CaseRow {
  id: string;
  reference: string;
  law: string;
  applicationType: string;
  status: Stage;
  areaId: string;
  teamId: string;
  courtId: string | null;
  localAuthorityCode: string | null;
  receivedOn: string;
  firstHearingOn: string;
  language: Language;
  restricted: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  version: number;
}

export interface ChildRow {
  id: string;
  personId: string;
  gender: string;
}

export interface PartyRow {
  id: string;
  personId: string;
  partyRole: string;
}

export interface RelationshipRow {
  partyId: string;
  childId: string;
  relationship: string;
}

export interface ContactRow {
  id: string;
  personId: string;
  kind: 'address' | 'phone' | 'email';
  addressLines: string[] | null;
  postcode: string | null;
  value: string | null;
  confidential: boolean;
  refuge: boolean;
}

export interface AllocationRow {
  id: string;
  userId: string;
  allocationRole: string;
  allocatedAt: string;
  endedAt: string | null;
  /** The manager (or, for safeguarding enquiries, the intake officer) who allocated. */
  allocatedBy: string;
  /** Why this worker (the allocation module's reason). */
  reason: string;
  endedBy: string | null;
  endReason: string | null;
}

const HANDOVER_REASON = 'Reallocated: the previous worker has moved to another team.';

/** Why a worker was chosen, as a manager would put it. */
function allocationReason(role: string, welsh: boolean, k: number): string {
  if (role === 'seo') return 'Safeguarding enquiries before the first hearing.';
  if (welsh) return 'Welsh-speaking worker for a family that has taken up the active offer.';
  const reasons = [
    'Capacity in the team; continuity for the children.',
    'Experience of cases with allegations of domestic abuse.',
    'Lowest weighted caseload in the team this week.',
  ];
  return reasons[k % reasons.length]!;
}

export interface GrantRow {
  userId: string;
  grantedBy: string | null;
  reason: string;
  grantedAt: string;
}

export interface EmergencyAccessRow {
  id: string;
  userId: string;
  reason: string;
  grantedAt: string;
  expiresAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewOutcome: 'justified' | 'not-justified' | null;
  reviewComment: string | null;
}

export interface EventRow {
  occurredAt: string;
  kind:
    | 'case-received'
    | 'note-added'
    | 'details-changed'
    | 'allocated'
    | 'emergency-access'
    | 'emergency-access-reviewed'
    /** The private-law work to the first hearing (safeguarding.ts), as the app writes it. */
    | FirstHearingEventKind
    /** The private-law work after the first hearing (after-first-hearing.ts). */
    | WorkEvent['kind'];
  childId: string | null;
  actorUserId: string | null;
  body: string | null;
  /** JSON text, or null for the column default `{}`. */
  details: string | null;
}

/** One case and everything that belongs to it, as plain rows ready to be written. */
export interface GeneratedCase {
  index: number;
  case: CaseRow;
  /** People seen for the first time in this case (returning family members already exist). */
  persons: PersonRecord[];
  children: ChildRow[];
  parties: PartyRow[];
  relationships: RelationshipRow[];
  contacts: ContactRow[];
  allocations: AllocationRow[];
  grants: GrantRow[];
  emergencyAccess: EmergencyAccessRow[];
  events: EventRow[];
  /** Private law: the court's dates, screening, checks, interviews, letter, first hearing (safeguarding.ts). */
  firstHearing: TableRow[];
  /** Private law after the first hearing: hearings, orders, plans, direct work, reports, closing. */
  afterFirstHearing: WorkRow[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = isoInstant;

const AFTER_FIRST_HEARING_STAGES: ReadonlySet<Stage> = new Set(['allocated', 'reporting', 'report-filed', 'closing']);

/** Share of cases with domestic abuse: one adult's contact details are then confidential. */
const DOMESTIC_ABUSE = { private: 0.25, public: 0.2, adoption: 0.05 } as const;
const REFUGE = 0.05;

/** Notes on a case: most cases 3–78, a few very long-running ones about 200 (≈33 events a case on average). */
function noteCount(random: Random): number {
  if (random.chance(0.006)) return random.int(150, 250);
  return 3 + Math.floor(75 * random.next() ** 1.8);
}

function contactsFor(ctx: GeneratorContext, random: Random, family: Family, victim: FamilyAdult | null) {
  const contacts: ContactRow[] = [];
  let n = 0;
  const id = () => generatedId(ctx.tag, ID_KIND.contact, family.index, n++, random.uint32());
  for (const adult of family.adults) {
    const isVictim = adult === victim;
    const refuge = isVictim && random.chance(REFUGE);
    const p = adult.person;
    if (refuge || random.chance(0.97)) {
      const a = address(ctx.pools, random, family.area.nation);
      contacts.push({
        id: id(),
        personId: p.id,
        kind: 'address',
        addressLines: refuge ? ['Refuge address held by the court', a.lines.at(-1)!] : a.lines,
        postcode: a.postcode,
        value: null,
        confidential: isVictim,
        refuge,
      });
    }
    if (random.chance(0.85))
      contacts.push({
        id: id(),
        personId: p.id,
        kind: 'phone',
        addressLines: null,
        postcode: null,
        value: phoneNumber(random),
        confidential: isVictim,
        refuge: false,
      });
    if (random.chance(0.45))
      contacts.push({
        id: id(),
        personId: p.id,
        kind: 'email',
        addressLines: null,
        postcode: null,
        value: emailAddress(random, p.givenNames, p.familyName),
        confidential: isVictim,
        refuge: false,
      });
  }
  return contacts;
}

function pickVictim(random: Random, family: Family): FamilyAdult | null {
  if (!random.chance(DOMESTIC_ABUSE[family.law])) return null;
  const mother = family.adults.find((a) => a.parent === 'mother');
  if (mother && random.chance(0.88)) return mother;
  return random.pick(family.adults);
}

function timeline(
  ctx: GeneratorContext,
  random: Random,
  family: Family,
  life: Lifecycle,
  children: ChildRow[],
  allocations: { role: string; userId: string; fromMs: number; byUserId: string }[],
): { events: (EventRow & { ms: number })[]; detailsChanges: number; emergency: EmergencyAccessRow[] } {
  const until = ctx.untilMs;
  const t0 = family.receivedAtMs;
  const end = life.closeMs;
  const events: (EventRow & { ms: number })[] = [];
  const add = (ms: number, e: EventRow) => {
    if (ms <= until) events.push({ ...e, ms });
  };
  const note = (ms: number, text: string, actorUserId: string | null, childId: string | null = null) =>
    add(ms, { occurredAt: iso(ms), kind: 'note-added', childId, actorUserId, body: text, details: null });

  add(t0, {
    occurredAt: iso(t0),
    kind: 'case-received',
    childId: null,
    actorUserId: life.intakeUserId,
    body: null,
    details: JSON.stringify({ applicationType: family.applicationType }),
  });
  for (const a of allocations) {
    add(a.fromMs, {
      occurredAt: iso(a.fromMs),
      kind: 'allocated',
      childId: null,
      actorUserId: a.byUserId,
      body: null,
      details: JSON.stringify({ role: a.role, userId: a.userId }),
    });
  }
  const notes = noteCount(random);
  for (let k = 0; k < notes; k += 1) {
    const ms = workingBetween(random, t0 + 5 * MINUTE, end - MINUTE);
    if (ms > until) continue;
    const stage = stageAt(life, ms);
    if (stage === 'closed') continue;
    // After the first hearing the contact log and the other records of the work say much of what notes did.
    if (life.after && AFTER_FIRST_HEARING_STAGES.has(stage) && random.chance(0.5)) continue;
    const child = random.pick(children);
    const childIndex = children.indexOf(child);
    const text = noteText(random, family.law, stage, family.children[childIndex]!.person.givenNames);
    const worker = workerAt(life, ms);
    const actor =
      worker ?? (stage === 'awaiting-allocation' || stage === 'allocated' ? life.managerUserId : life.intakeUserId);
    note(ms, text.text, actor, text.aboutChild ? child.id : null);
  }
  let detailsChanges = 0;
  const changes = random.chance(0.25) ? (random.chance(0.2) ? 2 : 1) : 0;
  for (let k = 0; k < changes; k += 1) {
    const ms = workingBetween(random, t0 + HOUR, end - HOUR);
    const options: string[][] = [['firstHearingOn'], ['courtId'], ['firstHearingOn', 'courtId']];
    if (family.area.nation === 'wales') options.push(['language']);
    if (ms <= until) detailsChanges += 1;
    add(ms, {
      occurredAt: iso(ms),
      kind: 'details-changed',
      childId: null,
      actorUserId: workerAt(life, ms) ?? life.managerUserId,
      body: null,
      details: JSON.stringify({ fields: random.pick(options) }),
    });
  }
  const emergency: EmergencyAccessRow[] = [];
  if (random.chance(0.003) && end - t0 > 3 * DAY) {
    const ms = Math.floor((t0 + DAY + random.next() * (end - t0 - 2 * DAY)) / 1000) * 1000;
    const others = ctx.organisation.practitioners;
    let user = random.pick(others);
    for (let tries = 0; user.areaId === family.area.id && tries < 20; tries += 1) user = random.pick(others);
    if (ms <= until && user.areaId !== family.area.id) {
      const id = generatedId(ctx.tag, ID_KIND.emergencyAccess, family.index, 0, random.uint32());
      const expiresMs = ms + 4 * HOUR;
      const reviewMs = workingFrom(ms + random.int(1, 5) * DAY + random.int(0, 6) * HOUR, random);
      const reviewed = reviewMs <= until && reviewMs < end;
      const outcome = random.chance(0.9) ? 'justified' : 'not-justified';
      emergency.push({
        id,
        userId: user.userId,
        reason: random.pick(EMERGENCY_REASONS),
        grantedAt: iso(ms),
        expiresAt: iso(expiresMs),
        reviewedBy: reviewed ? life.managerUserId : null,
        reviewedAt: reviewed ? iso(reviewMs) : null,
        reviewOutcome: reviewed ? outcome : null,
        reviewComment:
          reviewed && outcome === 'not-justified' ? 'Access was not needed: the duty manager could help.' : null,
      });
      add(ms, {
        occurredAt: iso(ms),
        kind: 'emergency-access',
        childId: null,
        actorUserId: user.userId,
        body: null,
        details: JSON.stringify({ expiresAt: iso(expiresMs) }),
      });
      if (reviewed)
        add(reviewMs, {
          occurredAt: iso(reviewMs),
          kind: 'emergency-access-reviewed',
          childId: null,
          actorUserId: life.managerUserId,
          body: null,
          details: JSON.stringify({ emergencyAccessId: id, outcome }),
        });
    }
  }
  if (end <= until) {
    const closer = allocations.at(-1)?.userId ?? life.managerUserId;
    note(end, random.pick(CLOSING_NOTES[life.closing]!), closer);
  }
  events.sort((a, b) => a.ms - b.ms);
  return { events, detailsChanges, emergency };
}

/**
 * Case number `index` of the run, with its children, parties, relationships, contact
 * details, allocations and timeline, as it stands at the run's `until`: a pure function of
 * the settings and the number, so a resumed run writes exactly what an uninterrupted one would.
 */
export function generateCase(ctx: GeneratorContext, index: number): GeneratedCase {
  const family = familyOf(ctx, index);
  const random = streamFor(ctx.seed, index, STREAM.timeline);
  const life = planLifecycle(ctx, family, random);
  const caseId = generatedId(ctx.tag, ID_KIND.case, index, 0, random.uint32());
  const children: ChildRow[] = family.children.map((c, k) => ({
    id: generatedId(ctx.tag, ID_KIND.child, index, k, random.uint32()),
    personId: c.person.id,
    gender: c.gender,
  }));
  const parties: PartyRow[] = family.adults.map((a, k) => ({
    id: generatedId(ctx.tag, ID_KIND.party, index, k, random.uint32()),
    personId: a.person.id,
    partyRole: a.partyRole,
  }));
  const relationships: RelationshipRow[] = family.adults.flatMap((a, k) =>
    a.relationships.map((relationship, c) => ({ partyId: parties[k]!.id, childId: children[c]!.id, relationship })),
  );
  const victim = pickVictim(random, family);
  const contacts = contactsFor(ctx, random, family, victim);
  const until = ctx.untilMs;
  const started = life.allocations.filter((a) => a.fromMs <= until);
  const allocations: AllocationRow[] = started.map((a, k) => {
    const ended = a.toMs <= until;
    // A handover: the next worker in the same role takes over when this one's allocation ends.
    const handedOver = started.some((b) => b !== a && b.role === a.role && b.fromMs === a.toMs);
    const took = started.some((b) => b !== a && b.role === a.role && b.toMs === a.fromMs);
    return {
      id: generatedId(ctx.tag, ID_KIND.allocation, index, k, random.uint32()),
      userId: a.userId,
      allocationRole: a.role,
      allocatedAt: iso(a.fromMs),
      endedAt: ended ? iso(a.toMs) : null,
      allocatedBy: a.byUserId,
      reason: took ? HANDOVER_REASON : allocationReason(a.role, family.welsh, k),
      endedBy: ended && handedOver ? a.byUserId : null,
      endReason: ended && handedOver ? HANDOVER_REASON : null,
    };
  });
  const restricted = random.chance(0.001);
  const grants: GrantRow[] = [];
  if (restricted) {
    const head = areaStaffOf(ctx.organisation, family.area.id).heads[0] ?? null;
    grants.push({
      userId: life.managerUserId,
      grantedBy: head,
      reason: 'Named on a restricted case',
      grantedAt: iso(family.receivedAtMs),
    });
    if (head)
      grants.push({
        userId: head,
        grantedBy: null,
        reason: 'Named on a restricted case',
        grantedAt: iso(family.receivedAtMs),
      });
  }
  const { events: caseEvents, detailsChanges, emergency } = timeline(ctx, random, family, life, children, started);
  const work = firstHearingRecords(ctx, { caseId, family, life, parties, victim });
  const later = afterFirstHearingRecords(ctx, {
    caseId,
    family,
    life,
    children,
    parties,
    ccdId: work.ccdId,
    venue: courtName(life.courtId),
  });
  const events =
    work.events.length === 0 && later.events.length === 0
      ? caseEvents
      : [...caseEvents, ...work.events, ...later.events].sort((x, y) => x.ms - y.ms);
  const closed = life.closeMs <= until;
  const t0 = family.receivedAtMs;
  return {
    index,
    case: {
      id: caseId,
      reference: `${GENERATED_REFERENCE_PREFIX}${new Date(t0).getUTCFullYear()}-${String(index + 1).padStart(7, '0')}`,
      law: family.law,
      applicationType: family.applicationType,
      status: stageAt(life, until),
      areaId: family.area.id,
      teamId: life.team.team.id,
      courtId: life.courtId,
      localAuthorityCode: life.localAuthorityCode,
      receivedOn: isoDate(t0),
      firstHearingOn: life.firstHearingOn,
      language: family.caseLanguage,
      restricted,
      createdAt: iso(t0),
      updatedAt: events.at(-1)?.occurredAt ?? iso(t0),
      closedAt: closed ? iso(life.closeMs) : null,
      version: 1 + detailsChanges + work.stateMoves + later.stateMoves,
    },
    persons: [...family.children, ...family.adults].filter((p) => p.isNew).map((p) => p.person),
    children,
    parties,
    relationships,
    contacts,
    allocations,
    grants,
    emergencyAccess: emergency,
    events,
    firstHearing: work.rows,
    afterFirstHearing: later.rows,
  };
}
