import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built pages when `webRoot` exists. Unknown GET paths outside /api and /docs return
 * index.html so the pages can route on the client; everything else is a JSON 404.
 */
export async function registerStaticPages(app: FastifyInstance, webRoot: string | undefined): Promise<void> {
  const hasPages = webRoot !== undefined && existsSync(join(webRoot, 'index.html'));
  if (hasPages) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/docs');
    if (hasPages && isPage) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send({
      error: {
        code: 'not_found',
        message: `Nothing is at ${request.method} ${request.url.split('?')[0]}.`,
      },
    });
  });
}
