import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** OpenAPI document generated from the route schemas, browsable at /docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Verifier API',
        version: '1.0.0',
        description: 'Sign-in, enrollment, administration and third-party code verification.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sid' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  // The UI ships its own scripts and styles; its static CSP replaces the strict one on /docs only.
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
}
