import { buildApp, loggerOptions } from './app.ts';
import { purgeExpired } from './auth/housekeeping.ts';
import { systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { trackInFlight } from './http/in-flight.ts';
import { prepareRuntime } from './setup.ts';

const HOUSEKEEPING_INTERVAL_MS = 10 * 60_000;

/** Starts listening; SIGINT/SIGTERM finish in-flight requests, close the database and exit. */
export async function serve(config: Config): Promise<void> {
  const runtime = await prepareRuntime(config, systemClock);
  const { generatedAdminPassword, createdAdmin } = runtime.bootstrap;
  if (createdAdmin && !generatedAdminPassword) {
    process.stdout.write(
      '\nFirst start: sign in as "admin" with the password from VERIFIER_ADMIN_PASSWORD.\n\n',
    );
  }
  if (generatedAdminPassword) {
    // Printed once to the terminal only, never to the structured log.
    process.stdout.write(
      `\nFirst start: sign in as "admin" with the one-time password ${generatedAdminPassword}\n` +
        'You will be asked to choose a new password. This password is not shown again.\n\n',
    );
  }
  const app = await buildApp(runtime.ctx, {
    logger: loggerOptions(config.logLevel),
    webRoot: config.webRoot,
    trustProxy: config.trustProxy,
    metricsToken: config.metricsToken,
    processMetrics: true,
  });
  const inFlight = trackInFlight(app);
  const housekeeping = setInterval(() => {
    purgeExpired(runtime.ctx.db, systemClock.now()).catch((error) =>
      app.log.error({ err: error }, 'housekeeping failed'),
    );
  }, HOUSEKEEPING_INTERVAL_MS);
  housekeeping.unref();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(housekeeping);
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    // Close answers only once they are sent: a keep-alive connection whose request was in flight
    // when the signal came becomes idle afterwards, and would hold the close open until timeout.
    const idle = setInterval(() => app.server.closeIdleConnections(), 50);
    idle.unref();
    try {
      const closed = app.close();
      if (!(await inFlight.settled(8_000))) app.log.warn('closing with requests still running');
      // A connection whose client went away mid-request is never idle and would hold the close open:
      // its handler has finished, and nobody is left to read an answer.
      app.server.closeAllConnections();
      await closed;
      await runtime.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    await runtime.close();
    throw error;
  }
}
