import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config.ts';
import { loadMasterKeys, parseMasterKey } from './master-key.ts';

describe('master key', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'verifier-key-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates a 256-bit key file readable by its owner only on first start and reuses it later', () => {
    const file = join(tempDir(), 'master.key');
    const [first] = loadMasterKeys(undefined, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first).toHaveLength(32);
    expect(loadMasterKeys(undefined, file)).toEqual([first]);
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('creates a missing key file and its folder, both private, wherever VERIFIER_MASTER_KEY_FILE points', () => {
    const folder = join(tempDir(), 'etc', 'verifier');
    const file = join(folder, 'master.key');
    expect(loadMasterKeys(undefined, file)).toHaveLength(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
  });

  it('refuses a key file that others can read', () => {
    const file = join(tempDir(), 'master.key');
    loadMasterKeys(undefined, file);
    chmodSync(file, 0o644);
    expect(() => loadMasterKeys(undefined, file)).toThrow(`${file} must be readable by its owner only`);
    expect(() => loadMasterKeys(undefined, file)).toThrow(/chmod 600/);
    chmodSync(file, 0o640);
    expect(() => loadMasterKeys(undefined, file)).toThrow(ConfigError);
  });

  it.each([
    ['a key of 31 bytes', 'ab'.repeat(31), /line 1 must hold a 32-byte key/],
    [
      'a second key of 33 bytes',
      `${'ab'.repeat(32)}\n${'cd'.repeat(33)}\n`,
      /line 2 must hold a 32-byte key/,
    ],
    ['no key at all', '\n', /holds no key/],
  ])('refuses a key file with %s, naming the file', (_, content, message) => {
    const file = join(tempDir(), 'master.key');
    writeFileSync(file, content, { mode: 0o600 });
    expect(() => loadMasterKeys(undefined, file)).toThrow(ConfigError);
    expect(() => loadMasterKeys(undefined, file)).toThrow(file);
    expect(() => loadMasterKeys(undefined, file)).toThrow(message);
  });

  it('takes keys from VERIFIER_MASTER_KEY in hex or base64, the first one current', () => {
    const hex = 'ab'.repeat(32);
    const b64 = Buffer.alloc(32, 7).toString('base64');
    const keys = loadMasterKeys(`${hex},${b64}`, tempDir());
    expect(keys.map((k) => Buffer.from(k).toString('hex'))).toEqual([hex, '07'.repeat(32)]);
    expect(() => loadMasterKeys('too-short', tempDir())).toThrow(
      /VERIFIER_MASTER_KEY entry 1 must hold a 32-byte key/,
    );
  });

  it('reads any 32-byte key back from hex or base64 and refuses any other length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const key = Buffer.from(bytes);
        expect(Buffer.from(parseMasterKey(key.toString('hex'), 'key'))).toEqual(key);
        expect(Buffer.from(parseMasterKey(key.toString('base64'), 'key'))).toEqual(key);
      }),
    );
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }).filter((b) => b.length !== 32),
        (bytes) => {
          expect(() => parseMasterKey(Buffer.from(bytes).toString('base64'), 'key')).toThrow(ConfigError);
        },
      ),
    );
  });
});
