import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { OTHER } from './outcome.ts';

/** One answer as the metrics see it: labels come from the route pattern, never from the raw URL. */
export interface Answer {
  method: string;
  /** The matched route pattern (`/api/admin/users/:id`); undefined when no route matched. */
  route: string | undefined;
  status: number;
  seconds: number;
  /** The answer's outcome label (see outcomeOf); read only for the answers that need it. */
  outcome: string | undefined;
  /** The error handler saw a database failure behind this answer. */
  databaseFailure: boolean;
}

export const VERIFY_ROUTE = '/api/v1/verify';
export const SIGN_IN_ROUTES: ReadonlySet<string> = new Set([
  '/api/auth/login',
  '/api/auth/code',
  '/api/auth/resend',
]);

/** Whether an answer's outcome is counted, so its body is worth reading. */
export function needsOutcome(
  request: { method: string; routeOptions: { url?: string } },
  status: number,
): boolean {
  // Every 503 is read: `database_unavailable` counts as a database error on any route.
  if (status === 503) return true;
  if (request.method !== 'POST') return false;
  // Read last: Fastify builds the route options afresh on every read.
  const route = request.routeOptions.url;
  return route !== undefined && (route === VERIFY_ROUTE || SIGN_IN_ROUTES.has(route));
}

// Sign-in checks a password with argon2id (tens of ms); verify and the rest take a few ms.
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export interface VerifierMetrics {
  registry: Registry;
  record(answer: Answer): void;
}

/**
 * The verifier's metrics in a registry of their own, so several apps in one process (tests) keep
 * apart. Process metrics (CPU, memory, event loop) only when asked: they describe the whole process.
 */
export function createVerifierMetrics(options: { processMetrics?: boolean } = {}): VerifierMetrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const latency = new Histogram({
    name: 'verifier_http_request_duration_seconds',
    help: 'Time to answer a request, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const verifyOutcomes = new Counter({
    name: 'verifier_verify_outcomes_total',
    help: 'Answers of POST /api/v1/verify by outcome: accepted, the refusal reason, or the error code.',
    labelNames: ['outcome'] as const,
    registers,
  });
  const signInOutcomes = new Counter({
    name: 'verifier_sign_in_outcomes_total',
    help: 'Answers of the sign-in routes (password, code, e-mailed code) by route and outcome.',
    labelNames: ['route', 'outcome'] as const,
    registers,
  });
  const throttled = new Counter({
    name: 'verifier_throttled_total',
    help: 'Attempts refused while a delay runs: 429 answers and verify answers with reason throttled.',
    labelNames: ['route'] as const,
    registers,
  });
  const databaseErrors = new Counter({
    name: 'verifier_database_errors_total',
    help: 'Server errors caused by a database failure, including database_unavailable answers.',
    registers,
  });
  return {
    registry,
    record(answer) {
      const route = answer.route ?? 'unmatched';
      latency.observe({ method: answer.method, route, status: answer.status }, answer.seconds);
      const outcome = answer.outcome ?? OTHER;
      const isVerify = answer.method === 'POST' && route === VERIFY_ROUTE;
      if (isVerify) verifyOutcomes.inc({ outcome });
      else if (answer.method === 'POST' && SIGN_IN_ROUTES.has(route)) signInOutcomes.inc({ route, outcome });
      if (answer.status === 429 || (isVerify && outcome === 'throttled')) throttled.inc({ route });
      if (answer.databaseFailure || (answer.status === 503 && outcome === 'database_unavailable')) {
        databaseErrors.inc();
      }
    },
  };
}
