import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { userAccount } from '../../platform/auth/schema.ts';
import type { Role } from '../../platform/authorisation/roles.ts';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import {
  court,
  directWorkTool,
  localAuthority,
  serviceArea,
  staff,
  staffRole,
  team,
  teamMembership,
} from './schema.ts';

export { cachedPrincipals, loadPrincipal } from './principals.ts';

const nation = z.enum(['england', 'wales']);
const areaFile = z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), nameCy: z.string(), nation }));
const laFile = z.array(
  z.object({ code: z.string(), name: z.string(), nameCy: z.string().nullable(), nation, areaId: z.string() }),
);
const toolFile = z.array(
  z.object({
    code: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string(),
    nameCy: z.string(),
    description: z.string(),
    descriptionCy: z.string(),
  }),
);
const courtFile = z.array(
  z.object({ id: z.string(), name: z.string(), nameCy: z.string().nullable(), nation, areaId: z.string() }),
);

function readReference<T>(name: string, schema: z.ZodType<T>): T {
  const text = readFileSync(new URL(`./reference/${name}`, import.meta.url), 'utf8');
  return schema.parse(JSON.parse(text));
}

export function referenceData() {
  return {
    areas: readReference('service-areas.json', areaFile),
    localAuthorities: readReference('local-authorities.json', laFile),
    courts: readReference('courts.json', courtFile),
    directWorkTools: readReference('direct-work-tools.json', toolFile),
  };
}

/**
 * Load the reference data files (service areas, local authorities, courts) into the
 * database, inserting new rows and updating changed names. Idempotent; runs at start.
 */
export async function syncReferenceData(
  db: Executor,
): Promise<{ areas: number; localAuthorities: number; courts: number }> {
  const data = referenceData();
  await db
    .insert(serviceArea)
    .values(data.areas)
    .onConflictDoUpdate({
      target: serviceArea.id,
      set: {
        code: sql`excluded.code`,
        name: sql`excluded.name`,
        nameCy: sql`excluded.name_cy`,
        nation: sql`excluded.nation`,
      },
    });
  await db
    .insert(localAuthority)
    .values(data.localAuthorities)
    .onConflictDoUpdate({
      target: localAuthority.code,
      set: {
        name: sql`excluded.name`,
        nameCy: sql`excluded.name_cy`,
        nation: sql`excluded.nation`,
        areaId: sql`excluded.area_id`,
      },
    });
  await db
    .insert(court)
    .values(data.courts)
    .onConflictDoUpdate({
      target: court.id,
      set: {
        name: sql`excluded.name`,
        nameCy: sql`excluded.name_cy`,
        nation: sql`excluded.nation`,
        areaId: sql`excluded.area_id`,
      },
    });
  // Tools are maintained by administrators once loaded: the file only adds tools not yet known.
  await db
    .insert(directWorkTool)
    .values(data.directWorkTools.map((tool, i) => ({ ...tool, sortOrder: (i + 1) * 10 })))
    .onConflictDoNothing({ target: directWorkTool.code });
  return { areas: data.areas.length, localAuthorities: data.localAuthorities.length, courts: data.courts.length };
}

export interface DirectWorkTool {
  code: string;
  name: string;
  nameCy: string;
  description: string;
  descriptionCy: string;
  active: boolean;
  sortOrder: number;
}

/** The direct-work tools catalogue, in its order; retired tools only when asked for. */
export async function listDirectWorkTools(
  db: Executor,
  options: { includeRetired?: boolean } = {},
): Promise<DirectWorkTool[]> {
  return queryRows<DirectWorkTool>(
    db,
    sql`SELECT code, name, name_cy AS "nameCy", description, description_cy AS "descriptionCy", active,
        sort_order AS "sortOrder"
      FROM direct_work_tool ${options.includeRetired ? sql`` : sql`WHERE active`}
      ORDER BY sort_order, code`,
  );
}

export interface NewStaffMember {
  email: string;
  displayName: string;
  password?: string;
  passwordHash?: string;
  jobTitle: string;
  areaId: string | null;
  roles: Role[];
  teams: { teamId: string; manages?: boolean }[];
  welshSpeaker?: boolean;
}

