import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pngSize } from '../build/png.ts';

// The screenshots uploaded with the listing, as committed (screenshots.chromium.browser.test.ts
// makes them): both stores take 1280×800.
const folder = fileURLToPath(new URL('./screenshots/', import.meta.url));

describe('the committed store screenshots', () => {
  it('are the light and dark codes and the backup page, each a 1280×800 PNG', async () => {
    const names = (await readdir(folder)).sort();
    expect(names).toEqual(['backup-and-import.png', 'codes-dark.png', 'codes-light.png']);
    for (const name of names)
      expect({ name, ...pngSize(await readFile(`${folder}${name}`)) }).toEqual({
        name,
        width: 1280,
        height: 800,
      });
  });
});
