import { eq, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { type Db, type Executor, queryRows } from '../db/database.ts';
import { auditChainHead, auditEvent, STANDALONE_CHAINS, TRANSACTION_CHAINS } from './schema.ts';

/** What a row's hash covers (auditRowHash), in this order. */
export interface HashedFields {
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

/** The last sequence number and hash of one chain. */
export interface ChainHead {
  id: number;
  seq: number;
  hash: string;
}

export type ChainedRow = HashedFields & { chain: number; hash: string };

/**
 * A set of chains and what this process remembers of them: the head it last wrote to
 * each (a guess, checked by the append), which it is appending to now, and where to look next.
 */
export interface ChainSet {
  first: number;
  count: number;
  heads: Map<number, ChainHead>;
  busy: Set<number>;
  turn: number;
}

function chainSet(first: number, count: number): ChainSet {
  // Processes start at different chains, so that several rarely meet on one.
  return { first, count, heads: new Map(), busy: new Set(), turn: Math.floor(Math.random() * count) };
}

/**
 * Chains 1–16, for appends inside a change's transaction. One set for the process: a guess
 * that is wrong for this database (tests open several) only costs the fallback.
 */
export const transactionChains = chainSet(1, TRANSACTION_CHAINS);

const standalone = new WeakMap<object, ChainSet>();

/** Chains 17–48 of one database, for appends on their own after a read. */
export function standaloneChainsOf(db: Db): ChainSet {
  let set = standalone.get(db);
  if (!set) {
    set = chainSet(TRANSACTION_CHAINS + 1, STANDALONE_CHAINS);
    standalone.set(db, set);
  }
  return set;
}

/** The next chain of the set that no append of this process is writing to, or null. */
function takeChain(set: ChainSet): number | null {
  for (let i = 0; i < set.count; i += 1) {
    const chain = set.first + ((set.turn + i) % set.count);
    if (!set.busy.has(chain)) {
      set.turn = (set.turn + i + 1) % set.count;
      set.busy.add(chain);
      return chain;
    }
  }
  return null;
}

/**
 * Append rows to one chain of the set, in the transaction `executor` is in, or committed on
 * their own when it is not in one.
 *
 * Usually one statement: after the head this process last wrote to the chain, moving the
 * head only where it is still exactly that (same sequence number and hash) and not locked
 * by another transaction (SKIP LOCKED), and inserting the rows only if it moved. A guess
 * made stale by another process, or by an append whose transaction rolled back, writes
 * nothing: then, as on a chain's first use, the head is locked and read and the rows
 * appended after it (inside the caller's transaction, or a short one of its own).
 */
export async function appendToChain(
  executor: Executor,
  set: ChainSet,
  rowsAfter: (head: ChainHead) => ChainedRow[],
): Promise<void> {
  const chain = takeChain(set);
  if (chain !== null) {
    try {
      const known = set.heads.get(chain);
      // Forgotten until this append is known to have worked (an error leaves it unknown).
      set.heads.delete(chain);
      if (known) {
        const rows = rowsAfter(known);
        if (await appendAfter(executor, known, rows)) {
          set.heads.set(chain, lastOf(rows));
          return;
        }
      }
    } finally {
      set.busy.delete(chain);
    }
  }
  const append = async (tx: Executor) => {
    const head = await lockHead(tx, set, chain);
    const rows = rowsAfter(head);
    await insertLocked(tx, head, rows);
    return lastOf(rows);
  };
  const last = executor instanceof PgTransaction ? await append(executor) : await executor.transaction(append);
  set.heads.set(last.id, last);
}

function lastOf(rows: ChainedRow[]): ChainHead {
  const last = rows[rows.length - 1]!;
  return { id: last.chain, seq: last.seq, hash: last.hash };
}

/**
 * Lock a head of the set for the transaction: the chain asked for when it is free, else a
 * free one of the set (SKIP LOCKED), else wait for a random one.
 */
async function lockHead(tx: Executor, set: ChainSet, preferred: number | null): Promise<ChainHead> {
  const inSet = sql`${auditChainHead.id} BETWEEN ${set.first} AND ${set.first + set.count - 1}`;
  const [free] = await tx
    .select()
    .from(auditChainHead)
    .where(preferred === null ? inSet : eq(auditChainHead.id, preferred))
    .limit(1)
    .for('update', { skipLocked: true });
  if (free) return free;
  if (preferred !== null) {
    const [other] = await tx
      .select()
      .from(auditChainHead)
      .where(inSet)
      .orderBy(sql`random()`)
      .limit(1)
      .for('update', { skipLocked: true });
    if (other) return other;
  }
  const chain = set.first + Math.floor(Math.random() * set.count);
  const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, chain)).for('update');
  if (!head) throw new Error(`audit chain head ${chain} is missing`);
  return head;
}

/** Insert rows of a chain whose head the transaction holds, and move the head, in one statement. */
async function insertLocked(tx: Executor, head: ChainHead, rows: ChainedRow[]): Promise<void> {
  const last = rows[rows.length - 1]!;
  await tx.execute(
    sql`WITH appended AS (${tx.insert(auditEvent).values(rows).getSQL()})
      UPDATE audit_chain_head SET seq = ${last.seq}, hash = ${last.hash} WHERE id = ${head.id}`,
  );
}

/**
 * Insert rows after `head` and move it, in one statement, only if the head is still exactly
 * `head` and no other transaction holds it; says whether it was. The rows go in as one JSON
 * parameter, typed by the record.
 */
async function appendAfter(executor: Executor, head: ChainHead, rows: ChainedRow[]): Promise<boolean> {
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
    executor,
    sql`WITH head AS (
        SELECT id FROM audit_chain_head WHERE id = ${head.id} AND seq = ${head.seq} AND hash = ${head.hash}
        FOR UPDATE SKIP LOCKED
      ), moved AS (
        UPDATE audit_chain_head h SET seq = ${last.seq}, hash = ${last.hash} FROM head WHERE h.id = head.id
        RETURNING h.id
      ), appended AS (
        INSERT INTO audit_event (chain, seq, occurred_at, actor_user_id, actor_role, action, resource_type,
          resource_ids, case_id, field_categories, reason, request_id, client_ip, prev_hash, hash)
        SELECT r.* FROM moved, json_to_recordset(${json}::json) AS r(chain smallint, seq bigint,
          occurred_at timestamptz, actor_user_id uuid, actor_role text, action text, resource_type text,
          resource_ids text[], case_id uuid, field_categories text[], reason text, request_id text,
          client_ip text, prev_hash text, hash text)
        RETURNING 1
      )
      SELECT count(*)::int AS appended FROM appended`,
  );
  return result?.appended === rows.length;
}
