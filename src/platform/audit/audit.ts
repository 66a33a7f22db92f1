import { createHash } from 'node:crypto';
import { asc, eq, gt } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { auditChainHead, auditEvent } from './schema.ts';

export const AUDIT_ACTIONS = [
  'view',
  'search',
  'create',
  'change',
  'export',
  'download',
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'denied',
  'emergency-access',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Categories of data touched; values are never written to the audit trail. */
export type FieldCategory =
  | 'case-summary'
  | 'child-identity'
  | 'party-identity'
  | 'contact-details'
  | 'confidential-contact'
  | 'timeline'
  | 'case-note'
  | 'allocation'
  | 'access-log'
  | 'credentials';

export interface AuditEntry {
  action: AuditAction;
  resourceType: string;
  resourceIds: string[];
  caseId?: string | null;
  fieldCategories?: FieldCategory[];
  reason?: string | null;
}

/** Who is acting, from where: taken from the request. */
export interface AuditActor {
  userId: string | null;
  role: string | null;
  requestId: string | null;
  clientIp: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

interface HashedFields {
  seq: number;
  occurredAt: string;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  resourceType: string;
  resourceIds: string[];
  caseId: string | null;
  fieldCategories: string[];
  reason: string | null;
  requestId: string | null;
  clientIp: string | null;
  prevHash: string;
}

/** The hash of one row: its content in a fixed order and the previous row's hash. */
export function auditRowHash(row: HashedFields): string {
  const canonical = JSON.stringify([
    row.seq,
    new Date(row.occurredAt).toISOString(),
    row.actorUserId,
    row.actorRole,
    row.action,
    row.resourceType,
    row.resourceIds,
    row.caseId,
    row.fieldCategories,
    row.reason,
    row.requestId,
    row.clientIp,
    row.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Append audit rows in the caller's transaction. The chain head is locked until the
 * transaction ends, so rows are chained in commit order; if the append fails, the whole
 * transaction (the change or the read it records) fails with it.
 */
export async function appendAudit(tx: Executor, actor: AuditActor, now: Date, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for('update');
  if (!head) throw new Error('audit chain head is missing');
  let seq = head.seq;
  let prevHash = head.hash;
  const occurredAt = now.toISOString();
  const rows = entries.map((e) => {
    seq += 1;
    const fields: HashedFields = {
      seq,
      occurredAt,
      actorUserId: actor.userId,
      actorRole: actor.role,
      action: e.action,
      resourceType: e.resourceType,
      resourceIds: e.resourceIds,
      caseId: e.caseId ?? null,
      fieldCategories: e.fieldCategories ?? [],
      reason: e.reason ?? null,
      requestId: actor.requestId,
      clientIp: actor.clientIp,
      prevHash,
    };
    const hash = auditRowHash(fields);
    prevHash = hash;
    return { ...fields, hash };
  });
  await tx.insert(auditEvent).values(rows);
  await tx.update(auditChainHead).set({ seq, hash: prevHash }).where(eq(auditChainHead.id, 1));
}

export interface ChainVerification {
  ok: boolean;
  rowsChecked: number;
  headSeq: number;
  problems: string[];
}

/** Walk the whole chain in order and recompute every hash. */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<ChainVerification> {
  const problems: string[] = [];
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let rowsChecked = 0;
  let after = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditEvent)
      .where(gt(auditEvent.seq, after))
      .orderBy(asc(auditEvent.seq))
      .limit(batchSize);
    for (const row of batch) {
      if (row.seq !== expectedSeq) problems.push(`row ${expectedSeq} is missing (next row is ${row.seq})`);
      if (row.prevHash !== expectedPrev) problems.push(`row ${row.seq} does not follow the row before it`);
      const recomputed = auditRowHash({ ...row, occurredAt: row.occurredAt });
      if (recomputed !== row.hash) problems.push(`row ${row.seq} has been altered`);
      expectedPrev = row.hash;
      expectedSeq = row.seq + 1;
      rowsChecked += 1;
      if (problems.length > 100) break;
    }
    if (batch.length < batchSize || problems.length > 100) break;
    after = batch[batch.length - 1]!.seq;
  }
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  const headSeq = head?.seq ?? -1;
  if (!head) problems.push('the chain head is missing');
  else if (head.seq !== expectedSeq - 1 || head.hash !== expectedPrev) {
    problems.push(`the chain head (row ${head.seq}) does not match the last row (${expectedSeq - 1})`);
  }
  return { ok: problems.length === 0, rowsChecked, headSeq, problems };
}
