import type { FastifyInstance } from 'fastify';
import { checksRoutes } from './checks-routes.ts';
import { firstHearingRoutes } from './first-hearing-routes.ts';
import { interviewRoutes } from './interview-routes.ts';
import { letterReviewRoutes } from './letter-review-routes.ts';
import { letterRoutes } from './letter-routes.ts';
import { safeguardingOverviewRoutes } from './overview-routes.ts';
import { screeningRoutes } from './screening-routes.ts';

/**
 * Safeguarding: the work to the first hearing (DOMAIN §3.1): screening, checks,
 * interviews, the safeguarding letter and the first hearing's outcome, with their queues.
 */
export async function safeguardingRoutes(app: FastifyInstance): Promise<void> {
  await app.register(safeguardingOverviewRoutes);
  await app.register(screeningRoutes);
  await app.register(checksRoutes);
  await app.register(interviewRoutes);
  await app.register(letterRoutes);
  await app.register(letterReviewRoutes);
  await app.register(firstHearingRoutes);
}
