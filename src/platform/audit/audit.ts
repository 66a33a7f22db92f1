import { createHash } from 'node:crypto';
import { and, asc, eq, gt } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../db/database.ts';
import {
  appendToChain,
  type ChainedRow,
  type ChainHead,
  type HashedFields,
  standaloneChainsOf,
  transactionChains,
} from './chains.ts';
import { AUDIT_CHAINS, auditChainHead, auditEvent } from './schema.ts';

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
  | 'credentials'
  | 'application'
  | 'risk'
  | 'screening'
  | 'safeguarding-check'
  | 'interview'
  | 'letter'
  | 'document'
  | 'court-payload'
  | 'person-match'
  | 'hearing'
  | 'case-plan'
  | 'contact-log'
  | 'direct-work'
  | 'signposting'
  | 'report';

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
 * Append audit rows in the caller's transaction. The chain head stays locked until the
 * transaction ends, so each chain grows in commit order; if the append fails, the whole
 * transaction (the change or the read it records) fails with it. Chains 1–16.
 */
export async function appendAudit(tx: Executor, actor: AuditActor, now: Date, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await appendToChain(tx, transactionChains, (head) => chainRows(head, actor, now, entries));
}

/**
 * Append audit rows on their own (after a read), committed when this returns: callers show
 * nothing until it has, so a read whose audit row cannot be written fails as before.
 * Usually one statement (see chains.ts); inside a transaction it is appendAudit. Chains 17–48.
 */
export async function appendAuditNow(db: Db, actor: AuditActor, now: Date, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (db instanceof PgTransaction) return appendAudit(db, actor, now, entries);
  await appendToChain(db, standaloneChainsOf(db), (head) => chainRows(head, actor, now, entries));
}

/** The entries as rows of a chain after `head`: numbered and hashed in order. */
function chainRows(head: ChainHead, actor: AuditActor, now: Date, entries: AuditEntry[]): ChainedRow[] {
  let seq = head.seq;
  let prevHash = head.hash;
  const occurredAt = now.toISOString();
  return entries.map((e) => {
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
    return { ...fields, chain: head.id, hash };
  });
}

export interface ChainVerification {
  ok: boolean;
  rowsChecked: number;
  headSeq: number;
  problems: string[];
}

/** Walk every chain in order, recompute every hash and check each chain's head. */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<ChainVerification> {
  const problems: string[] = [];
  let rowsChecked = 0;
  const heads = await db.select().from(auditChainHead).orderBy(asc(auditChainHead.id));
  if (heads.length !== AUDIT_CHAINS) problems.push(`expected ${AUDIT_CHAINS} chain heads, found ${heads.length}`);
  for (const head of heads) {
    let expectedPrev = GENESIS_HASH;
    let expectedSeq = 1;
    let after = 0;
    for (;;) {
      const batch = await db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.chain, head.id), gt(auditEvent.seq, after)))
        .orderBy(asc(auditEvent.seq))
        .limit(batchSize);
      for (const row of batch) {
        const where = `chain ${head.id} row ${row.seq}`;
        if (row.seq !== expectedSeq)
          problems.push(`chain ${head.id} row ${expectedSeq} is missing (next row is ${row.seq})`);
        if (row.prevHash !== expectedPrev) problems.push(`${where} does not follow the row before it`);
        if (auditRowHash(row) !== row.hash) problems.push(`${where} has been altered`);
        expectedPrev = row.hash;
        expectedSeq = row.seq + 1;
        rowsChecked += 1;
      }
      if (batch.length < batchSize || problems.length > 100) break;
      after = batch[batch.length - 1]!.seq;
    }
    if (head.seq !== expectedSeq - 1 || head.hash !== expectedPrev) {
      problems.push(`chain ${head.id}: the head (row ${head.seq}) does not match the last row (${expectedSeq - 1})`);
    }
    if (problems.length > 100) break;
  }
  const headSeq = heads.reduce((sum, h) => sum + h.seq, 0);
  return { ok: problems.length === 0, rowsChecked, headSeq, problems };
}
