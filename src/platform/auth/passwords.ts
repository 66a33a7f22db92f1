import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP password storage cheat sheet's second option
// (m=19 MiB, t=2, p=1), the library's defaults made explicit.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verify a password against a stored hash. With no stored hash (unknown account or an
 * SSO-only account) it still does the work of one verification, so timing does not
 * reveal which accounts exist.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('not-a-real-password-used-for-timing-only');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
