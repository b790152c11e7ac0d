import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { renderIconPng } from './render-icon.ts';

/** The sizes the manifest names: toolbar (16, 32), extensions page (48), store and install (128). */
export const ICON_SIZES = [16, 32, 48, 128] as const;

const ROOT = resolve(import.meta.dirname, '../..');
export const ICON_SOURCE = resolve(ROOT, 'extension/icons/icon.svg');
/** Where the PNGs are written before the build reads them (not committed: see .gitignore). */
export const ICON_OUTPUT = resolve(ROOT, 'extension/icons/png');

/** Renders every size from the one SVG source; each file is written whole (temporary file, then rename). */
export function renderIcons(): void {
  const svg = readFileSync(ICON_SOURCE, 'utf8');
  mkdirSync(ICON_OUTPUT, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = resolve(ICON_OUTPUT, `icon-${size}.png`);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, renderIconPng(svg, size));
    renameSync(temporary, file);
  }
}

/** Renders the icons when the build's configuration is read, before any plugin looks for them. */
export function extensionIcons(): Plugin {
  return { name: 'extension-icons', config: () => void renderIcons() };
}
