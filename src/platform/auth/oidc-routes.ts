import type { FastifyInstance } from 'fastify';

/** Single sign-on routes; registered only when OIDC is configured. */
export async function oidcRoutes(app: FastifyInstance): Promise<void> {
  if (!app.deps.config.oidc) return;
}
