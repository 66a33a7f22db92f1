import { createHash } from 'node:crypto';
import { and, count, eq, gt, gte, max } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { signInAttempt } from './schema.ts';

export interface ThrottlePolicy {
  maxFailures: number;
  windowSeconds: number;
}

/** Failures per client address allowed per window, across all accounts (credential stuffing). */
const IP_FACTOR = 4;

export function emailKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

/**
 * Throttle, never lock out: after too many failures for an account (or from one address)
 * within the window, sign-in is refused until the window has moved on. A correct password
 * does not bypass the throttle while it is in force.
 */
export async function signInBlocked(
  db: Executor,
  input: { email: string; clientIp: string; now: Date; policy: ThrottlePolicy },
): Promise<{ blocked: boolean; retryAfterSeconds: number }> {
  const since = new Date(input.now.getTime() - input.policy.windowSeconds * 1000);
  const key = emailKey(input.email);
  // For the account, only failures since its last successful sign-in count.
  const [lastSuccess] = await db
    .select({ at: max(signInAttempt.attemptedAt) })
    .from(signInAttempt)
    .where(
      and(eq(signInAttempt.emailKey, key), eq(signInAttempt.succeeded, true), gte(signInAttempt.attemptedAt, since)),
    );
  const accountSince = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since;
  const failuresFor = async (
    column: typeof signInAttempt.emailKey | typeof signInAttempt.clientIp,
    value: string,
    from: Date,
  ) => {
    const [row] = await db
      .select({ n: count() })
      .from(signInAttempt)
      .where(and(eq(column, value), eq(signInAttempt.succeeded, false), gt(signInAttempt.attemptedAt, from)));
    return row?.n ?? 0;
  };
  const byAccount = await failuresFor(signInAttempt.emailKey, key, accountSince);
  const byIp = await failuresFor(signInAttempt.clientIp, input.clientIp, since);
  const blocked = byAccount >= input.policy.maxFailures || byIp >= input.policy.maxFailures * IP_FACTOR;
  return { blocked, retryAfterSeconds: blocked ? input.policy.windowSeconds : 0 };
}

export async function recordSignInAttempt(
  db: Executor,
  input: { email: string; clientIp: string; succeeded: boolean; now: Date },
): Promise<void> {
  await db.insert(signInAttempt).values({
    emailKey: emailKey(input.email),
    clientIp: input.clientIp,
    succeeded: input.succeeded,
    attemptedAt: input.now,
  });
}
