import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OtpError } from './errors.ts';
import { generateSecret } from './secret.ts';

describe('generateSecret', () => {
  it('takes 20 bytes from the given random source by default', () => {
    const requested: number[] = [];
    const secret = generateSecret((count) => {
      requested.push(count);
      return new Uint8Array(randomBytes(count));
    });
    expect(requested).toEqual([20]);
    expect(secret).toHaveLength(20);
  });

  it('makes secrets of the requested length from 16 to 64 bytes', () => {
    expect(generateSecret((count) => new Uint8Array(count).fill(1), 32)).toEqual(new Uint8Array(32).fill(1));
    expect(() => generateSecret((count) => new Uint8Array(count), 10)).toThrow(/16 to 64 bytes long, not 10/);
    expect(() => generateSecret((count) => new Uint8Array(count), 65)).toThrow(OtpError);
  });

  it('refuses a random source that returns the wrong number of bytes', () => {
    expect(() => generateSecret(() => new Uint8Array(4))).toThrow(/other than 20 bytes/);
  });
});
