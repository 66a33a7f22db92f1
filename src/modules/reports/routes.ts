import type { FastifyInstance } from 'fastify';

/** Reports to court (DOMAIN §3.2 step 7): section 7 reports, addenda and rule 16.4 reports. */
export async function reportsRoutes(_app: FastifyInstance): Promise<void> {}
