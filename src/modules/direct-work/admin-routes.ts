import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import { type FormError, fieldError, parseForm, postedText } from '../../platform/forms/validation.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../platform/http/context.ts';
import { type DirectWorkTool, getDirectWorkTool, listDirectWorkTools } from '../organisation/service.ts';
import {
  addLocalService,
  changeLocalService,
  getLocalService,
  type LocalServiceRow,
  listLocalAuthorities,
  listLocalServices,
  localServiceSchema,
  setLocalServiceActive,
} from './local-services.ts';
import { addTool, changeTool, setToolActive, toolSchema } from './tools-admin.ts';
import {
  adminIndexViewModel,
  type LocalServiceValues,
  localServiceFormViewModel,
  localServicesViewModel,
  toolEditViewModel,
  toolsViewModel,
} from './view-models.ts';

const MANAGE = { policy: { action: 'reference:manage' as const } };
type Errors = { errors?: FormError[]; fieldErrors?: Record<string, { text: string }> };
type ToolText = { name: string; nameCy: string; description: string; descriptionCy: string };

const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(10000).catch(1).default(1),
  nation: z.enum(['england', 'wales']).optional().catch(undefined),
  saved: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional()
    .catch(undefined),
});

function actorOf(request: FastifyRequest): AuditActor & { userId: string } {
  const actor = auditActor(request);
  if (!actor.userId) throw new DomainError('NOT_SIGNED_IN');
  return { ...actor, userId: actor.userId };
}

/** A tool code from the path: the catalogue's codes are lower-case words and hyphens. */
function toolCodeOf(params: { code: string }): string {
  if (!/^[a-z0-9-]{1,60}$/.test(params.code)) throw new DomainError('DIRECT_WORK_TOOL_NOT_FOUND');
  return params.code;
}

function serviceIdOf(params: { serviceId: string }): string {
  if (!isUuid(params.serviceId)) throw new DomainError('LOCAL_SERVICE_NOT_FOUND');
  return params.serviceId;
}

const toolText = (body: unknown): ToolText => ({
  name: postedText(body, 'name', 120),
  nameCy: postedText(body, 'nameCy', 120),
  description: postedText(body, 'description', 1000),
  descriptionCy: postedText(body, 'descriptionCy', 1000),
});

const textOf = (tool: DirectWorkTool): ToolText => ({
  name: tool.name,
  nameCy: tool.nameCy,
  description: tool.description,
  descriptionCy: tool.descriptionCy,
});

const EMPTY_TOOL: ToolText = { name: '', nameCy: '', description: '', descriptionCy: '' };

function serviceValuesOf(s: LocalServiceRow | null): LocalServiceValues {
  return {
    nation: s?.nation ?? '',
    localAuthorityCode: s?.localAuthorityCode ?? '',
    kind: s?.kind ?? '',
    name: s?.name ?? '',
    nameCy: s?.nameCy ?? '',
    description: s?.description ?? '',
    descriptionCy: s?.descriptionCy ?? '',
    contact: s?.contact ?? '',
  };
}

function serviceValuesFrom(body: unknown): LocalServiceValues {
  return {
    nation: postedText(body, 'nation', 20),
    localAuthorityCode: postedText(body, 'localAuthorityCode', 20),
    kind: postedText(body, 'kind', 40),
    name: postedText(body, 'name', 200),
    nameCy: postedText(body, 'nameCy', 200),
    description: postedText(body, 'description', 2000),
    descriptionCy: postedText(body, 'descriptionCy', 2000),
    contact: postedText(body, 'contact', 300),
  };
}

/**
 * The reference lists system administrators maintain (policy reference:manage): the index, the
 * direct-work tools catalogue and the directory of local services for signposting.
 */
