import type { FastifyInstance } from 'fastify';

/** Hearings, orders and directions (DOMAIN §3.2 step 8) and telling the parties of delay (§3.4). */
export async function courtRoutes(_app: FastifyInstance): Promise<void> {}
