import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { claimFormToken, completeFormToken, isFormToken } from '../../platform/forms/form-token.ts';
import {
  addDirectWorkTool,
  changeDirectWorkTool,
  type DirectWorkToolText,
  getDirectWorkTool,
  setDirectWorkToolActive,
} from '../organisation/service.ts';

const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, { error: 'directWork.errors.textTooLong' }));

/**
 * The tool form: names in English and Welsh (required), descriptions (optional). An edit also
 * carries the values it was read with (`was-…`), the catalogue's version.
 */
export function toolSchema(options: { edit?: boolean } = {}) {
  return z
    .object({
      name: text(120),
      nameCy: text(120),
      description: text(1000),
      descriptionCy: text(1000),
      'was-name': z.string().max(120).optional(),
      'was-nameCy': z.string().max(120).optional(),
      'was-description': z.string().max(1000).optional(),
      'was-descriptionCy': z.string().max(1000).optional(),
      _formToken: text(64),
    })
    .transform((v, ctx) => {
      let bad = false;
      const issue = (path: string, message: string) => {
        bad = true;
        ctx.addIssue({ code: 'custom', path: [path], message });
      };
      if (v.name === '') issue('name', 'directWork.errors.toolNameRequired');
      if (v.nameCy === '') issue('nameCy', 'directWork.errors.toolNameCyRequired');
      if (!isFormToken(v._formToken)) issue('name', 'directWork.errors.formExpired');
      if (options.edit && (v['was-name'] === undefined || v['was-nameCy'] === undefined))
        issue('name', 'directWork.errors.formExpired');
      if (bad) return z.NEVER;
      return {
        tool: { name: v.name, nameCy: v.nameCy, description: v.description, descriptionCy: v.descriptionCy },
        expected: {
          name: v['was-name'] ?? '',
          nameCy: v['was-nameCy'] ?? '',
          description: v['was-description'] ?? '',
          descriptionCy: v['was-descriptionCy'] ?? '',
        },
        formToken: v._formToken,
      };
    });
}
export type ToolInput = z.output<ReturnType<typeof toolSchema>>;

type Actor = AuditActor & { userId: string };
const LIST = '/admin/reference/tools';

export async function addTool(
  db: Db,
  input: { tool: DirectWorkToolText; formToken: string; actor: Actor; now: Date },
): Promise<{ location: string; code: string | null }> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, code: null };
    const code = await addDirectWorkTool(tx, input.tool);
    await appendAudit(tx, input.actor, input.now, [
      { action: 'create', resourceType: 'direct-work-tool', resourceIds: [code], caseId: null },
    ]);
    const location = `${LIST}?saved=added`;
    await completeFormToken(tx, input.formToken, location);
    return { location, code };
  });
}

/** Change a tool's names, refused (STALE_VERSION) when someone changed it since it was read. */
export async function changeTool(
  db: Db,
  input: {
    code: string;
    tool: DirectWorkToolText;
    expected: DirectWorkToolText;
    formToken: string;
    actor: Actor;
    now: Date;
  },
): Promise<{ location: string }> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location };
    if (!(await getDirectWorkTool(tx, input.code))) throw new DomainError('DIRECT_WORK_TOOL_NOT_FOUND');
    const changed = await changeDirectWorkTool(tx, { code: input.code, expected: input.expected, change: input.tool });
    if (!changed) throw new DomainError('STALE_VERSION');
    await appendAudit(tx, input.actor, input.now, [
      { action: 'change', resourceType: 'direct-work-tool', resourceIds: [input.code], caseId: null },
    ]);
    const location = `${LIST}?saved=changed`;
    await completeFormToken(tx, input.formToken, location);
    return { location };
  });
}

/** Retire or restore a tool; repeating it changes nothing. */
export async function setToolActive(
  db: Db,
  input: { code: string; active: boolean; actor: Actor; now: Date },
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    if (!(await getDirectWorkTool(tx, input.code))) throw new DomainError('DIRECT_WORK_TOOL_NOT_FOUND');
    const changed = await setDirectWorkToolActive(tx, input.code, input.active);
    if (changed) {
      await appendAudit(tx, input.actor, input.now, [
        {
          action: 'change',
          resourceType: 'direct-work-tool',
          resourceIds: [input.code],
          caseId: null,
          reason: input.active ? 'restored' : 'retired',
        },
      ]);
    }
    return { changed };
  });
}