/** Create a member of staff with their sign-in account, roles and teams, in one transaction. */
export async function createStaffMember(db: Executor, input: NewStaffMember): Promise<string> {
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  return db.transaction(async (tx) => {
    const [account] = await tx
      .insert(userAccount)
      .values({ email: input.email.toLowerCase(), displayName: input.displayName, passwordHash })
      .returning({ id: userAccount.id });
    if (!account) throw new Error('account not created');
    await tx.insert(staff).values({
      userId: account.id,
      areaId: input.areaId,
      jobTitle: input.jobTitle,
      welshSpeaker: input.welshSpeaker ?? false,
    });
    if (input.roles.length > 0)
      await tx.insert(staffRole).values(input.roles.map((role) => ({ userId: account.id, role })));
    if (input.teams.length > 0) {
      await tx
        .insert(teamMembership)
        .values(input.teams.map((m) => ({ userId: account.id, teamId: m.teamId, manages: m.manages ?? false })));
    }
    return account.id;
  });
}

export async function createTeam(db: Executor, input: { id: string; areaId: string; name: string; nameCy: string }) {
  await db.insert(team).values(input).onConflictDoNothing();
}

/** Disable an account: its sessions stop at the next request (the principal no longer loads). */
export async function disableAccount(db: Executor, userId: string, now: Date): Promise<void> {
  await db.update(userAccount).set({ disabledAt: now }).where(eq(userAccount.id, userId));
}

/** One tool of the direct-work catalogue (retired or not), or null. */
export async function getDirectWorkTool(db: Executor, code: string): Promise<DirectWorkTool | null> {
  const [row] = await queryRows<DirectWorkTool>(
    db,
    sql`SELECT code, name, name_cy AS "nameCy", description, description_cy AS "descriptionCy", active,
        sort_order AS "sortOrder"
      FROM direct_work_tool WHERE code = ${code}`,
  );
  return row ?? null;
}

/** A code for a new tool from its English name: lower case, hyphenated, at most 60 characters. */
export function toolCodeFrom(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/g, '');
  return slug === '' ? 'tool' : slug;
}

export interface DirectWorkToolText {
  name: string;
  nameCy: string;
  description: string;
  descriptionCy: string;
}

/**
 * Add a tool to the catalogue, after the others, with a code made from its English name
 * (made unique with a number). Returns the code. The caller audits, in its transaction.
 */
export async function addDirectWorkTool(tx: Executor, tool: DirectWorkToolText): Promise<string> {
  const base = toolCodeFrom(tool.name);
  const taken = await queryRows<{ code: string }>(
    tx,
    sql`SELECT code FROM direct_work_tool WHERE code = ${base} OR code LIKE ${`${base}-%`}`,
  );
  const codes = new Set(taken.map((t) => t.code));
  let code = base;
  for (let n = 2; codes.has(code); n += 1) code = `${base}-${n}`;
  const [order] = await queryRows<{ next: number }>(
    tx,
    sql`SELECT COALESCE(max(sort_order), 0) + 10 AS next FROM direct_work_tool`,
  );
  await tx.insert(directWorkTool).values({ code, ...tool, active: true, sortOrder: order?.next ?? 10 });
  return code;
}

/**
 * Change a tool's names and descriptions, only if it still reads as the editor saw it (the
 * catalogue has no version column: the values read are the version). Returns false when the
 * tool has changed meanwhile, or is not there.
 */
export async function changeDirectWorkTool(
  tx: Executor,
  input: { code: string; expected: DirectWorkToolText; change: DirectWorkToolText },
): Promise<boolean> {
  const e = input.expected;
  const updated = await tx
    .update(directWorkTool)
    .set(input.change)
    .where(
      sql`${directWorkTool.code} = ${input.code} AND ${directWorkTool.name} = ${e.name}
        AND ${directWorkTool.nameCy} = ${e.nameCy} AND ${directWorkTool.description} = ${e.description}
        AND ${directWorkTool.descriptionCy} = ${e.descriptionCy}`,
    )
    .returning({ code: directWorkTool.code });
  return updated.length > 0;
}

/** Retire a tool (kept on the records that used it) or restore it; false when nothing changed. */
export async function setDirectWorkToolActive(tx: Executor, code: string, active: boolean): Promise<boolean> {
  const updated = await tx
    .update(directWorkTool)
    .set({ active })
    .where(sql`${directWorkTool.code} = ${code} AND ${directWorkTool.active} <> ${active}`)
    .returning({ code: directWorkTool.code });
  return updated.length > 0;
}
