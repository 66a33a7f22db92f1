import type { FastifyInstance } from 'fastify';

/** Management oversight (DOMAIN §5): self-regulation of family court advisers (§5.2). */
export async function oversightRoutes(_app: FastifyInstance): Promise<void> {}
