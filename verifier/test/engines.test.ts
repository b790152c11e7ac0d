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

  it('is the one the README names', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    expect(oldest?.version).toBeDefined();
    expect(readme).toContain(`Node.js ${semver.major(oldest!)}.${semver.minor(oldest!)}`);
  });

  it('runs every package in the lock file', () => {
    const tooNew = Object.entries<{ engines?: { node?: string }; dev?: boolean; optional?: boolean }>(lock.packages)
      .filter(([path, entry]) => path !== '' && typeof entry.engines?.node === 'string')
      .filter(([, entry]) => !semver.satisfies(oldest!, entry.engines!.node!, { includePrerelease: true }))
      .map(([path, entry]) => `${path.replace(/^node_modules\//, '')} needs Node ${entry.engines!.node}`);
    expect(tooNew).toEqual([]);
  });
});
