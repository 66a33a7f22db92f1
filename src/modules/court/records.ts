import { sql } from 'drizzle-orm';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import { type Db, queryRows } from '../../platform/db/database.ts';
import { findConfidentialValues } from '../../platform/documents/confidential-scan.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import type { Language, Messages } from '../../platform/i18n/i18n.ts';
import { enqueueMessage } from '../../platform/notify/outbox.ts';
import { renderMessage } from '../../platform/notify/templates.ts';
import { appendTimeline, confidentialValuesOf, moveCase } from '../casework/service.ts';
import type { DelayNoticeInput, DirectionDateInput, DirectionInput, HearingInput, OrderInput } from './forms.ts';
import { channelsFor, isTellableParty } from './rules.ts';

type Actor = AuditActor & { userId: string };

const courtPage = (caseId: string, notice: string) => `/cases/${caseId}/court?saved=${notice}`;

/** Add a hearing typed in by a worker: one transaction with its timeline and audit; once per form. */
export async function addHearing(
  db: Db,
  input: { caseId: string; hearing: HearingInput; typeLabel: string; actor: Actor; now: Date },
): Promise<{ location: string }> {
  const h = input.hearing;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, h.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location };
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO hearing (case_id, type_code, type_label, status, starts_at, venue, days, outcome,
          created_at, updated_at, updated_by)
        VALUES (${input.caseId}, ${h.typeCode}, ${input.typeLabel}, ${h.status}, ${h.startsAt.toISOString()}::timestamptz,
          ${h.venue}, ${JSON.stringify([h.date])}::jsonb, ${h.outcome}, ${input.now}, ${input.now}, ${input.actor.userId})
        RETURNING id`,
    );
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'court.hearing-added',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { hearingId: row!.id, typeCode: h.typeCode, startsAt: h.startsAt.toISOString(), status: h.status },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'create',
        resourceType: 'hearing',
        resourceIds: [row!.id],
        caseId: input.caseId,
        fieldCategories: ['hearing'],
      },
    ]);
    const location = courtPage(input.caseId, 'hearing-added');
    await completeFormToken(tx, h.formToken, location);
    return { location };
  });
}

/**
 * Change a hearing with optimistic concurrency: the form carries the version it was read
 * at; a change saved in between (by a person or the court's feed) makes it STALE_VERSION
 * and nothing is written.
 */
export async function changeHearing(
  db: Db,
  input: { caseId: string; hearingId: string; hearing: HearingInput; typeLabel: string; actor: Actor; now: Date },
): Promise<{ location: string }> {
  const h = input.hearing;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, h.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location };
    const [before] = await queryRows<{ version: number; status: string | null; startsAt: string | null }>(
      tx,
      sql`SELECT version, status, starts_at AS "startsAt" FROM hearing
        WHERE id = ${input.hearingId} AND case_id = ${input.caseId} FOR UPDATE`,
    );
    if (!before) throw new DomainError('HEARING_NOT_FOUND');
    if (h.version === null || before.version !== h.version) throw new DomainError('STALE_VERSION');
    await tx.execute(sql`UPDATE hearing SET type_code = ${h.typeCode}, type_label = ${input.typeLabel},
        status = ${h.status}, starts_at = ${h.startsAt.toISOString()}::timestamptz, venue = ${h.venue},
        days = ${JSON.stringify([h.date])}::jsonb, outcome = ${h.outcome}, updated_at = ${input.now},
        updated_by = ${input.actor.userId}, version = version + 1
      WHERE id = ${input.hearingId}`);
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'court.hearing-changed',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: {
        hearingId: input.hearingId,
        status: h.status,
        previousStatus: before.status,
        startsAt: h.startsAt.toISOString(),
        previousStartsAt: before.startsAt ? new Date(before.startsAt).toISOString() : null,
      },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'change',
        resourceType: 'hearing',
        resourceIds: [input.hearingId],
        caseId: input.caseId,
        fieldCategories: ['hearing'],
      },
    ]);
    const location = courtPage(input.caseId, 'hearing-changed');
    await completeFormToken(tx, h.formToken, location);
    return { location };
  });
}

/**
 * Record an order the court made. A final order moves the case with `final-order` in the
 * same transaction (allocated, reporting or report filed → closing); from anywhere else
 * the move is refused with ILLEGAL_TRANSITION and nothing is recorded. Open directions
 * are left as they are (they still show on the court page).
 */
export async function recordOrder(
  db: Db,
  input: { caseId: string; order: OrderInput; actor: Actor; now: Date },
): Promise<{ location: string; moved: boolean }> {
  const o = input.order;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, o.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, moved: false };
    if (o.hearingId) {
      const [ok] = await queryRows<{ id: string }>(
        tx,
        sql`SELECT id FROM hearing WHERE id = ${o.hearingId} AND case_id = ${input.caseId}`,
      );
      if (!ok) throw new DomainError('HEARING_NOT_FOUND');
    }
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO court_order (case_id, order_type, label, made_on, hearing_id, final, recorded_by, created_at)
        VALUES (${input.caseId}, ${o.orderType}, ${o.label}, ${o.madeOn}::date, ${o.hearingId}, ${o.final},
          ${input.actor.userId}, ${input.now})
        RETURNING id`,
    );
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'court.order-recorded',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { orderId: row!.id, orderType: o.orderType, madeOn: o.madeOn, final: o.final },
    });
    if (o.final) {
      await moveCase(tx, {
        caseId: input.caseId,
        event: { type: 'final-order' },
        actorUserId: input.actor.userId,
        now: input.now,
        details: { orderId: row!.id },
      });
    }
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'create',
        resourceType: 'court-order',
        resourceIds: [row!.id],
        caseId: input.caseId,
        fieldCategories: ['hearing', ...(o.final ? (['case-summary'] as const) : [])],
      },
    ]);
    const location = courtPage(input.caseId, o.final ? 'final-order' : 'order-recorded');
    await completeFormToken(tx, o.formToken, location);
    return { location, moved: o.final };
  });
}

