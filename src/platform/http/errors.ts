import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode, isDomainError } from '../errors/catalogue.ts';

const PAGE_FOR_STATUS: Record<number, string> = {
  401: 'errors/401.njk',
  403: 'errors/403.njk',
  404: 'errors/404.njk',
};

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || (request.headers.accept ?? '').startsWith('application/json');
}

/** Map anything thrown to a coded error: our own, or Fastify's for bodies and parsing. */
export function toDomainError(error: unknown): DomainError {
  if (isDomainError(error)) return error;
  const e = error as Partial<FastifyError>;
  const code = e.code ?? '';
  let mapped: ErrorCode = 'INTERNAL';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) mapped = 'PAYLOAD_TOO_LARGE';
  else if (code.startsWith('FST_CSRF')) mapped = 'CSRF_INVALID';
  else if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415) mapped = 'UNSUPPORTED_MEDIA_TYPE';
  else if (e.statusCode === 429) mapped = 'TOO_MANY_REQUESTS';
  else if (code === 'FST_ERR_VALIDATION' || (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500)) {
    mapped = e.statusCode === 404 ? 'PAGE_NOT_FOUND' : 'VALIDATION_FAILED';
  }
  return new DomainError(mapped, {}, { cause: error });
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: DomainError): FastifyReply {
  const t = request.messages.t;
  const message = t(`errors.${error.code}`, error.params);
  if (wantsJson(request)) {
    return reply.code(error.status).send({ error: { code: error.code, message, requestId: request.id } });
  }
  const template = PAGE_FOR_STATUS[error.status] ?? (error.status >= 500 ? 'errors/500.njk' : 'errors/problem.njk');
  const returnTo = encodeURIComponent(request.url);
  const pageKey = error.status in PAGE_FOR_STATUS ? error.status : error.status >= 500 ? 500 : 'problem';
  return reply.page(
    template,
    {
      pageTitle: t(`errorPages.${pageKey}.title`),
      message,
      code: error.code,
      requestId: request.id,
      signInHref: `/sign-in?returnTo=${returnTo}`,
      emergencyAccessHref:
        typeof error.params.emergencyAccessHref === 'string' ? error.params.emergencyAccessHref : null,
    },
    { status: error.status },
  );
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler({ preHandler: undefined }, (request, reply) =>
    sendError(request, reply, new DomainError('PAGE_NOT_FOUND')),
  );
  app.setErrorHandler((error, request, reply) => {
    const domainError = toDomainError(error);
    if (domainError.status >= 500) {
      request.log.error({ err: error, code: domainError.code }, 'request failed');
    } else {
      request.log.info({ code: domainError.code, status: domainError.status }, 'request refused');
    }
    if (domainError.status === 429 && domainError.params.retryAfter) {
      reply.header('Retry-After', String(domainError.params.retryAfter));
    }
    try {
      return sendError(request, reply, domainError);
    } catch (renderError) {
      request.log.error({ err: renderError }, 'error page failed to render');
      return reply
        .code(domainError.status)
        .type('text/plain; charset=utf-8')
        .send(`Error ${domainError.status}. Reference: ${request.id}`);
    }
  });
}
