import type { FastifyInstance } from 'fastify';

/** Allocation (DOMAIN §3.2 step 1, §5.3): the unallocated-work queue, weighted caseloads, allocating and reallocating. */
export async function allocationRoutes(_app: FastifyInstance): Promise<void> {}
