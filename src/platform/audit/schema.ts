import { bigint, bigserial, index, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit trail's independent hash chains (docs/decisions/0004-audit-trail.md): chains
 * 1–16 take rows appended inside a change's transaction; chains 17–48 take rows appended
 * on their own, in one statement, after a read (appendAuditNow).
 */
export const TRANSACTION_CHAINS = 16;
export const STANDALONE_CHAINS = 32;
export const AUDIT_CHAINS = TRANSACTION_CHAINS + STANDALONE_CHAINS;

/**
 * The audit trail: who viewed, changed, exported or downloaded what, and why.
 * Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained:
 * each row's hash covers its content and the previous row's hash in its chain. There are
 * several chains so that concurrent requests do not queue for one lock.
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    /** Insertion order across chains (for listing); not part of any hash. */
    id: bigserial('id', { mode: 'number' }).notNull(),
    chain: smallint('chain').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string' }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role'),
    /** view | change | create | export | download | search | sign-in | sign-out | denied | emergency-access … */
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceIds: text('resource_ids').array().notNull(),
    caseId: uuid('case_id'),
    /** Categories of the fields involved (never their values). */
    fieldCategories: text('field_categories').array().notNull(),
    reason: text('reason'),
    requestId: text('request_id'),
    clientIp: text('client_ip'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.chain, t.seq] }),
    index('audit_event_case_idx').on(t.caseId, t.occurredAt),
    index('audit_event_actor_idx').on(t.actorUserId, t.occurredAt),
    index('audit_event_id_idx').on(t.id),
  ],
);

/** One row: the last sequence number and hash of the chain, locked while a row is appended. */
export const auditChainHead = pgTable('audit_chain_head', {
  id: smallint('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
