import type { FastifyInstance } from 'fastify';

/** Direct work with each child, child impact analysis, diversity and signposting (DOMAIN §3.2 steps 4 to 6). */
export async function directWorkRoutes(_app: FastifyInstance): Promise<void> {}
