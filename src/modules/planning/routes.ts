import type { FastifyInstance } from 'fastify';
import { contactRoutes } from './contact-routes.ts';
import { planRoutes } from './plan-routes.ts';

/** The case plan (versioned) and the contact log (DOMAIN §3.2 steps 2 and 3). */
export async function planningRoutes(app: FastifyInstance): Promise<void> {
  await app.register(planRoutes);
  await app.register(contactRoutes);
}
