import type { FastifyInstance, FastifyRequest } from 'fastify';
import { constantTimeEqual } from '../../../shared/internal/constant-time.ts';
import { ApiError } from '../http/api-error.ts';
import { bearerToken } from '../http/bearer-token.ts';
import { outcomeOf } from './outcome.ts';
import { createVerifierMetrics, needsOutcome } from './verifier-metrics.ts';

/** What the error handler tells the metrics. */
export interface RequestMetrics {
  /** Counted once, when the answer has gone out, with the rest of the answer's metrics. */
  countDatabaseError(request: FastifyRequest): void;
}

const invalidToken = () =>
  new ApiError(401, 'invalid_metrics_token', 'Send the metrics token as a bearer token.');

/**
 * Records every answer and serves `GET /metrics` (Prometheus text) to holders of `token`.
 * Outcomes are read from the answers themselves, so the routes need no metrics code.
 */
export function installMetrics(
  app: FastifyInstance,
  token: string,
  options: { processMetrics?: boolean } = {},
): RequestMetrics {
  const metrics = createVerifierMetrics(options);
  const outcomes = new WeakMap<FastifyRequest, string>();
  const databaseFailures = new WeakSet<FastifyRequest>();

  // Callback hooks, not async ones: they run on every answer, and most do nothing here.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (needsOutcome(request, reply.statusCode)) {
      outcomes.set(request, outcomeOf(reply.statusCode, payload));
    }
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    metrics.record({
      method: request.method,
      route: request.routeOptions.url,
      status: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
      outcome: outcomes.get(request),
      databaseFailure: databaseFailures.has(request),
    });
    done();
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const presented = bearerToken(request);
    if (presented === undefined || !constantTimeEqual(Buffer.from(presented), Buffer.from(token))) {
      reply.header('www-authenticate', 'Bearer');
      throw invalidToken();
    }
    reply.type(metrics.registry.contentType).header('cache-control', 'no-store');
    return metrics.registry.metrics();
  });

  return { countDatabaseError: (request) => databaseFailures.add(request) };
}
