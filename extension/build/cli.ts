import { buildExtension, zipExtension } from './targets.ts';

// `npm run build:extension`: dist/chrome, dist/firefox and a zip of each.
for (const target of ['chrome', 'firefox'] as const) {
  const dir = await buildExtension(target);
  const zip = await zipExtension(target);
  console.log(`${target}: ${dir}\n${' '.repeat(target.length + 2)}${zip}`);
}
