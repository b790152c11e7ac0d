import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ICON_SIZES } from './icons-plugin.ts';
import { pngSize } from './png.ts';
import { buildExtension, outputDir, ROOT, zipExtension } from './targets.ts';

const run = promisify(execFile);

async function manifestOf(dir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
}

const LOCALES = ['en', 'de', 'fr', 'es'] as const;

/** A built package's catalogue for one language, as the browser reads it from `_locales`. */
async function messagesOf(dir: string, locale: string): Promise<Record<string, { message: string }>> {
  return JSON.parse(await readFile(join(dir, '_locales', locale, 'messages.json'), 'utf8')) as Record<
    string,
    { message: string }
  >;
}

/** A manifest value as a browser in that language shows it: `__MSG_key__` looked up in the catalogue. */
function shown(value: unknown, messages: Record<string, { message: string }>): string {
  const key = /^__MSG_(\w+)__$/.exec(String(value))?.[1];
  if (key === undefined) return String(value);
  const entry = messages[key];
  if (!entry) throw new Error(`The manifest names ${key}, which the catalogue does not have`);
  return entry.message;
}

async function filesEnding(dir: string, ending: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  const files = entries.filter((name) => name.endsWith(ending));
  return Promise.all(files.map((name) => readFile(join(dir, name), 'utf8')));
}

async function allJs(dir: string): Promise<string> {
  return (await filesEnding(dir, '.js')).join('\n');
}

