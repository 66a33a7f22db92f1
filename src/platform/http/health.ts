import type { FastifyInstance } from 'fastify';

/** Liveness and database check for load balancers; registered before sessions. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', { config: { policy: { public: true } }, logLevel: 'warn' }, async (_request, reply) => {
    try {
      await app.deps.database.query('SELECT 1');
      return reply.header('Cache-Control', 'no-store').send({ status: 'ok' });
    } catch {
      return reply.code(503).header('Cache-Control', 'no-store').send({ status: 'unavailable' });
    }
  });
}
