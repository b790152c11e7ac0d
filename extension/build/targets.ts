import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type ExtensionTarget = 'chrome' | 'firefox';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Where a build lands; test builds (with test hooks) never share a folder with published ones. */
export function outputDir(target: ExtensionTarget, testHooks = false): string {
  return resolve(ROOT, 'dist', `${testHooks ? 'test-' : ''}${target}`);
}

/**
 * Builds one browser's extension with vite.config.ts. Each build runs in its own process because the
 * config reads the target from the environment when it loads.
 */
export async function buildExtension(target: ExtensionTarget, testHooks = false): Promise<string> {
  await run(resolve(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, EXTENSION_TARGET: target, EXTENSION_TEST_HOOKS: testHooks ? '1' : '0' },
  });
  return outputDir(target, testHooks);
}

/** Packs a built extension as the zip the stores take. */
export async function zipExtension(target: ExtensionTarget): Promise<string> {
  const filename = `authenticator-${target}.zip`;
  await rm(resolve(ROOT, 'dist', filename), { force: true });
  await run(
    resolve(ROOT, 'node_modules/.bin/web-ext'),
    [
      'build',
      '--source-dir',
      outputDir(target),
      '--artifacts-dir',
      resolve(ROOT, 'dist'),
      '--filename',
      filename,
      '--overwrite-dest',
    ],
    { cwd: ROOT },
  );
  return resolve(ROOT, 'dist', filename);
}
