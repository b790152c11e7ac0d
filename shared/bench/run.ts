/**
 * `npm run bench [filter]`: runs every `*.bench.ts` in the parts' `bench/` folders in name order
 * (only those whose file name contains `filter` when given), each with the shared harness. See
 * harness.ts.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHarness, type Harness } from './harness.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FOLDERS = ['shared/bench', 'verifier/bench', 'extension/bench'];

export function benchFiles(names: string[], filter: string | undefined): string[] {
  return names
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => filter === undefined || name.includes(filter))
    .sort();
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const located = new Map<string, string>();
  for (const folder of FOLDERS) {
    for (const name of readdirSync(join(root, folder))) located.set(name, `${folder}/${name}`);
  }
  const files = benchFiles([...located.keys()], filter).map((name) => located.get(name) as string);
  if (files.length === 0) {
    console.error(`No benchmark file in ${FOLDERS.join(', ')} matches "${filter ?? ''}".`);
    process.exitCode = 1;
    return;
  }
  console.log(`Node ${process.version}, ${process.arch}; BENCH_TIME per case as set (default 500 ms)`);
  const harness = createHarness();
  for (const file of files) {
    console.log(`\n# ${file}`);
    const module = (await import(pathToFileURL(join(root, file)).href)) as {
      default?: (harness: Harness) => Promise<void>;
    };
    if (typeof module.default !== 'function')
      throw new Error(`${file} must export a default async function.`);
    await module.default(harness);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