/** Add a direction the court made of us, typed in; its filing date is a due date of our work. */
export async function addDirection(
  db: Db,
  input: { caseId: string; direction: DirectionInput; actor: Actor; now: Date },
): Promise<{ location: string }> {
  const d = input.direction;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, d.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location };
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO court_direction (case_id, report_type, report_label, due_on, source, created_at, created_by, updated_at)
        VALUES (${input.caseId}, ${d.reportType}, ${d.reportLabel}, ${d.dueOn}::date, 'manual', ${input.now},
          ${input.actor.userId}, ${input.now})
        RETURNING id`,
    );
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'court.direction-added',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { directionId: row!.id, reportType: d.reportType, dueOn: d.dueOn },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'create',
        resourceType: 'court-direction',
        resourceIds: [row!.id],
        caseId: input.caseId,
        fieldCategories: ['hearing'],
      },
    ]);
    const location = courtPage(input.caseId, 'direction-added');
    await completeFormToken(tx, d.formToken, location);
    return { location };
  });
}

/**
 * Change a direction's filing date, keeping the old date and the reason in its history.
 * Optimistic concurrency on the direction's version; a filed direction is not changed.
 */
export async function changeDirectionDate(
  db: Db,
  input: { caseId: string; directionId: string; change: DirectionDateInput; actor: Actor; now: Date },
): Promise<{ location: string }> {
  const c = input.change;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, c.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location };
    const [before] = await queryRows<{ version: number; dueOn: string | null; filedOn: string | null }>(
      tx,
      sql`SELECT version, due_on AS "dueOn", filed_on AS "filedOn" FROM court_direction
        WHERE id = ${input.directionId} AND case_id = ${input.caseId} FOR UPDATE`,
    );
    if (!before) throw new DomainError('DIRECTION_NOT_FOUND');
    if (c.version === null || before.version !== c.version) throw new DomainError('STALE_VERSION');
    if (before.filedOn) throw new DomainError('ALREADY_RECORDED');
    if (before.dueOn === c.dueOn) throw new DomainError('VALIDATION_FAILED', { field: 'dueOn' });
    const [change] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO court_direction_change (direction_id, case_id, previous_due_on, new_due_on, reason, changed_by, changed_at)
        VALUES (${input.directionId}, ${input.caseId}, ${before.dueOn}::date, ${c.dueOn}::date, ${c.reason},
          ${input.actor.userId}, ${input.now})
        RETURNING id`,
    );
    await tx.execute(sql`UPDATE court_direction SET due_on = ${c.dueOn}::date, updated_at = ${input.now},
        version = version + 1 WHERE id = ${input.directionId}`);
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'court.direction-date-changed',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { directionId: input.directionId, changeId: change!.id, from: before.dueOn, to: c.dueOn },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'change',
        resourceType: 'court-direction',
        resourceIds: [input.directionId, change!.id],
        caseId: input.caseId,
        fieldCategories: ['hearing'],
      },
    ]);
    const location = courtPage(input.caseId, 'direction-changed');
    await completeFormToken(tx, c.formToken, location);
    return { location };
  });
}

/** How the thing that will be late is named in a message, in the recipient's language. */
export function lateItemText(m: Messages, direction: { reportType: string; reportLabel: string | null }): string {
  const key = `court.lateItems.${direction.reportType}`;
  if (direction.reportType !== 'other' && m.has(key)) return m.t(key);
  return direction.reportLabel ?? m.t('court.lateItems.other');
}

/**
 * Tell the parties that a filing date will be missed (DOMAIN §3.4), in one transaction:
 * the notice, one outbox message per party (template delay-notice, in the party's own
 * language, with the case reference, what is late, the new date and the reason: never
 * another party's details or a confidential value), the timeline and the audit. A double
 * submit queues nothing more; each message's key is delay-notice:<notice>:<party>.
 */
