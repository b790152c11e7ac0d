import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
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
    const dir = tempDir();
    const [first] = loadMasterKeys(undefined, dir);
    const file = join(dir, 'master.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first).toHaveLength(32);
    expect(loadMasterKeys(undefined, dir)).toEqual([first]);
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a key file that others can read', () => {
    const dir = tempDir();
    loadMasterKeys(undefined, dir);
    chmodSync(join(dir, 'master.key'), 0o644);
    expect(() => loadMasterKeys(undefined, dir)).toThrow(/chmod 600/);
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
