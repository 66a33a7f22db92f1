import type { FastifyInstance } from 'fastify';

/**
 * Safeguarding: the work to the first hearing (DOMAIN §3.1): screening, checks,
 * interviews, the safeguarding letter and the first hearing's outcome, with their queues.
 */
export async function safeguardingRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
