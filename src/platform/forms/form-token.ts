import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { formSubmission } from './schema.ts';

export function newFormToken(): string {
  return randomBytes(24).toString('base64url');
}

export function isFormToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{32}$/.test(value);
}

/**
 * Claim a one-time form token inside the transaction that makes the change. The unique
 * key makes a concurrent second post wait for the first and then find the token used;
 * a used token answers with where the first post led, and the change is not made again.
 */
export async function claimFormToken(
  tx: Executor,
  token: string,
  userId: string,
): Promise<{ fresh: true } | { fresh: false; location: string }> {
  const inserted = await tx
    .insert(formSubmission)
    .values({ token, userId, resultLocation: '' })
    .onConflictDoNothing()
    .returning({ token: formSubmission.token });
  if (inserted.length > 0) return { fresh: true };
  const [used] = await tx
    .select({ location: formSubmission.resultLocation })
    .from(formSubmission)
    .where(and(eq(formSubmission.token, token), eq(formSubmission.userId, userId)));
  return { fresh: false, location: used?.location || '/' };
}

export async function completeFormToken(tx: Executor, token: string, location: string): Promise<void> {
  await tx.update(formSubmission).set({ resultLocation: location }).where(eq(formSubmission.token, token));
}
