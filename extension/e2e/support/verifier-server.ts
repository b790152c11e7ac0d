import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { buildApp } from '../../../verifier/src/app.ts';
import { systemClock } from '../../../verifier/src/clock.ts';
import { loadConfig } from '../../../verifier/src/config.ts';
import { prepareRuntime } from '../../../verifier/src/setup.ts';

// The scenarios meet the verifier only as a user and an admin do: its pages and its HTTP API. This is
// how they start one, through the verifier's own public start path, not through its test support.

export interface ScenarioVerifier {
  url: string;
  close(): Promise<void>;
}

/**
 * Builds the verifier's pages with their own Vite config (as `npm run build:web` does) into a temporary
 * folder, then starts the server as `npm start` does (config, migrations, first admin) on a temporary
 * SQLite file and a free port. The clock is the real one: the extension makes its codes from the
 * browser's clock, so the two agree.
 */
export async function startVerifier(adminPassword: string): Promise<ScenarioVerifier> {
  const webRoot = await mkdtemp(join(tmpdir(), 'scenario-pages-'));
  await build({
    configFile: fileURLToPath(new URL('../../../verifier/web/vite.config.ts', import.meta.url)),
    logLevel: 'warn',
    build: { outDir: webRoot, emptyOutDir: true },
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'scenario-verifier-'));
  const config = loadConfig({
    VERIFIER_DATA_DIR: dataDir,
    VERIFIER_ADMIN_PASSWORD: adminPassword,
    VERIFIER_WEB_ROOT: webRoot,
    LOG_LEVEL: 'silent',
    PORT: '1',
  });
  const runtime = await prepareRuntime(config, systemClock);
  const app = await buildApp(runtime.ctx, { webRoot });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The verifier did not report its port.');
  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await app.close();
      await runtime.close();
      for (const folder of [dataDir, webRoot]) await rm(folder, { recursive: true, force: true });
    },
  };
}
