import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appendAudit } from '../../platform/audit/audit.ts';
import { can, type PerformanceScope } from '../../platform/authorisation/policy.ts';
import { AREA_MANAGER_ROLES, NATIONAL_CASE_ROLES } from '../../platform/authorisation/roles.ts';
import { createCalendar, type IsoDate, londonDate } from '../../platform/calendar/index.ts';
import { queryRows } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../platform/http/context.ts';
import { paginationItems } from '../casework/service.ts';
import { csvLine } from './csv.ts';
import { EXPORT_LIMIT, readDrillDown, readDrillDownAll } from './drilldown.ts';
import { readEarlyWarning } from './early-warning.ts';
import { readDashboard } from './figures.ts';
import { KPIS, kpiById } from './kpis/index.ts';
import { defaultPeriod, labelIn, parsePeriod, periodQuery } from './periods.ts';
import type { Period } from './read-model.ts';
import { targetRoutes } from './target-routes.ts';
import { dashboardViewModel, drillDownViewModel, type ScopeView, scopeHref } from './view-models.ts';

const calendar = createCalendar();
const PAGE_SIZE = 50;
const SIGNED_IN = { config: { policy: { signedIn: true as const } } };

type Resolved = { scope: PerformanceScope; view: ScopeView; nation: string };

export async function performanceRoutes(app: FastifyInstance) {
  await app.register(targetRoutes);
  const db = () => app.deps.database.db;
  const nameOf = (request: FastifyRequest, row: { name: string; nameCy: string }) =>
    request.language === 'cy' ? row.nameCy : row.name;

  /** The scope a URL names: 404 when it does not exist, 403 when the viewer may not see it. */
  async function resolve(request: FastifyRequest, level: ScopeView['level'], id: string | null): Promise<Resolved> {
    const principal = request.principal;
    if (!principal) throw new DomainError('NOT_SIGNED_IN');
    let resolved: Resolved;
    if (level === 'national') {
      resolved = {
        scope: { level: 'national' },
        view: { level, id: null, name: request.messages.t('performance.national') },
        nation: 'england',
      };
    } else if (level === 'area') {
      const [a] = await queryRows<{ id: string; name: string; nameCy: string; nation: string }>(
        db(),
        sql`SELECT id, name, name_cy AS "nameCy", nation FROM service_area WHERE id = ${id ?? ''}`,
      );
      if (!a) throw new DomainError('PAGE_NOT_FOUND');
      resolved = {
        scope: { level: 'area', areaId: a.id },
        view: { level, id: a.id, name: nameOf(request, a) },
        nation: a.nation,
      };
    } else if (level === 'team') {
      const [t] = await queryRows<{ id: string; areaId: string; name: string; nameCy: string }>(
        db(),
        sql`SELECT id, area_id AS "areaId", name, name_cy AS "nameCy" FROM team WHERE id = ${id ?? ''}`,
      );
      if (!t) throw new DomainError('PAGE_NOT_FOUND');
      resolved = {
        scope: { level: 'team', teamId: t.id, areaId: t.areaId },
        view: { level, id: t.id, name: nameOf(request, t) },
        nation: '',
      };
    } else {
      if (!isUuid(id)) throw new DomainError('PAGE_NOT_FOUND');
      const [s] = await queryRows<{ id: string; name: string; areaIds: string[] }>(
        db(),
        sql`SELECT u.id::text AS id, u.display_name AS name,
              array_remove(array_cat(ARRAY[s.area_id], ARRAY(SELECT t.area_id FROM team_membership m JOIN team t ON t.id = m.team_id
                WHERE m.user_id = s.user_id)), NULL) AS "areaIds"
            FROM staff s JOIN user_account u ON u.id = s.user_id WHERE s.user_id = ${id}::uuid`,
      );
      if (!s) throw new DomainError('PAGE_NOT_FOUND');
      resolved = {
        scope: { level: 'practitioner', userId: s.id, areaIds: s.areaIds },
        view: { level, id: s.id, name: s.name },
        nation: '',
      };
    }
    if (!can(principal, 'performance:view', { kind: 'performance', scope: resolved.scope })) {
      throw new DomainError('FORBIDDEN');
    }
    return resolved;
  }

  /** The period from the query, or the errors to show on the period form. */
  function periodOf(request: FastifyRequest, today: IsoDate) {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const result = parsePeriod(query, today);
    const form: Record<string, string> = {};
    for (const key of ['period', 'month', 'quarter', 'year', 'from', 'to']) {
      if (typeof query[key] === 'string') form[key] = (query[key] as string).slice(0, 20);
    }
    if (result.ok) return { period: result.period, form: { ...periodQuery(result.period), ...form }, errors: [] };
    return {
      period: null,
      form,
      errors: result.errors.map((e) => ({ field: e.field, text: request.messages.t(e.key), href: `#${e.field}` })),
    };
  }

  async function areaNames(request: FastifyRequest) {
    const rows = await queryRows<{ id: string; name: string; nameCy: string }>(
      db(),
      sql`SELECT id, name, name_cy AS "nameCy" FROM service_area`,
    );
    // The names start with the area's number already ("Area 6 …").
    return new Map(rows.map((r) => [r.id, nameOf(request, r)]));
  }

  async function dashboardPage(
    request: FastifyRequest,
    reply: FastifyReply,
    level: ScopeView['level'],
    id: string | null,
  ) {
    const resolved = await resolve(request, level, id);
    const today = londonDate(request.now);
    const p = periodOf(request, today);
    const period: Period = p.period ?? defaultPeriod(today);
    const dashboard = await readDashboard(db(), { scope: resolved.scope, period, today });
    const names = await areaNames(request);
    const links: { href: string; text: string }[] = [];
    if (
      level !== 'national' &&
      request.principal &&
      can(request.principal, 'performance:view', { kind: 'performance', scope: { level: 'national' } })
    ) {
      links.push({ href: '/performance/national', text: request.messages.t('performance.links.national') });
    }
    // A manager of several areas goes between them here.
    const principal = request.principal;
    if (principal && level !== 'national') {
      for (const areaId of principal.areaIds) {
        const here =
          (resolved.scope.level === 'area' || resolved.scope.level === 'team') && resolved.scope.areaId === areaId;
        if (here || !can(principal, 'performance:view', { kind: 'performance', scope: { level: 'area', areaId } }))
          continue;
        if (principal.areaIds.length < 2 && resolved.scope.level !== 'practitioner') continue;
        links.push({
          href: scopeHref({ level: 'area', id: areaId, name: '' }),
          text: request.messages.t('performance.links.otherArea', { name: names.get(areaId) ?? areaId }),
        });
      }
    }
    if (resolved.scope.level === 'team') {
      links.push({
        href: scopeHref({ level: 'area', id: resolved.scope.areaId, name: '' }),
        text: request.messages.t('performance.links.area'),
      });
    }
    return reply.page(
      'performance/views/dashboard.njk',
      dashboardViewModel(request.messages, {
        scope: resolved.view,
        period,
        dashboard,
        areaNames: names,
        periodForm: p.form,
        errors: p.errors,
        links,
      }),
      { status: p.errors.length > 0 ? 400 : 200 },
    );
  }

  app.get('/performance', SIGNED_IN, async (request, reply) => {
    const p = request.principal;
    if (!p) throw new DomainError('NOT_SIGNED_IN');
    if (can(p, 'performance:view', { kind: 'performance', scope: { level: 'national' } })) {
      return reply.redirect('/performance/national', 303);
    }
    if (p.roles.some((r) => AREA_MANAGER_ROLES.includes(r))) {
      const areaId = p.homeAreaId ?? p.areaIds[0];
      if (areaId) return reply.redirect(`/performance/areas/${encodeURIComponent(areaId)}`, 303);
    }
    if (
      can(p, 'performance:view', {
        kind: 'performance',
        scope: { level: 'practitioner', userId: p.userId, areaIds: p.areaIds },
      })
    ) {
      return reply.redirect(`/performance/practitioners/${p.userId}`, 303);
    }
    throw new DomainError('FORBIDDEN');
  });
  app.get('/performance/national', SIGNED_IN, (request, reply) => dashboardPage(request, reply, 'national', null));
  app.get<{ Params: { areaId: string } }>('/performance/areas/:areaId', SIGNED_IN, (request, reply) =>
    dashboardPage(request, reply, 'area', request.params.areaId),
  );
  app.get<{ Params: { teamId: string } }>('/performance/teams/:teamId', SIGNED_IN, (request, reply) =>
    dashboardPage(request, reply, 'team', request.params.teamId),
  );
  app.get<{ Params: { userId: string } }>('/performance/practitioners/:userId', SIGNED_IN, (request, reply) =>
    dashboardPage(request, reply, 'practitioner', request.params.userId),
  );

  /** The scope of a drill-down or export: given as area=, team= or practitioner= (else national). */
  async function queryScope(request: FastifyRequest): Promise<Resolved> {
    const q = (request.query ?? {}) as Record<string, unknown>;
    const given = (['area', 'team', 'practitioner'] as const).filter((k) => typeof q[k] === 'string');
    if (given.length > 1) throw new DomainError('VALIDATION_FAILED');
    const level = given[0] ?? 'national';
    return resolve(request, level, level === 'national' ? null : (q[level] as string));
  }

  function drillInput(request: FastifyRequest<{ Params: { kpi: string } }>) {
    const kpi = kpiById(request.params.kpi);
    if (!kpi) throw new DomainError('PAGE_NOT_FOUND');
    const q = (request.query ?? {}) as Record<string, unknown>;
    const part = q.part ?? 'numerator';
    if (part !== 'numerator' && part !== 'denominator') throw new DomainError('VALIDATION_FAILED');
    const pageText = typeof q.page === 'string' ? q.page : '1';
    if (!/^\d{1,6}$/.test(pageText) || Number(pageText) < 1) throw new DomainError('VALIDATION_FAILED');
    const today = londonDate(request.now);
    const result = parsePeriod(q, today);
    if (!result.ok) throw new DomainError('VALIDATION_FAILED');
    return { kpi, part: part as 'numerator' | 'denominator', page: Number(pageText), period: result.period, today };
  }

  /** What a drill-down page and its CSV export list: the part of the figure, for whom. */
  async function drillQuery(request: FastifyRequest<{ Params: { kpi: string } }>) {
    const input = drillInput(request);
    const resolved = await queryScope(request);
    const principal = request.principal;
    if (!principal) throw new DomainError('NOT_SIGNED_IN');
    const query = {
      principal,
      now: request.now,
      kpi: input.kpi,
      part: input.part,
      scope: resolved.scope,
      period: input.period,
      today: input.today,
    };
    return { input, resolved, query };
  }

  app.get<{ Params: { kpi: string } }>('/performance/kpis/:kpi', SIGNED_IN, async (request, reply) => {
    const { input, resolved, query } = await drillQuery(request);
    const result = await readDrillDown(db(), { ...query, page: input.page, pageSize: PAGE_SIZE });
    await db().transaction((tx) =>
      appendAudit(tx, auditActor(request), request.now, [
        {
          action: 'view',
          resourceType: 'kpi-cases',
          resourceIds: [...new Set(result.rows.map((r) => r.caseId))],
          reason: `${input.kpi.id}:${input.part}`,
        },
      ]),
    );
    return reply.page(
      'performance/views/drill-down.njk',
      drillDownViewModel(request.messages, {
        kpi: input.kpi,
        part: input.part,
        scope: resolved.view,
        period: input.period,
        result,
      }),
    );
  });

  app.get<{ Params: { kpi: string } }>('/performance/kpis/:kpi/export.csv', SIGNED_IN, async (request, reply) => {
    const { input, query } = await drillQuery(request);
    const rows = await readDrillDownAll(db(), query, EXPORT_LIMIT + 1);
    // A file cut short would look complete: refuse it and say how to ask for less.
    if (rows.length > EXPORT_LIMIT) throw new DomainError('EXPORT_TOO_LARGE');
    const t = request.messages.t;
    let csv = csvLine([
      t('performance.csv.reference'),
      t('performance.csv.unit'),
      t('performance.csv.day'),
      t('performance.csv.due'),
      t('performance.csv.done'),
      t('performance.csv.value'),
      t('performance.csv.area'),
      t('performance.csv.team'),
      t('performance.csv.practitioner'),
    ]);
    for (const r of rows) {
      csv += csvLine([
        r.reference,
        r.unitId,
        r.day,
        r.dueOn,
        r.doneOn,
        r.value,
        r.areaId,
        r.teamId,
        r.practitionerName,
      ]);
    }
    await db().transaction((tx) =>
      appendAudit(tx, auditActor(request), request.now, [
        {
          action: 'export',
          resourceType: 'kpi-cases',
          resourceIds: [...new Set(rows.map((r) => r.caseId))],
          reason: `${input.kpi.id}:${input.part}`,
        },
      ]),
    );
    const fileName = `${input.kpi.id}-${input.part}-${input.period.from}-${input.period.to}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(`\uFEFF${csv}`);
  });

  app.get(
    '/performance/early-warning',
    { config: { policy: { action: 'performance:early-warning' } } },
    async (request, reply) => {
      const principal = request.principal;
      if (!principal) throw new DomainError('NOT_SIGNED_IN');
      const q = (request.query ?? {}) as Record<string, unknown>;
      const errors: { field: string; text: string; href: string }[] = [];
      const withinText = typeof q.within === 'string' && q.within !== '' ? q.within : '5';
      const within = /^\d{1,2}$/.test(withinText) ? Number(withinText) : Number.NaN;
      if (!(within >= 1 && within <= 20)) {
        errors.push({ field: 'within', text: request.messages.t('performance.errors.within'), href: '#within' });
      }
      const teamId = typeof q.team === 'string' && q.team !== '' ? q.team : null;
      const userId = typeof q.worker === 'string' && q.worker !== '' ? q.worker : null;
      if (userId !== null && !isUuid(userId)) throw new DomainError('PAGE_NOT_FOUND');
      const pageText = typeof q.page === 'string' ? q.page : '1';
      if (!/^\d{1,6}$/.test(pageText) || Number(pageText) < 1) throw new DomainError('VALIDATION_FAILED');
      const today = londonDate(request.now);
      const result =
        errors.length > 0
          ? { rows: [], total: 0 }
          : await readEarlyWarning(db(), {
              principal,
              now: request.now,
              today,
              calendar,
              within,
              teamId,
              userId,
              page: Number(pageText),
              pageSize: PAGE_SIZE,
            });
      const teams = await queryRows<{ id: string; name: string; nameCy: string }>(
        db(),
        NATIONAL_CASE_ROLES.some((r) => principal.roles.includes(r))
          ? sql`SELECT id, name, name_cy AS "nameCy" FROM team ORDER BY name`
          : sql`SELECT id, name, name_cy AS "nameCy" FROM team WHERE id = ANY(${`{${principal.teamIds.join(',')}}`}::text[])
              OR area_id = ANY(${`{${principal.areaIds.join(',')}}`}::text[]) ORDER BY name`,
      );
      const t = request.messages.t;
      const base = (page: number) => {
        const params = new URLSearchParams({ within: String(withinText), page: String(page) });
        if (teamId) params.set('team', teamId);
        if (userId) params.set('worker', userId);
        return `/performance/early-warning?${params}`;
      };
      return reply.page(
        'performance/views/early-warning.njk',
        {
          pageTitle: t('performance.warning.title'),
          errors,
          within: withinText,
          teamOptions: [
            { value: '', text: t('performance.warning.allTeams'), selected: teamId === null },
            ...teams.map((x) => ({ value: x.id, text: nameOf(request, x), selected: x.id === teamId })),
          ],
          worker: userId,
          mine: `/performance/early-warning?worker=${principal.userId}&within=${encodeURIComponent(withinText)}`,
          total: t('performance.warning.total', { count: String(result.total) }),
          rows: result.rows.map((r) => {
            const k = KPIS.find((x) => x.id === r.kpi);
            return {
              action: k?.earlyWarning ? labelIn(k.earlyWarning.action, request.language) : r.kpi,
              kpi: k ? labelIn(k.title, request.language) : r.kpi,
              href: `/cases/${r.caseId}`,
              reference: r.reference,
              due: request.messages.formatDate(r.dueOn, 'short'),
              urgency:
                r.workingDaysLeft < 0
                  ? {
                      text:
                        r.workingDaysLeft === -1
                          ? t('performance.warning.overdueOne')
                          : t('performance.warning.overdue', { days: String(-r.workingDaysLeft) }),
                      classes: 'govuk-tag--red',
                    }
                  : r.workingDaysLeft === 0
                    ? { text: t('performance.warning.dueToday'), classes: 'govuk-tag--orange' }
                    : {
                        text:
                          r.workingDaysLeft === 1
                            ? t('performance.warning.dueInOne')
                            : t('performance.warning.dueIn', { days: String(r.workingDaysLeft) }),
                        classes: 'govuk-tag--yellow',
                      },
              team: r.teamName ?? t('performance.warning.noTeam'),
              who: r.actor === 'practitioner' ? (r.practitionerName ?? '') : t('performance.warning.managers'),
            };
          }),
          pagination: paginationItems(Number(pageText), result.total, PAGE_SIZE, base),
        },
        { status: errors.length > 0 ? 400 : 200 },
      );
    },
  );
}
