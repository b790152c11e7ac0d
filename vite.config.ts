import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { extensionIcons } from './extension/build/icons-plugin.ts';
import baseManifest from './manifest.json' with { type: 'json' };

// One manifest, two browsers. EXTENSION_TARGET picks the browser; EXTENSION_TEST_HOOKS=1 makes the
// variant the real-browser tests load (see extension/build/targets.ts), never the published one.
export type ExtensionTarget = 'chrome' | 'firefox';

const target: ExtensionTarget = process.env.EXTENSION_TARGET === 'firefox' ? 'firefox' : 'chrome';
const testHooks = process.env.EXTENSION_TEST_HOOKS === '1';

type Manifest = typeof baseManifest & Record<string, unknown>;

export function manifestFor(browser: ExtensionTarget, withTestHooks: boolean): Record<string, unknown> {
  const { background, browser_specific_settings, minimum_chrome_version, storage, ...common }: Manifest =
    structuredClone(baseManifest);
  const manifest: Record<string, unknown> = { ...common };
  if (browser === 'chrome') {
    manifest.minimum_chrome_version = minimum_chrome_version;
    manifest.background = background;
    // Clearing a copied code from the clipboard 30 s later, when the popup is gone, needs a document;
    // Chrome's service worker has none, so it opens an offscreen one.
    manifest.permissions = [...common.permissions, 'offscreen'];
    // The schema of the organisation's policy (storage.managed); Firefox reads managed storage
    // from its own manifests and does not know the key.
    manifest.storage = storage;
  } else {
    manifest.background = { scripts: [background.service_worker], type: background.type };
    manifest.browser_specific_settings = browser_specific_settings;
  }
  if (withTestHooks) {
    // Tests cannot click the toolbar button that grants activeTab, so the test variant is given the
    // pages outright. The published builds never carry this.
    manifest.host_permissions = ['<all_urls>'];
  }
  return manifest;
}

/**
 * The selection overlay is injected with `scripting.executeScript`, which needs no web-accessible
 * resource; the plugin lists it anyway, which would let every web page load and detect it.
 */
function withoutWebAccessibleResources(outDir: string): Plugin {
  return {
    name: 'extension-without-web-accessible-resources',
    enforce: 'post',
    // The plugin writes manifest.json last, so the file is edited once the bundle is on disk.
    closeBundle() {
      const file = resolve(outDir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      delete manifest.web_accessible_resources;
      writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}

/** The policy schema the manifest names is a plain file the bundler does not follow: copy it. */
function withManagedSchema(outDir: string): Plugin {
  return {
    name: 'extension-managed-schema',
    enforce: 'post',
    closeBundle() {
      const manifest = JSON.parse(readFileSync(resolve(outDir, 'manifest.json'), 'utf8')) as {
        storage?: { managed_schema?: string };
      };
      const schema = manifest.storage?.managed_schema;
      if (!schema) return;
      mkdirSync(dirname(resolve(outDir, schema)), { recursive: true });
      copyFileSync(resolve(schema), resolve(outDir, schema));
    },
  };
}

const outDir = `dist/${testHooks ? 'test-' : ''}${target}`;

export default defineConfig({
  plugins: [
    extensionIcons(),
    preact(),
    crx({ manifest: manifestFor(target, testHooks) as unknown as ManifestV3Export, browser: target }),
    withoutWebAccessibleResources(outDir),
    withManagedSchema(outDir),
  ],
  define: {
    'import.meta.env.EXTENSION_TARGET': JSON.stringify(target),
    'import.meta.env.EXTENSION_TEST_HOOKS': JSON.stringify(testHooks),
  },
  // Workers as ES modules (both are started with type: 'module'), so the strength worker's word lists
  // stay separate chunks and a worker loads only English and the user's language, not all four.
  worker: { format: 'es' },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      // The transfer page (backups, imports, exports) opens in a tab; it is its own entry so the popup stays small.
      input: {
        transfer: 'extension/transfer.html',
        ...(target === 'chrome' ? { offscreen: 'extension/offscreen.html' } : {}),
      },
    },
  },
});
