import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { claimFormToken, completeFormToken, isFormToken } from '../../platform/forms/form-token.ts';
import { SERVICE_KINDS } from './rules.ts';
import { localService } from './schema.ts';

export const LOCAL_SERVICES_PAGE_SIZE = 25;

export interface LocalServiceRow {
  id: string;
  nation: string;
  localAuthorityCode: string | null;
  localAuthorityName: string | null;
  localAuthorityNameCy: string | null;
  kind: string;
  name: string;
  nameCy: string;
  description: string;
  descriptionCy: string;
  contact: string;
  active: boolean;
  version: number;
}

const COLUMNS = sql`ls.id, ls.nation, ls.local_authority_code AS "localAuthorityCode", la.name AS "localAuthorityName",
  la.name_cy AS "localAuthorityNameCy", ls.kind, ls.name, ls.name_cy AS "nameCy", ls.description,
  ls.description_cy AS "descriptionCy", ls.contact, ls.active, ls.version`;

/** The active services a case may be signposted to, with the case's local authority and nation. */
export async function servicesForCase(
  tx: Executor,
  caseId: string,
): Promise<{ localAuthorityCode: string | null; nation: string | null; services: LocalServiceRow[] }> {
  const [kase] = await queryRows<{ localAuthorityCode: string | null; nation: string | null }>(
    tx,
    sql`SELECT c.local_authority_code AS "localAuthorityCode", a.nation
      FROM case_record c JOIN service_area a ON a.id = c.area_id WHERE c.id = ${caseId}`,
  );
  const services = await queryRows<LocalServiceRow>(
    tx,
    sql`SELECT ${COLUMNS} FROM local_service ls LEFT JOIN local_authority la ON la.code = ls.local_authority_code
      WHERE ls.active ORDER BY ls.name, ls.id LIMIT 500`,
  );
  return { localAuthorityCode: kase?.localAuthorityCode ?? null, nation: kase?.nation ?? null, services };
}

