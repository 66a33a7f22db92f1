import { inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.ts';
import { hmctsDocument } from '../schema.ts';
import type { UpsertResult } from './import-types.ts';
import type { MappedCase } from './map.ts';
import { json, textArray, uuid, values } from './sql-values.ts';

/**
 * What the court says about dates, hearings, orders and the reports they direct, and risk,
 * as CTEs of one statement (joined to the case's creation, or run alone on an update).
 */
export function courtDataCtes(caseId: string, mapped: MappedCase, now: Date): SQL[] {
  const at = now.toISOString();
  const ctes: SQL[] = [
    sql`cd AS (INSERT INTO case_court_dates
        (case_id, letter_due_on, court_state, court_reference, orders_applying_for, interpreter_needs, updated_at)
      VALUES (${uuid(caseId)}, ${mapped.letterDueOn}::date, ${mapped.courtState}::text, ${mapped.ccdId}, ${textArray(mapped.ordersApplyingFor)},
        ${json(mapped.interpreterNeeds)}, ${at}::timestamptz)
      ON CONFLICT (case_id) DO UPDATE SET
        letter_due_on = COALESCE(case_court_dates.letter_due_on, excluded.letter_due_on),
        court_state = excluded.court_state,
        court_reference = excluded.court_reference,
        orders_applying_for = excluded.orders_applying_for,
        interpreter_needs = excluded.interpreter_needs,
        updated_at = excluded.updated_at)`,
  ];
  if (mapped.hearings.length > 0) {
    ctes.push(sql`hr AS (INSERT INTO hearing (case_id, source_ref, type_code, type_label, status, starts_at, ends_at, venue, days, created_at, updated_at)
      VALUES ${values(
        mapped.hearings.map(
          (h) =>
            sql`(${uuid(caseId)}, ${h.sourceRef}, ${h.typeCode}, ${h.typeLabel}::text, ${h.status}::text, ${h.startsAt}::timestamptz, ${h.endsAt}::timestamptz, ${h.venue}::text, ${json(h.days)}, ${at}::timestamptz, ${at}::timestamptz)`,
        ),
      )}
      ON CONFLICT (case_id, source_ref) DO UPDATE SET type_code = excluded.type_code, type_label = excluded.type_label,
        status = excluded.status, starts_at = excluded.starts_at, ends_at = excluded.ends_at, venue = excluded.venue,
        days = excluded.days, updated_at = excluded.updated_at
      WHERE (hearing.type_code, hearing.type_label, hearing.status, hearing.starts_at, hearing.ends_at, hearing.venue, hearing.days)
        IS DISTINCT FROM (excluded.type_code, excluded.type_label, excluded.status, excluded.starts_at, excluded.ends_at, excluded.venue, excluded.days))`);
  }
  if (mapped.orders.length > 0) {
    ctes.push(sql`ord AS (INSERT INTO court_order (case_id, source_ref, order_type, label, made_on, hearing_source_ref, created_at)
      VALUES ${values(
        mapped.orders.map(
          (o) =>
            sql`(${uuid(caseId)}, ${o.sourceRef}, ${o.orderType}, ${o.label}::text, ${o.madeOn}::date, ${o.hearingSourceRef}::text, ${at}::timestamptz)`,
        ),
      )}
      ON CONFLICT (case_id, source_ref) DO UPDATE SET order_type = excluded.order_type, label = excluded.label,
        made_on = excluded.made_on, hearing_source_ref = excluded.hearing_source_ref
      RETURNING id, source_ref)`);
    const directions = mapped.orders.flatMap((o) =>
      o.directions.map(
        (d) => sql`(${o.sourceRef}::text, ${d.reportType}::text, ${d.reportLabel}::text, ${d.dueOn}::date)`,
      ),
    );
    if (directions.length > 0) {
      ctes.push(sql`dir AS (INSERT INTO court_direction (case_id, order_id, report_type, report_label, due_on, source, created_at)
        SELECT ${uuid(caseId)}, ord.id, d.report_type, d.report_label, d.due_on, 'court-order', ${at}::timestamptz
        FROM ord JOIN (VALUES ${values(directions)}) AS d(source_ref, report_type, report_label, due_on) ON d.source_ref = ord.source_ref
        ON CONFLICT (order_id, report_type) DO UPDATE SET report_label = excluded.report_label, due_on = excluded.due_on)`);
    }
  }
  if (mapped.riskSignals.length > 0) {
    ctes.push(sql`rs AS (INSERT INTO risk_signal (case_id, kind, source, detail, created_at)
      VALUES ${values(mapped.riskSignals.map((r) => sql`(${uuid(caseId)}, ${r.kind}, 'hmcts', ${r.detail}, ${at}::timestamptz)`))}
      ON CONFLICT (case_id, kind, source) DO UPDATE SET detail = excluded.detail
      WHERE risk_signal.detail IS DISTINCT FROM excluded.detail)`);
  }
  return ctes;
}

/** A later snapshot's court data (one statement) and its documents. */
export async function syncCourtData(
  tx: Executor,
  caseId: string,
  mapped: MappedCase,
  now: Date,
  result: UpsertResult,
  known: { documentId: string; removedAt: string | null }[],
) {
  await tx.execute(sql`WITH ${sql.join(courtDataCtes(caseId, mapped, now), sql`, `)} SELECT 1`);

  // Documents: keyed on document_id (never the element id); gone ones marked removed.
  const knownIds = new Set(known.map((d) => d.documentId));
  const listed = new Set(mapped.documents.map((d) => d.documentId));
  const fresh = mapped.documents.filter((d) => !knownIds.has(d.documentId));
  if (fresh.length > 0) {
    const inserted = await tx
      .insert(hmctsDocument)
      .values(
        fresh.map((d) => ({
          documentId: d.documentId,
          ccdId: mapped.ccdId,
          caseId,
          fileName: d.fileName,
          category: d.category,
          listedAt: now,
          nextAttemptAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ documentId: hmctsDocument.documentId });
    result.documentsAdded += inserted.length;
    if (inserted.length < fresh.length) {
      result.warnings.push(
        `${fresh.length - inserted.length} document(s) already listed on another court case: not linked.`,
      );
    }
  }
  const back = known.filter((d) => d.removedAt && listed.has(d.documentId)).map((d) => d.documentId);
  if (back.length > 0) {
    await tx.update(hmctsDocument).set({ removedAt: null }).where(inArray(hmctsDocument.documentId, back));
  }
  const gone = known.filter((d) => !d.removedAt && !listed.has(d.documentId)).map((d) => d.documentId);
  if (gone.length > 0) {
    await tx.update(hmctsDocument).set({ removedAt: now }).where(inArray(hmctsDocument.documentId, gone));
  }
}