export async function sendDelayNotice(
  db: Db,
  input: {
    caseId: string;
    notice: DelayNoticeInput;
    actor: Actor;
    now: Date;
    today: string;
    messages: Record<Language, Messages>;
  },
): Promise<{ location: string; noticeId: string | null }> {
  const n = input.notice;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, n.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, noticeId: null };
    const [direction] = await queryRows<{
      dueOn: string | null;
      filedOn: string | null;
      reportType: string;
      reportLabel: string | null;
      reference: string;
    }>(
      tx,
      sql`SELECT d.due_on AS "dueOn", d.filed_on AS "filedOn", d.report_type AS "reportType",
          d.report_label AS "reportLabel", c.reference
        FROM court_direction d JOIN case_record c ON c.id = d.case_id
        WHERE d.id = ${n.directionId} AND d.case_id = ${input.caseId} FOR UPDATE OF d`,
    );
    if (!direction) throw new DomainError('DIRECTION_NOT_FOUND');
    if (direction.filedOn) throw new DomainError('ALREADY_RECORDED');
    // The reason goes to every party told: it may not hold a confidential contact detail.
    const confidential = await confidentialValuesOf(tx, input.caseId);
    if (findConfidentialValues(n.reason, confidential).length > 0) {
      throw new DomainError('CONFIDENTIAL_VALUE_IN_DOCUMENT');
    }
    const parties = await queryRows<{
      id: string;
      personId: string;
      givenNames: string;
      familyName: string;
      partyRole: string;
      dateOfBirth: string | null;
      languagePreference: string;
      contacts: { kind: 'address' | 'phone' | 'email'; value: string | null; confidential: boolean; refuge: boolean }[];
    }>(
      tx,
      sql`SELECT cp.id, cp.person_id AS "personId", p.given_names AS "givenNames", p.family_name AS "familyName",
          cp.party_role AS "partyRole", p.date_of_birth AS "dateOfBirth", p.language_preference AS "languagePreference",
          COALESCE((SELECT json_agg(json_build_object('kind', cd.kind, 'value', cd.value,
              'confidential', cd.confidential, 'refuge', cd.refuge) ORDER BY cd.created_at)
            FROM contact_detail cd WHERE cd.case_id = cp.case_id AND cd.person_id = cp.person_id
              AND cd.kind IN ('email', 'phone')), '[]'::json) AS contacts
        FROM case_party cp JOIN person p ON p.id = cp.person_id
        WHERE cp.case_id = ${input.caseId}`,
    );
    const [notice] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO delay_notice (case_id, direction_id, due_on, expected_on, reason, created_by, created_at)
        VALUES (${input.caseId}, ${n.directionId}, ${direction.dueOn}::date, ${n.expectedOn}::date, ${n.reason},
          ${input.actor.userId}, ${input.now})
        RETURNING id`,
    );
    const noticeId = notice!.id;
    const sent: { partyId: string; channel: string; language: Language; messageId: string }[] = [];
    for (const r of n.recipients) {
      const party = parties.find((p) => p.id === r.partyId);
      if (!party || !isTellableParty(party, input.today)) throw new DomainError('PARTY_NOT_FOUND');
      const channel = channelsFor(party.contacts).find((c) => c.channel === r.channel);
      if (!channel) throw new DomainError('VALIDATION_FAILED');
      const language: Language = party.languagePreference === 'cy' ? 'cy' : 'en';
      const m = input.messages[language];
      const personalisation = {
        reference: direction.reference,
        name: `${party.givenNames} ${party.familyName}`,
        late: lateItemText(m, direction),
        newDate: m.formatDate(n.expectedOn),
        reason: n.reason,
      };
      // Fails now, not at delivery, when a value is missing; and scans what would be sent.
      const rendered = renderMessage('delay-notice', language, personalisation, input.messages);
      const everything = [rendered.subject, rendered.body, rendered.sms, channel.recipient ?? ''].join('\n');
      if (findConfidentialValues(everything, confidential).length > 0) {
        throw new DomainError('CONFIDENTIAL_VALUE_IN_DOCUMENT');
      }
      const message = await enqueueMessage(tx, {
        idempotencyKey: `delay-notice:${noticeId}:${party.id}`,
        caseId: input.caseId,
        template: 'delay-notice',
        channel: channel.channel,
        recipientPersonId: party.personId,
        recipient: channel.recipient,
        language,
        personalisation,
        createdBy: input.actor.userId,
        now: input.now,
      });
      await tx.execute(sql`INSERT INTO delay_notice_recipient (notice_id, party_id, channel, outbox_message_id)
        VALUES (${noticeId}, ${party.id}, ${channel.channel}, ${message.id})`);
      sent.push({ partyId: party.id, channel: channel.channel, language, messageId: message.id });
    }
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'court.delay-notice',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: {
        noticeId,
        directionId: n.directionId,
        dueOn: direction.dueOn,
        expectedOn: n.expectedOn,
        told: sent.map((s) => ({ partyId: s.partyId, channel: s.channel, language: s.language })),
      },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'create',
        resourceType: 'delay-notice',
        resourceIds: [noticeId, ...sent.map((s) => s.messageId)],
        caseId: input.caseId,
        fieldCategories: ['hearing', 'party-identity', 'contact-details'],
      },
    ]);
    const location = courtPage(input.caseId, 'delay-notice');
    await completeFormToken(tx, n.formToken, location);
    return { location, noticeId };
  });
}
