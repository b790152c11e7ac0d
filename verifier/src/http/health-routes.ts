import type { FastifyInstance } from 'fastify';
import { checkDatabase } from '../db/readiness.ts';
import type { AppContext } from './context.ts';

/** Probes for load balancers and orchestrators. */
export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Liveness: the process answers. It does no work, and is the yardstick the benchmark compares
  // verification with; a load balancer must not restart a verifier because the database is down.
  app.get('/api/health', { schema: { tags: ['third-party'], summary: 'Liveness check.' } }, async () => ({
    ok: true,
  }));

  // Readiness: the database answers, so this process can take traffic (503 database_unavailable if not).
  app.get(
    '/api/ready',
    { schema: { tags: ['third-party'], summary: 'Readiness check: the database answers.' } },
    async () => {
      await checkDatabase(ctx.db);
      return { ok: true };
    },
  );
}
