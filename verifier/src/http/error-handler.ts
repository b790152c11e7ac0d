import type { FastifyError, FastifyInstance } from 'fastify';
import { isDatabaseFailure, isDatabaseUnavailable } from '../db/database-errors.ts';
import { DomainError, type RefusalKind } from '../domain-error.ts';
import type { RequestMetrics } from '../metrics/http-metrics.ts';
import { ApiError } from './api-error.ts';

/** How each kind of refusal by the verifier's rules is answered over HTTP. */
const STATUS_OF: Record<RefusalKind, number> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  throttled: 429,
};

/** Seconds a client is told to wait while the database is out of reach. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** "Field 'body.username' is required." style message naming the offending field. */
export function describeValidation(context: string, issues: readonly ValidationIssue[]): string {
  const issue = issues[0];
  if (!issue) return 'The request is not valid.';
  const path = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const missing = issue.params?.missingProperty;
  if (issue.keyword === 'required' && typeof missing === 'string') {
    return `Field '${path ? `${path}.` : ''}${missing}' is required.`;
  }
  if (issue.keyword === 'additionalProperties' && typeof issue.params?.additionalProperty === 'string') {
    return `Field '${issue.params.additionalProperty}' is not allowed.`;
  }
  const where = path ? `Field '${path}'` : `The ${context}`;
  return `${where} ${issue.message ?? 'is not valid'}.`;
}

/** One error shape for every failure; 5xx answers never show internals. */
export function installErrorHandler(app: FastifyInstance, metrics?: RequestMetrics): void {
  app.setErrorHandler((error: FastifyError | ApiError | DomainError, request, reply) => {
    if (error instanceof DomainError) {
      return reply
        .status(STATUS_OF[error.kind])
        .send({ error: { code: error.code, message: error.message } });
    }
    if (error instanceof ApiError) {
      return reply
        .status(error.status)
        .send({ error: { code: error.code, message: error.message, ...error.extra } });
    }
    if (error.validation) {
      const message = describeValidation(error.validationContext ?? 'request', error.validation);
      return reply.status(400).send({ error: { code: 'invalid_request', message } });
    }
    const status = error.statusCode ?? 500;
    if (status === 415) {
      return reply
        .status(415)
        .send({ error: { code: 'unsupported_media_type', message: 'Send the body as application/json.' } });
    }
    if (status >= 400 && status < 500) {
      const message =
        error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'The JSON body is empty.' : error.message;
      return reply.status(status).send({ error: { code: 'invalid_request', message } });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
        .send({
          error: {
            code: 'database_unavailable',
            message: 'The verifier cannot reach its database right now. Try again in a few seconds.',
          },
        });
    }
    request.log.error({ err: error }, 'request failed');
    if (isDatabaseFailure(error)) metrics?.countDatabaseError(request);
    return reply
      .status(500)
      .send({ error: { code: 'internal_error', message: 'Something went wrong on the server. Try again.' } });
  });
}