interface StoreListing {
  name: string;
  summary: string;
  description: string[];
  permissionJustifications: Record<string, string>;
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
      warnings: { code: string; message: string; file?: string }[];
      summary: { errors: number };
    };
    expect(report.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    // Nothing about the manifest or its icons; the one other warning is the bundled Preact's innerHTML.
    const aboutManifest = report.warnings.filter(
      (w) => /MANIFEST|ICON/.test(w.code) || w.file === 'manifest.json',
    );
    expect(aboutManifest.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });

  it('carry the icons at the sizes their manifest names, in both browsers', async () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const manifest = await manifestOf(outputDir(target));
      const icons = manifest.icons as Record<string, string>;
      const action = manifest.action as { default_icon: Record<string, string> };
      expect(Object.keys(icons).map(Number)).toEqual([...ICON_SIZES]);
      expect(Object.keys(action.default_icon).map(Number)).toEqual([16, 32]);
      for (const [size, path] of [...Object.entries(icons), ...Object.entries(action.default_icon)]) {
        const file = await readFile(join(outputDir(target), path));
        expect({ path, ...pngSize(file) }).toEqual({ path, width: Number(size), height: Number(size) });
      }
    }
  });

  it('ask for the same small set of permissions in both browsers, plus offscreen in Chrome', async () => {
    const chrome = await manifestOf(outputDir('chrome'));
    const firefox = await manifestOf(outputDir('firefox'));
    const common = ['activeTab', 'storage', 'scripting', 'alarms', 'clipboardWrite', 'idle', 'contextMenus'];
    expect(chrome.permissions).toEqual([...common, 'offscreen']);
    expect(firefox.permissions).toEqual(common);
    for (const manifest of [chrome, firefox]) {
      expect(manifest.manifest_version).toBe(3);
      expect(manifest.host_permissions).toBeUndefined();
      expect(manifest.web_accessible_resources).toBeUndefined();
      expect(manifest.content_scripts).toBeUndefined();
      // The shortcuts: open the popup, fill the code for this site, scan a QR code.
      expect(Object.keys(manifest.commands as object)).toEqual(['_execute_action', 'fill-code', 'scan-qr']);
    }
  });

  it('give Firefox a background script and its add-on settings, and Chrome a service worker', async () => {
    const chrome = await manifestOf(outputDir('chrome'));
    const firefox = await manifestOf(outputDir('firefox'));
    expect(chrome.background).toMatchObject({ service_worker: expect.any(String), type: 'module' });
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(firefox.background).toMatchObject({ scripts: [expect.any(String)] });
    expect(firefox.browser_specific_settings).toMatchObject({
      gecko: {
        id: 'authenticator@two-factor-authenticator.org',
        data_collection_permissions: { required: ['none'] },
      },
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

  // The Chrome Web Store refuses a package that breaks these (name 75 characters, description 132,
  // version of one to four numbers up to 65535, a 128 px icon) and, since Manifest V3, any remote or
  // evaluated code; a reviewer reads the extension-pages policy for the same reason.
  it("meet the stores' package rules: lengths, version, icon and no remote or evaluated code", async () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const dir = outputDir(target);
      const manifest = await manifestOf(dir);
      // In every language the package carries: each browser shows its user's.
      expect(manifest.default_locale).toBe('en');
      for (const locale of LOCALES) {
        const messages = await messagesOf(dir, locale);
        const texts = {
          locale,
          name: shown(manifest.name, messages),
          short: shown(manifest.short_name, messages),
          description: shown(manifest.description, messages),
          title: shown((manifest.action as { default_title: string }).default_title, messages),
          commands: Object.values(manifest.commands as Record<string, { description: string }>).map(
            (command) => shown(command.description, messages),
          ),
        };
        expect(texts.name.length, locale).toBeLessThanOrEqual(75);
        expect(texts.short.length, locale).toBeLessThanOrEqual(45);
        expect(texts.description.length, locale).toBeLessThanOrEqual(132);
        for (const text of [texts.name, texts.short, texts.description, texts.title, ...texts.commands])
          expect(text, locale).toMatch(/\p{L}/u);
      }
      const parts = String(manifest.version).split('.');
      expect(parts.length).toBeLessThanOrEqual(4);
      for (const part of parts) expect(part).toMatch(/^(0|[1-9]\d{0,4})$/);
      expect(parts.every((part) => Number(part) <= 65535)).toBe(true);
      expect((manifest.icons as Record<string, string>)['128']).toBeDefined();

      const policy = (manifest.content_security_policy as { extension_pages: string }).extension_pages;
      expect(policy.split(';').map((directive) => directive.trim())).toEqual([
        "script-src 'self' 'wasm-unsafe-eval'",
        "object-src 'self'",
      ]);
      const js = await allJs(dir);
      expect(js).not.toMatch(
        /\beval\(|new Function\(|importScripts\(\s*['"`]https?:|import\(\s*['"`]https?:/,
      );
      for (const html of await filesEnding(dir, '.html')) {
        const sources = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map(
          (m) => m[1],
        );
        expect(sources.filter((source) => /^(https?:)?\/\//.test(source ?? ''))).toEqual([]);
      }
    }
  });

  it('have a store listing that matches the manifest and explains every permission asked for', async () => {
    const listing = JSON.parse(
      await readFile(resolve(ROOT, 'extension/store/listing.en.json'), 'utf8'),
    ) as StoreListing;
    const asked = new Set<string>();
    for (const target of ['chrome', 'firefox'] as const) {
      const manifest = await manifestOf(outputDir(target));
      const english = await messagesOf(outputDir(target), 'en');
      expect(listing.name).toBe(shown(manifest.name, english));
      expect(listing.summary).toBe(shown(manifest.description, english));
      for (const permission of manifest.permissions as string[]) asked.add(permission);
      if (manifest.optional_host_permissions) asked.add('optionalHostPermissions');
    }
    // Every permission has its reason, and no reason is left for one no longer asked for.
    expect(Object.keys(listing.permissionJustifications).sort()).toEqual([...asked].sort());
    for (const reason of Object.values(listing.permissionJustifications))
      expect(reason.length).toBeGreaterThan(20);
    // Chrome Web Store: detailed description at most 16,000 characters; AMO summary at most 250.
    expect(listing.description.join('\n').length).toBeLessThanOrEqual(16_000);
    expect(listing.summary.length).toBeLessThanOrEqual(250);
  });
});
