import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'verifier-cli-'));

/** Runs the command line as an admin would, on a private data folder. */
async function verifier(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'verifier/src/cli.ts', ...args],
      {
        env: { ...process.env, VERIFIER_DATA_DIR: dataDir, DATABASE_URL: '', VERIFIER_MASTER_KEY: '' },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('command line', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, adds a user, refuses a duplicate, resets 2FA and issues a new admin password', async () => {
    expect((await verifier('migrate')).stdout).toContain('up to date');
    const added = await verifier('user', 'add', '--username', 'Bob', '--group', 'Agent', '--two-factor');
    expect(added.stdout).toContain('Created bob in Agent');
    const duplicate = await verifier('user', 'add', '--username', 'bob', '--group', 'Agent');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('The username bob is already taken.');
    expect((await verifier('user', 'reset-2fa', '--username', 'bob')).stdout).toContain(
      'Deleted the 2FA credential of bob',
    );
    const reset = await verifier('admin', 'reset-password');
    expect(reset.stdout).toMatch(/One-time password for admin: \S{20}/);
  });

  it('explains a mistake instead of failing silently', async () => {
    const unknown = await verifier('user', 'frob');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "user frob"');
    expect(unknown.stderr).toContain('Usage: verifier');
    const missing = await verifier('user', 'add', '--username', 'x');
    expect(missing.stderr).toContain('user add needs --username and --group.');
    const noGroup = await verifier('user', 'add', '--username', 'x', '--group', 'Nobody');
    expect(noGroup.stderr).toContain('There is no security access group named Nobody.');
  });
});
