import type { FastifyInstance } from 'fastify';
import { directWorkAdminRoutes } from './admin-routes.ts';
import { directWorkCaseRoutes } from './case-routes.ts';

/** Direct work with each child, child impact analysis, diversity and signposting (DOMAIN §3.2 steps 4 to 6). */
export async function directWorkRoutes(app: FastifyInstance): Promise<void> {
  await app.register(directWorkCaseRoutes);
  await app.register(directWorkAdminRoutes);
}
