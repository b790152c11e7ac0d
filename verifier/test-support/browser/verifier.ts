import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { build } from 'vite';
import { buildApp } from '../../src/app.ts';
import type { Clock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/schema.ts';
import { prepareRuntime, type Runtime } from '../../src/setup.ts';

/**
 * The server's clock as a page test sets it: it stands still and moves only by `advance`, so no step
 * boundary can pass unseen between computing a code and the server checking it.
 */
export class MovableClock implements Clock {
  private readonly start = Date.now();
  private offset = 0;
  now(): number {
    return this.start + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

export interface RunningVerifier {
  url: string;
  clock: MovableClock;
  /** The verifier's own database, for a story that starts from an admin's earlier changes. */
  db: Db;
  /** Without SMTP_URL, e-mailed codes land here as .eml files, as with `npm start`. */
  outbox: string;
  close(): Promise<void>;
}

/**
 * Builds the pages with their own Vite config, as `npm run build:web` does, into a temporary folder
 * so a test run never empties dist/web under anything else that reads it.
 */
export async function buildPages(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'verifier-pages-'));
  await build({
    configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/**
 * Starts a real verifier on a temporary SQLite file and a free port, through the same start-up path
 * as `npm start` (config, migrations, first admin), with the built pages at `/`.
 */
export async function startVerifier(
  adminPassword: string,
  webRoot: string,
  /** More settings, as environment variables (e.g. FORWARD_AUTH_*). */
  env: Record<string, string> = {},
): Promise<RunningVerifier> {
  const dataDir = await mkdtemp(join(tmpdir(), 'verifier-web-'));
  const config = loadConfig({
    VERIFIER_DATA_DIR: dataDir,
    VERIFIER_ADMIN_PASSWORD: adminPassword,
    VERIFIER_WEB_ROOT: webRoot,
    LOG_LEVEL: 'silent',
    PORT: '1',
    ...env,
  });
  const clock = new MovableClock();
  const runtime: Runtime = await prepareRuntime(config, clock);
  const app: FastifyInstance = await buildApp(runtime.ctx, { webRoot });
  // A PORT given in `env` is used (the OpenID Connect issuer names it before the server listens).
  await app.listen({ host: '127.0.0.1', port: env.PORT ? Number(env.PORT) : 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The verifier did not report its port.');
  const url = `http://127.0.0.1:${address.port}`;
  // PUBLIC_URL, known only once the port is: the address invitation links point to.
  if (!env.PUBLIC_URL) runtime.ctx.publicUrl = url;
  return {
    url,
    clock,
    db: runtime.ctx.db,
    outbox: join(dataDir, 'outbox'),
    async close() {
      await app.close();
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
