import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { session, userAccount } from './schema.ts';

export interface SessionPolicy {
  idleSeconds: number;
  absoluteSeconds: number;
}

export interface ActiveSession {
  idHash: string;
  userId: string;
  authMethod: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  /** The account's access version (see userAccount.accessVersion). */
  accessVersion: number;
}

export type SessionLookup =
  | { state: 'none' }
  | { state: 'expired'; reason: 'idle' | 'absolute' | 'ended' | 'disabled' }
  | { state: 'active'; session: ActiveSession };

/** Only the SHA-256 of a session token is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** How often, at most, a request moves last_seen_at forward (saves a write per request). */
export const TOUCH_INTERVAL_SECONDS = 30;

export async function createSession(
  db: Executor,
  input: { userId: string; authMethod: 'password' | 'oidc'; now: Date; policy: SessionPolicy },
): Promise<{ token: string; idHash: string }> {
  const token = newToken();
  const idHash = hashToken(token);
  await db.insert(session).values({
    idHash,
    userId: input.userId,
    authMethod: input.authMethod,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt: new Date(input.now.getTime() + input.policy.absoluteSeconds * 1000),
  });
  return { token, idHash };
}

export async function findSession(
  db: Executor,
  token: string,
  now: Date,
  policy: SessionPolicy,
): Promise<SessionLookup> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { state: 'none' };
  const idHash = hashToken(token);
  const rows = await db
    .select({
      idHash: session.idHash,
      userId: session.userId,
      authMethod: session.authMethod,
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      expiresAt: session.expiresAt,
      endedAt: session.endedAt,
      disabledAt: userAccount.disabledAt,
      accessVersion: userAccount.accessVersion,
    })
    .from(session)
    .innerJoin(userAccount, eq(userAccount.id, session.userId))
    .where(eq(session.idHash, idHash));
  const row = rows[0];
  if (!row) return { state: 'none' };
  if (row.endedAt) return { state: 'expired', reason: 'ended' };
  let reason: 'idle' | 'absolute' | 'disabled' | undefined;
  if (row.disabledAt) reason = 'disabled';
  else if (now >= row.expiresAt) reason = 'absolute';
  else if (now.getTime() - row.lastSeenAt.getTime() >= policy.idleSeconds * 1000) reason = 'idle';
  if (reason) {
    await endSession(db, idHash, now);
    return { state: 'expired', reason };
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_SECONDS * 1000) {
    await db.update(session).set({ lastSeenAt: now }).where(eq(session.idHash, idHash));
    row.lastSeenAt = now;
  }
  return { state: 'active', session: row };
}

/** Keep the session alive now (the timeout warning's "Stay signed in"). */
export async function touchSession(db: Executor, idHash: string, now: Date): Promise<void> {
  await db
    .update(session)
    .set({ lastSeenAt: now })
    .where(and(eq(session.idHash, idHash), isNull(session.endedAt)));
}

export async function endSession(db: Executor, idHash: string, now: Date): Promise<void> {
  await db
    .update(session)
    .set({ endedAt: now })
    .where(and(eq(session.idHash, idHash), isNull(session.endedAt)));
}

/** End every open session of a user (account disabled, password changed, administrator's choice). */
export async function endAllSessions(db: Executor, userId: string, now: Date): Promise<number> {
  const ended = await db
    .update(session)
    .set({ endedAt: now })
    .where(and(eq(session.userId, userId), isNull(session.endedAt)))
    .returning({ idHash: session.idHash });
  return ended.length;
}

/** Remove sessions that ended or expired more than a day ago (housekeeping job). */
export async function purgeOldSessions(db: Executor, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - 24 * 3600 * 1000);
  await db.delete(session).where(sql`coalesce(${session.endedAt}, ${session.expiresAt}) < ${cutoff}`);
}
