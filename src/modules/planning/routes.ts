import type { FastifyInstance } from 'fastify';

/** The case plan (versioned) and the contact log (DOMAIN §3.2 steps 2 and 3). */
export async function planningRoutes(_app: FastifyInstance): Promise<void> {}
