import type { FastifyInstance } from 'fastify';

/**
 * Counts the handlers still running. Closing the server waits for connections
 * only, and a request whose client went away (a balancer stopped first, a client that gave up) has
 * none, while its handler still counts attempts and writes marks: the database must stay open until
 * that work is done, or a counted attempt is never given back.
 */
export function trackInFlight(app: FastifyInstance): { settled(timeoutMs: number): Promise<boolean> } {
  let running = 0;
  const started = new WeakSet<object>();
  // Counted from the first preHandler: a request dropped before it (an aborted upload) runs no work.
  app.addHook('preHandler', async (request) => {
    started.add(request);
    running++;
  });
  // onSend runs once the handler has answered, also for a request whose client is gone (onResponse
  // does not run for those).
  app.addHook('onSend', async (request, _reply, payload) => {
    if (started.delete(request)) running--;
    return payload;
  });
  return {
    async settled(timeoutMs) {
      const end = Date.now() + timeoutMs;
      while (running > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      return running === 0;
    },
  };
}
