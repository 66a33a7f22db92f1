import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A staff member's sign-in identity. Roles, teams and areas belong to the organisation module. */
export const userAccount = pgTable('user_account', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Lower-cased e-mail address, unique. */
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** argon2id PHC string; null for accounts that only sign in through single sign-on. */
  passwordHash: text('password_hash'),
  /** `issuer|subject` of the single sign-on identity, when linked. */
  oidcSubject: text('oidc_subject').unique(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
  /**
   * Moves whenever what this person may do changes: this row, their roles, teams or staff
   * record, or a team's area (triggers, migration 0015). Cached principals are keyed by it.
   */
  accessVersion: bigint('access_version', { mode: 'number' }).notNull().default(0),
});

/**
 * Server-side sessions. The cookie carries a random token; only its SHA-256 is stored,
 * so a copy of this table cannot be replayed as cookies.
 */
export const session = pgTable(
  'session',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id),
    authMethod: text('auth_method').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end of the session whatever the activity. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

/** Sign-in attempts, for throttling by account and by client address without permanent lockout. */
export const signInAttempt = pgTable(
  'sign_in_attempt',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** SHA-256 of the lower-cased e-mail address typed, so the table holds no typed addresses. */
    emailKey: text('email_key').notNull(),
    clientIp: text('client_ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_attempt_email_idx').on(t.emailKey, t.attemptedAt),
    index('sign_in_attempt_ip_idx').on(t.clientIp, t.attemptedAt),
  ],
);
