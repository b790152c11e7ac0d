import type { FastifyRequest } from 'fastify';

/** The token of an `Authorization: Bearer <token>` header, if the request sends one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
}