export async function directWorkAdminRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  app.get('/admin/reference', { config: MANAGE }, async (request, reply) =>
    reply.page('direct-work/views/admin-index.njk', adminIndexViewModel(request.messages)),
  );

  // --- Tools ------------------------------------------------------------------------------------

  const renderTools = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: ToolText,
    errors: Errors = {},
    status = 200,
  ) => {
    const { saved } = listQuery.parse(request.query ?? {});
    const tools = await listDirectWorkTools(db(), { includeRetired: true });
    const vm = toolsViewModel(request.messages, {
      tools,
      values,
      formToken: newFormToken(),
      saved: status === 200 ? (saved ?? null) : null,
      ...errors,
    });
    return reply.page('direct-work/views/admin-tools.njk', vm, { status });
  };

  app.get('/admin/reference/tools', { config: MANAGE }, async (request, reply) =>
    renderTools(request, reply, EMPTY_TOOL),
  );

  app.post('/admin/reference/tools', { config: MANAGE }, async (request, reply) => {
    const parsed = parseForm(toolSchema(), request.body, request.messages.t);
    if (!parsed.ok) return renderTools(request, reply, toolText(request.body), parsed, 400);
    const result = await addTool(db(), {
      tool: parsed.data.tool,
      formToken: parsed.data.formToken,
      actor: actorOf(request),
      now: request.now,
    });
    return reply.redirect(result.location, 303);
  });

  const renderToolEdit = async (
    request: FastifyRequest<{ Params: { code: string } }>,
    reply: FastifyReply,
    values: ToolText | null,
    errors: Errors = {},
    status = 200,
  ) => {
    const tool = await getDirectWorkTool(db(), toolCodeOf(request.params));
    if (!tool) throw new DomainError('DIRECT_WORK_TOOL_NOT_FOUND');
    const vm = toolEditViewModel(request.messages, {
      tool,
      values: values ?? textOf(tool),
      was: textOf(tool),
      formToken: newFormToken(),
      ...errors,
    });
    return reply.page('direct-work/views/admin-tool-edit.njk', vm, { status });
  };

  app.get<{ Params: { code: string } }>('/admin/reference/tools/:code', { config: MANAGE }, async (request, reply) =>
    renderToolEdit(request, reply, null),
  );

  app.post<{ Params: { code: string } }>('/admin/reference/tools/:code', { config: MANAGE }, async (request, reply) => {
    const code = toolCodeOf(request.params);
    const t = request.messages.t;
    const parsed = parseForm(toolSchema({ edit: true }), request.body, t);
    if (!parsed.ok) return renderToolEdit(request, reply, toolText(request.body), parsed, 400);
    try {
      const result = await changeTool(db(), {
        code,
        tool: parsed.data.tool,
        expected: parsed.data.expected,
        formToken: parsed.data.formToken,
        actor: actorOf(request),
        now: request.now,
      });
      return reply.redirect(result.location, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'STALE_VERSION')
        return renderToolEdit(request, reply, null, fieldError('name', t('directWork.errors.stale')), 409);
      throw error;
    }
  });

  for (const [path, active] of [
    ['retire', false],
    ['restore', true],
  ] as const) {
    app.post<{ Params: { code: string } }>(
      `/admin/reference/tools/:code/${path}`,
      { config: MANAGE },
      async (request, reply) => {
        await setToolActive(db(), {
          code: toolCodeOf(request.params),
          active,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(`/admin/reference/tools?saved=${active ? 'restored' : 'retired'}`, 303);
      },
    );
  }

  // --- Local services ---------------------------------------------------------------------------

  app.get('/admin/reference/local-services', { config: MANAGE }, async (request, reply) => {
    const query = listQuery.parse(request.query ?? {});
    const { rows, total } = await listLocalServices(db(), { page: query.page, nation: query.nation ?? null });
    const vm = localServicesViewModel(request.messages, {
      rows,
      total,
      page: query.page,
      nation: query.nation ?? null,
      saved: query.saved ?? null,
    });
    return reply.page('direct-work/views/admin-services.njk', vm);
  });

  const renderServiceForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    serviceId: string | null,
    values: LocalServiceValues | null,
    errors: Errors = {},
    status = 200,
  ) => {
    const service = serviceId ? await getLocalService(db(), serviceId) : null;
    if (serviceId && !service) throw new DomainError('LOCAL_SERVICE_NOT_FOUND');
    const authorities = await listLocalAuthorities(db());
    const vm = localServiceFormViewModel(request.messages, {
      service,
      authorities,
      values: values ?? serviceValuesOf(service),
      version: service?.version ?? 0,
      formToken: newFormToken(),
      ...errors,
    });
    return reply.page('direct-work/views/admin-service-form.njk', vm, { status });
  };

  app.get('/admin/reference/local-services/new', { config: MANAGE }, async (request, reply) =>
    renderServiceForm(request, reply, null, null),
  );

  app.post('/admin/reference/local-services/new', { config: MANAGE }, async (request, reply) => {
    const authorities = await listLocalAuthorities(db());
    const parsed = parseForm(localServiceSchema(authorities), request.body, request.messages.t);
    if (!parsed.ok) return renderServiceForm(request, reply, null, serviceValuesFrom(request.body), parsed, 400);
    const result = await addLocalService(db(), { service: parsed.data, actor: actorOf(request), now: request.now });
    return reply.redirect(result.location, 303);
  });

  app.get<{ Params: { serviceId: string } }>(
    '/admin/reference/local-services/:serviceId',
    { config: MANAGE },
    async (request, reply) => renderServiceForm(request, reply, serviceIdOf(request.params), null),
  );

  app.post<{ Params: { serviceId: string } }>(
    '/admin/reference/local-services/:serviceId',
    { config: MANAGE },
    async (request, reply) => {
      const id = serviceIdOf(request.params);
      const t = request.messages.t;
      const authorities = await listLocalAuthorities(db());
      const parsed = parseForm(localServiceSchema(authorities, { edit: true }), request.body, t);
      if (!parsed.ok) return renderServiceForm(request, reply, id, serviceValuesFrom(request.body), parsed, 400);
      try {
        const result = await changeLocalService(db(), {
          id,
          service: parsed.data,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'STALE_VERSION')
          return renderServiceForm(request, reply, id, null, fieldError('nation', t('directWork.errors.stale')), 409);
        throw error;
      }
    },
  );

  for (const [path, active] of [
    ['retire', false],
    ['restore', true],
  ] as const) {
    app.post<{ Params: { serviceId: string } }>(
      `/admin/reference/local-services/:serviceId/${path}`,
      { config: MANAGE },
      async (request, reply) => {
        await setLocalServiceActive(db(), {
          id: serviceIdOf(request.params),
          active,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(`/admin/reference/local-services?saved=${active ? 'restored' : 'retired'}`, 303);
      },
    );
  }
}
