import type { FastifyInstance } from 'fastify';

/** Pages about the service itself, open to everyone: the accessibility statement. */
export async function servicePages(app: FastifyInstance): Promise<void> {
  app.get('/accessibility', { config: { policy: { public: true } } }, async (request, reply) =>
    reply.page('accessibility.njk', { pageTitle: request.messages.t('accessibility.title') }),
  );
}
