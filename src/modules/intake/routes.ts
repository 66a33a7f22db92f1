import type { FastifyInstance } from 'fastify';
import { hmctsImportRoutes } from './hmcts-import-routes.ts';
import { hmctsRoutes } from './hmcts-routes.ts';
import { manualIntakeRoutes } from './manual-routes.ts';

/**
 * Intake: applications from the court (the HMCTS private-law feed and saved responses)
 * and applications typed in from e-mail or paper. Each part registers its own routes here.
 */
export async function intakeRoutes(app: FastifyInstance): Promise<void> {
  await app.register(manualIntakeRoutes);
  await app.register(hmctsRoutes);
  await app.register(hmctsImportRoutes);
}
