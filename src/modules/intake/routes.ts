import type { FastifyInstance } from 'fastify';

/**
 * Intake: applications from the court (the HMCTS private-law feed and saved responses)
 * and applications typed in from e-mail or paper. Each part registers its own routes here.
 */
export async function intakeRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