/** A page of the directory for administrators (retired services too), by nation, authority and name. */
export async function listLocalServices(
  db: Executor,
  query: { page: number; nation?: string | null },
): Promise<{ rows: LocalServiceRow[]; total: number }> {
  const where = query.nation ? sql`WHERE ls.nation = ${query.nation}` : sql``;
  const [count] = await queryRows<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total FROM local_service ls ${where}`,
  );
  const rows = await queryRows<LocalServiceRow>(
    db,
    sql`SELECT ${COLUMNS} FROM local_service ls LEFT JOIN local_authority la ON la.code = ls.local_authority_code
      ${where}
      ORDER BY ls.nation, la.name NULLS FIRST, ls.name, ls.id
      LIMIT ${LOCAL_SERVICES_PAGE_SIZE} OFFSET ${(query.page - 1) * LOCAL_SERVICES_PAGE_SIZE}`,
  );
  return { rows, total: count?.total ?? 0 };
}

export async function getLocalService(db: Executor, id: string): Promise<LocalServiceRow | null> {
  const [row] = await queryRows<LocalServiceRow>(
    db,
    sql`SELECT ${COLUMNS} FROM local_service ls LEFT JOIN local_authority la ON la.code = ls.local_authority_code
      WHERE ls.id = ${id}`,
  );
  return row ?? null;
}

/** Local authorities for the directory form, by nation and name. */
export async function listLocalAuthorities(
  db: Executor,
): Promise<{ code: string; name: string; nameCy: string | null; nation: string }[]> {
  return queryRows(db, sql`SELECT code, name, name_cy AS "nameCy", nation FROM local_authority ORDER BY nation, name`);
}

const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, { error: 'directWork.errors.textTooLong' }));

/** The directory form: where (a nation, or a local authority of it), what kind, names in both languages. */
export function localServiceSchema(authorities: { code: string; nation: string }[], options: { edit?: boolean } = {}) {
  return z
    .object({
      nation: text(20),
      localAuthorityCode: text(20),
      kind: text(40),
      name: text(200),
      nameCy: text(200),
      description: text(2000),
      descriptionCy: text(2000),
      contact: text(300),
      version: text(12),
      _formToken: text(64),
    })
    .transform((v, ctx) => {
      let bad = false;
      const issue = (path: string, message: string) => {
        bad = true;
        ctx.addIssue({ code: 'custom', path: [path], message });
      };
      if (v.nation !== 'england' && v.nation !== 'wales') issue('nation', 'directWork.errors.nationRequired');
      const la = v.localAuthorityCode === '' ? null : authorities.find((a) => a.code === v.localAuthorityCode);
      if (la === undefined) issue('localAuthorityCode', 'directWork.errors.localAuthorityUnknown');
      else if (la && la.nation !== v.nation) issue('localAuthorityCode', 'directWork.errors.localAuthorityNation');
      if (!(SERVICE_KINDS as readonly string[]).includes(v.kind)) issue('kind', 'directWork.errors.kindRequired');
      if (v.name === '') issue('name', 'directWork.errors.nameRequired');
      if (v.nameCy === '') issue('nameCy', 'directWork.errors.nameCyRequired');
      const version = /^\d{1,9}$/.test(v.version) ? Number(v.version) : 0;
      if (options.edit && version < 1) issue('nation', 'directWork.errors.formExpired');
      if (!isFormToken(v._formToken)) issue('nation', 'directWork.errors.formExpired');
      if (bad) return z.NEVER;
      return {
        nation: v.nation as 'england' | 'wales',
        localAuthorityCode: la ? la.code : null,
        kind: v.kind,
        name: v.name,
        nameCy: v.nameCy,
        description: v.description,
        descriptionCy: v.descriptionCy,
        contact: v.contact,
        version,
        formToken: v._formToken,
      };
    });
}
export type LocalServiceInput = z.output<ReturnType<typeof localServiceSchema>>;

type Actor = AuditActor & { userId: string };
const ADMIN_LIST = '/admin/reference/local-services';

/** Add a service to the directory; a double post adds one. */
export async function addLocalService(
  db: Db,
  input: { service: LocalServiceInput; actor: Actor; now: Date },
): Promise<{ location: string; created: boolean }> {
  const { version: _v, formToken, ...values } = input.service;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, created: false };
    const [row] = await tx
      .insert(localService)
      .values({ ...values, createdAt: input.now, updatedAt: input.now })
      .returning({ id: localService.id });
    await appendAudit(tx, input.actor, input.now, [
      { action: 'create', resourceType: 'local-service', resourceIds: [row!.id], caseId: null },
    ]);
    const location = `${ADMIN_LIST}?saved=added`;
    await completeFormToken(tx, formToken, location);
    return { location, created: true };
  });
}

/** Change a service of the directory at the version read (STALE_VERSION otherwise). */
export async function changeLocalService(
  db: Db,
  input: { id: string; service: LocalServiceInput; actor: Actor; now: Date },
): Promise<{ location: string; changed: boolean }> {
  const { version, formToken, ...values } = input.service;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, changed: false };
    const [exists] = await tx.select({ id: localService.id }).from(localService).where(eq(localService.id, input.id));
    if (!exists) throw new DomainError('LOCAL_SERVICE_NOT_FOUND');
    const updated = await tx
      .update(localService)
      .set({ ...values, updatedAt: input.now, version: sql`${localService.version} + 1` })
      .where(and(eq(localService.id, input.id), eq(localService.version, version)))
      .returning({ id: localService.id });
    if (updated.length === 0) throw new DomainError('STALE_VERSION');
    await appendAudit(tx, input.actor, input.now, [
      { action: 'change', resourceType: 'local-service', resourceIds: [input.id], caseId: null },
    ]);
    const location = `${ADMIN_LIST}?saved=changed`;
    await completeFormToken(tx, formToken, location);
    return { location, changed: true };
  });
}

/**
 * Retire a service (no longer offered for new signposting; kept on the signposting that named
 * it) or restore it. Idempotent: retiring a retired service changes nothing.
 */
export async function setLocalServiceActive(
  db: Db,
  input: { id: string; active: boolean; actor: Actor; now: Date },
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ active: localService.active })
      .from(localService)
      .where(eq(localService.id, input.id))
      .for('update');
    if (!row) throw new DomainError('LOCAL_SERVICE_NOT_FOUND');
    if (row.active === input.active) return { changed: false };
    await tx
      .update(localService)
      .set({ active: input.active, updatedAt: input.now, version: sql`${localService.version} + 1` })
      .where(eq(localService.id, input.id));
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'change',
        resourceType: 'local-service',
        resourceIds: [input.id],
        caseId: null,
        reason: input.active ? 'restored' : 'retired',
      },
    ]);
    return { changed: true };
  });
}
