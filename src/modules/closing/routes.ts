import type { FastifyInstance } from 'fastify';

/** Closing (DOMAIN §3.2 step 9): the final order, the closing summary, a letter to each child, closure. */
export async function closingRoutes(_app: FastifyInstance): Promise<void> {}
