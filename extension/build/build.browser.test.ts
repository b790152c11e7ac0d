import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExtension, outputDir, ROOT, zipExtension } from './targets.ts';

const run = promisify(execFile);

async function manifestOf(dir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
}

async function allJs(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true });
  const files = entries.filter((name) => name.endsWith('.js'));
  return (await Promise.all(files.map((name) => readFile(join(dir, name), 'utf8')))).join('\n');
}

describe('the published builds', () => {
  beforeAll(async () => {
    for (const target of ['chrome', 'firefox'] as const) {
      await buildExtension(target);
      await zipExtension(target);
    }
  });

  it('pass web-ext lint for Firefox with no errors', async () => {
    const { stdout } = await run(
      resolve(ROOT, 'node_modules/.bin/web-ext'),
      ['lint', '--source-dir', outputDir('firefox'), '--output', 'json', '--no-input'],
      { cwd: ROOT, maxBuffer: 10 * 1024 * 1024 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as {
      errors: { code: string; message: string }[];
      summary: { errors: number };
    };
    expect(report.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });

  it('ask for the same small set of permissions in both browsers, plus offscreen in Chrome', async () => {
    const chrome = await manifestOf(outputDir('chrome'));
    const firefox = await manifestOf(outputDir('firefox'));
    const common = ['activeTab', 'storage', 'scripting', 'alarms', 'clipboardWrite', 'idle'];
    expect(chrome.permissions).toEqual([...common, 'offscreen']);
    expect(firefox.permissions).toEqual(common);
    for (const manifest of [chrome, firefox]) {
      expect(manifest.manifest_version).toBe(3);
      expect(manifest.host_permissions).toBeUndefined();
      expect(manifest.web_accessible_resources).toBeUndefined();
      expect(manifest.content_scripts).toBeUndefined();
    }
  });

  it('give Firefox a background script and its add-on settings, and Chrome a service worker', async () => {
    const chrome = await manifestOf(outputDir('chrome'));
    const firefox = await manifestOf(outputDir('firefox'));
    expect(chrome.background).toMatchObject({ service_worker: expect.any(String), type: 'module' });
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(firefox.background).toMatchObject({ scripts: [expect.any(String)] });
    expect(firefox.browser_specific_settings).toMatchObject({
      gecko: { id: expect.stringContaining('@'), data_collection_permissions: { required: ['none'] } },
    });
  });

  it('write a zip of each browser build', async () => {
    for (const target of ['chrome', 'firefox']) {
      expect((await stat(resolve(ROOT, 'dist', `authenticator-${target}.zip`))).size).toBeGreaterThan(10_000);
    }
  });

  it('carry no test hook', async () => {
    for (const target of ['chrome', 'firefox'] as const) {
      expect(await allJs(outputDir(target))).not.toContain('tab-mode=1');
    }
  });
});
