import { createHash } from 'node:crypto';
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { type Db, type Executor, queryRows } from '../db/database.ts';
import { AUDIT_CHAINS, auditChainHead, auditEvent, STANDALONE_CHAINS, TRANSACTION_CHAINS } from './schema.ts';

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
 * Lock the head of one of the transaction chains for this transaction: a free one if there
 * is one (SKIP LOCKED), otherwise wait for a random one. Rows of one transaction stay in one chain.
 */
async function lockChainHead(tx: Executor): Promise<ChainHead> {
  const [free] = await tx
    .select()
    .from(auditChainHead)
    .where(lte(auditChainHead.id, TRANSACTION_CHAINS))
    .orderBy(sql`random()`)
    .limit(1)
    .for('update', { skipLocked: true });
  if (free) return free;
  return lockChain(tx, 1 + Math.floor(Math.random() * TRANSACTION_CHAINS));
}

async function lockChain(tx: Executor, chain: number): Promise<ChainHead> {
  const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, chain)).for('update');
  if (!head) throw new Error(`audit chain head ${chain} is missing`);
  return head;
}

interface ChainHead {
  id: number;
  seq: number;
  hash: string;
}

type ChainedRow = HashedFields & { chain: number; hash: string };

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

/** Insert rows of a chain whose head the transaction holds, and move the head, in one statement. */
async function insertLocked(tx: Executor, head: ChainHead, rows: ChainedRow[]): Promise<ChainHead> {
  const last = rows[rows.length - 1]!;
  await tx.execute(
    sql`WITH appended AS (${tx.insert(auditEvent).values(rows).getSQL()})
      UPDATE audit_chain_head SET seq = ${last.seq}, hash = ${last.hash} WHERE id = ${head.id}`,
  );
  return { id: head.id, seq: last.seq, hash: last.hash };
}

/**
 * Append audit rows in the caller's transaction. The chain head is locked until the
 * transaction ends, so each chain grows in commit order; if the append fails, the whole
 * transaction (the change or the read it records) fails with it.
 */
export async function appendAudit(tx: Executor, actor: AuditActor, now: Date, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const head = await lockChainHead(tx);
  await insertLocked(tx, head, chainRows(head, actor, now, entries));
}

/** What this process last wrote to each standalone chain of one database, and which it is writing to. */
interface StandaloneChains {
  heads: Map<number, ChainHead>;
  busy: Set<number>;
  turn: number;
}
const standalone = new WeakMap<object, StandaloneChains>();

function chainsOf(db: Db): StandaloneChains {
  let state = standalone.get(db);
  if (!state) {
    // Processes start at different chains, so that several rarely meet on one.
    state = { heads: new Map(), busy: new Set(), turn: Math.floor(Math.random() * STANDALONE_CHAINS) };
    standalone.set(db, state);
  }
  return state;
}

function takeChain(state: StandaloneChains): number | null {
  for (let i = 0; i < STANDALONE_CHAINS; i += 1) {
    const chain = TRANSACTION_CHAINS + 1 + ((state.turn + i) % STANDALONE_CHAINS);
    if (!state.busy.has(chain)) {
      state.turn = (state.turn + i + 1) % STANDALONE_CHAINS;
      state.busy.add(chain);
      return chain;
    }
  }
  return null;
}

/**
 * Insert rows after `head` and move it, in one statement, only if the head is still exactly
 * `head`; says whether it was. The rows go in as one JSON parameter, typed by the record.
 */
async function appendAfter(db: Db, head: ChainHead, rows: ChainedRow[]): Promise<boolean> {
  const last = rows[rows.length - 1]!;
  const json = JSON.stringify(
    rows.map((r) => ({
      chain: r.chain,
      seq: r.seq,
      occurred_at: r.occurredAt,
      actor_user_id: r.actorUserId,
      actor_role: r.actorRole,
      action: r.action,
      resource_type: r.resourceType,
      resource_ids: r.resourceIds,
      case_id: r.caseId,
      field_categories: r.fieldCategories,
      reason: r.reason,
      request_id: r.requestId,
      client_ip: r.clientIp,
      prev_hash: r.prevHash,
      hash: r.hash,
    })),
  );
  const [result] = await queryRows<{ appended: number }>(
    db,
    sql`WITH head AS (
        UPDATE audit_chain_head SET seq = ${last.seq}, hash = ${last.hash}
        WHERE id = ${head.id} AND seq = ${head.seq} AND hash = ${head.hash}
        RETURNING id
      ), appended AS (
        INSERT INTO audit_event (chain, seq, occurred_at, actor_user_id, actor_role, action, resource_type,
          resource_ids, case_id, field_categories, reason, request_id, client_ip, prev_hash, hash)
        SELECT r.* FROM head, json_to_recordset(${json}::json) AS r(chain smallint, seq bigint,
          occurred_at timestamptz, actor_user_id uuid, actor_role text, action text, resource_type text,
          resource_ids text[], case_id uuid, field_categories text[], reason text, request_id text,
          client_ip text, prev_hash text, hash text)
        RETURNING 1
      )
      SELECT count(*)::int AS appended FROM appended`,
  );
  return result?.appended === rows.length;
}

/**
 * Append audit rows on their own (after a read), committed when this returns: callers show
 * nothing until it has, so a read whose audit row cannot be written fails as before.
 *
 * Usually one statement: the process remembers the head it last wrote to each standalone
 * chain and appends after it, moving the head only if it is still exactly that (same
 * sequence number and hash), so a guess made stale by another process appends nothing.
 * Then, and on a chain's first use, it locks the head, reads it and appends (a short
 * transaction). Inside a transaction it is appendAudit.
 */
export async function appendAuditNow(db: Db, actor: AuditActor, now: Date, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (db instanceof PgTransaction) return appendAudit(db, actor, now, entries);
  const state = chainsOf(db);
  const chain = takeChain(state);
  if (chain === null) {
    await db.transaction((tx) => appendAudit(tx, actor, now, entries));
    return;
  }
  try {
    const known = state.heads.get(chain);
    // Forgotten until this append is known to have worked (an error leaves it unknown).
    state.heads.delete(chain);
    if (known) {
      const rows = chainRows(known, actor, now, entries);
      if (await appendAfter(db, known, rows)) {
        const last = rows[rows.length - 1]!;
        state.heads.set(chain, { id: chain, seq: last.seq, hash: last.hash });
        return;
      }
    }
    const head = await db.transaction(async (tx) => {
      const locked = await lockChain(tx, chain);
      return insertLocked(tx, locked, chainRows(locked, actor, now, entries));
    });
    state.heads.set(chain, head);
  } finally {
    state.busy.delete(chain);
  }
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
