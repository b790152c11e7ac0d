import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Each part keeps its test support in one folder, and a part's tests use only their own and the shared
// one: shared is the part both others already import. The scenarios that span the extension and the
// verifier keep theirs beside them and meet the verifier only through its public interfaces.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PARTS = ['shared', 'extension', 'verifier'];

/** Each test-support folder and the folder whose files may import it. */
const SUPPORT_FOLDERS: { folder: string; usedFrom: string }[] = [
  { folder: 'shared/test-support/', usedFrom: '' },
  { folder: 'extension/test-support/', usedFrom: 'extension/' },
  { folder: 'extension/e2e/support/', usedFrom: 'extension/e2e/' },
  { folder: 'verifier/test-support/', usedFrom: 'verifier/' },
];

const SPECIFIER = /(?:\bfrom|\bimport|\bmock|\bimportActual)\s*\(?\s*(['"])(\.{1,2}\/[^'"]+)\1/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .map((path) => path.split(sep).join('/'))
    .filter((path) => /\.tsx?$/.test(path) && !path.split('/').includes('node_modules'))
    .map((path) => `${folder}/${path}`);
}

/** Every relative import of a file, as the repository path it points to. */
function importsOf(file: string, text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((match) =>
    relative(ROOT, resolve(ROOT, dirname(file), match[2] ?? ''))
      .split(sep)
      .join('/'),
  );
}

/** The imports of `files` that reach into a test-support folder their file may not use. */
function crossPartImports(files: { path: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    for (const target of importsOf(path, text)) {
      const support = SUPPORT_FOLDERS.find(({ folder }) => target.startsWith(folder));
      if (support && !path.startsWith(support.usedFrom)) found.push(`${path} imports ${target}`);
    }
  }
  return found;
}

// This file's own examples of forbidden imports are data, not imports.
const THIS_FILE = relative(ROOT, fileURLToPath(import.meta.url))
  .split(sep)
  .join('/');
const tree = PARTS.flatMap(sourceFiles)
  .filter((path) => path !== THIS_FILE)
  .map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));

describe('test support layout', () => {
  it('reads the whole tree, including the test-support folders themselves', () => {
    for (const { folder } of SUPPORT_FOLDERS)
      expect(tree.some(({ path }) => path.startsWith(folder))).toBe(true);
  });

  it("has no file that imports another part's test support", () => {
    expect(crossPartImports(tree)).toEqual([]);
  });

  it('notices such an import in every form a file can write it', () => {
    const reaching = [
      {
        path: 'extension/src/a.test.ts',
        text: "import { startVerifier } from '../../verifier/test-support/a.ts';",
      },
      {
        path: 'verifier/web/b.test.ts',
        text: "const m = await import('../../extension/test-support/b.ts');",
      },
      { path: 'verifier/test/c.test.ts', text: "vi.mock('../../extension/e2e/support/c.ts');" },
      { path: 'extension/src/d.test.ts', text: "export { x } from '../e2e/support/d.ts';" },
      { path: 'shared/e.test.ts', text: "import '../verifier/test-support/e.ts';" },
    ];
    expect(crossPartImports(reaching)).toHaveLength(reaching.length);
    const allowed = [
      { path: 'verifier/web/f.test.ts', text: "import { CHROMIUM } from '../../shared/test-support/f.ts';" },
      { path: 'extension/e2e/g.test.ts', text: "import { launch } from '../test-support/g.ts';" },
      {
        path: 'extension/e2e/support/h.ts',
        text: "import { buildApp } from '../../../verifier/src/app.ts';",
      },
    ];
    expect(crossPartImports(allowed)).toEqual([]);
  });

  it('has one test-support folder per part and no other folder of test helpers', () => {
    const helperFolders = new Set<string>();
    for (const path of PARTS.flatMap(sourceFiles)) {
      const folders = path.split('/').slice(0, -1);
      folders.forEach((name, index) => {
        if (/^(test-support|testing|support|helpers|fixtures)$/.test(name))
          helperFolders.add(`${folders.slice(0, index + 1).join('/')}/`);
      });
    }
    expect([...helperFolders].sort()).toEqual(SUPPORT_FOLDERS.map(({ folder }) => folder).sort());
  });
});
