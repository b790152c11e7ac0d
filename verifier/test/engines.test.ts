import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// npm warns (EBADENGINE) when a locked package needs a newer Node than the one installing it.
// package.json and the README promise the oldest Node in `engines`, so every locked package must
// run on it; otherwise a new user's first install prints warnings and may not run.
const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8'));

describe('the Node version package.json promises', () => {
  const oldest = semver.minVersion(manifest.engines.node);
  if (oldest === null) throw new Error('package.json names no Node version in engines');

  it('is the one the README names', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    expect(readme).toContain(`Node.js ${oldest.major}.${oldest.minor}`);
  });

  it('runs every package in the lock file', () => {
    const tooNew = Object.entries<{ engines?: { node?: string } }>(lock.packages)
      .flatMap(([path, entry]) =>
        path !== '' && entry.engines?.node ? [[path, entry.engines.node] as const] : [],
      )
      .filter(([, needs]) => !semver.satisfies(oldest, needs, { includePrerelease: true }))
      .map(([path, needs]) => `${path.replace(/^node_modules\//, '')} needs Node ${needs}`);
    expect(tooNew).toEqual([]);
  });
});
