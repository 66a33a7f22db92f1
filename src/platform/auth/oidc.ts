import { and, eq, isNull } from 'drizzle-orm';
import * as client from 'openid-client';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Executor } from '../db/database.ts';
import { userAccount } from './schema.ts';

export type OidcSettings = NonNullable<Config['oidc']>;

/** The short-lived cookie that carries one sign-in attempt from /start to /callback. */
export function oidcCookieName(secure: boolean): string {
  return secure ? '__Host-childvoice-oidc' : 'childvoice-oidc';
}

export const OIDC_COOKIE_SECONDS = 10 * 60;

const flowSchema = z.object({
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  verifier: z.string().min(1).max(200),
  returnTo: z.string().max(2000),
});
export type OidcFlow = z.infer<typeof flowSchema>;

export function encodeFlow(flow: OidcFlow): string {
  return Buffer.from(JSON.stringify(flow)).toString('base64url');
}

export function decodeFlow(value: string): OidcFlow | null {
  try {
    const parsed = flowSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The issuer's configuration, discovered once per app and again only after a failure. */
export function oidcClient(settings: OidcSettings) {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, {
        // Always check ID token signatures against the issuer's keys, not only TLS to the token endpoint.
        execute: settings.allowInsecure
          ? [client.enableNonRepudiationChecks, client.allowInsecureRequests]
          : [client.enableNonRepudiationChecks],
        timeout: 10,
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    configuration,

    /** A new attempt: where to send the browser, and what the callback must check. */
    async begin(redirectUri: string, returnTo: string): Promise<{ url: URL; flow: OidcFlow }> {
      const config = await configuration();
      const flow = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
        returnTo,
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        response_type: 'code',
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
      });
      return { url, flow };
    },

    /** Exchange the code; openid-client checks state, PKCE, and the ID token's iss, aud, signature, nonce, expiry. */
    async complete(currentUrl: URL, flow: OidcFlow): Promise<client.IDToken> {
      const tokens = await client.authorizationCodeGrant(await configuration(), currentUrl, {
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        pkceCodeVerifier: flow.verifier,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token');
      return claims;
    },
  };
}

export type OidcClient = ReturnType<typeof oidcClient>;

/** A short, non-revealing code for the audit trail: never token contents. */
export function failureCode(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError) return 'provider-error';
  if (error instanceof client.ResponseBodyError) return 'token-endpoint-error';
  return 'token-rejected';
}

type Match =
  | { ok: true; userId: string; link: string | null }
  | { ok: false; code: 'unknown-account' | 'account-disabled' | 'subject-mismatch'; userId: string | null };

/**
 * The account for validated ID token claims: the one linked to `issuer|subject`, or else
 * the one with the verified e-mail address (to be linked). Accounts are never created here.
 */
export async function matchAccount(db: Executor, claims: client.IDToken): Promise<Match> {
  const subject = `${claims.iss}|${claims.sub}`;
  const columns = { id: userAccount.id, disabledAt: userAccount.disabledAt, oidcSubject: userAccount.oidcSubject };
  let [account] = await db.select(columns).from(userAccount).where(eq(userAccount.oidcSubject, subject));
  if (!account && claims.email_verified === true && typeof claims.email === 'string') {
    [account] = await db.select(columns).from(userAccount).where(eq(userAccount.email, claims.email.toLowerCase()));
    // An account already linked to another identity is not taken over by a matching address.
    if (account?.oidcSubject) return { ok: false, code: 'subject-mismatch', userId: account.id };
  }
  if (!account) return { ok: false, code: 'unknown-account', userId: null };
  if (account.disabledAt) return { ok: false, code: 'account-disabled', userId: account.id };
  return { ok: true, userId: account.id, link: account.oidcSubject ? null : subject };
}

/** Store the single sign-on identity on an account that has none yet. */
export async function linkSubject(db: Executor, userId: string, subject: string): Promise<boolean> {
  const rows = await db
    .update(userAccount)
    .set({ oidcSubject: subject })
    .where(and(eq(userAccount.id, userId), isNull(userAccount.oidcSubject)))
    .returning({ id: userAccount.id });
  return rows.length === 1;
}
