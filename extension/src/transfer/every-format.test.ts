import { afterAll, describe, expect, it } from 'vitest';
import { FORMAT_SAMPLES } from '../../test-support/format-samples.ts';
import { accountedFor, countCorrect } from '../../test-support/independent-codes.ts';
import {
  detectAndParse,
  detectAndParseWithPassword,
  detectFormat,
  type ImportFormat,
  type ImportResult,
  PasswordRequiredError,
} from './index.ts';

/**
 * Every format the import screen reads, through the calls it makes (pages/transfer/import-sources.ts):
 * detectFormat says whether a password is needed, then detectAndParse or detectAndParseWithPassword.
 * Each file holds a mix of accounts; every entry must be accounted for and every imported account
 * must show the other app's codes, as an independent generator computes them.
 */

/** Every format detectFormat names; the type-checker asks for a new one to be added here. */
const EVERY_FORMAT: Record<ImportFormat, true> = {
  otpauth: true,
  migration: true,
  aegis: true,
  'aegis-encrypted': true,
  '2fas': true,
  '2fas-encrypted': true,
  andotp: true,
  'andotp-encrypted': true,
  bitwarden: true,
  'bitwarden-csv': true,
  'freeotp-plus': true,
  'proton-authenticator': true,
  stratum: true,
  'browser-authenticator': true,
  'browser-authenticator-encrypted': true,
  'ente-auth-encrypted': true,
  backup: true,
};

const summary: string[] = [];

function summaryLine(name: string, result: ImportResult, correct: number): string {
  const reasons = result.skipped.map((entry) => `${entry.label}: ${entry.reason}`).join('; ');
  return (
    `${name}: ${result.entries} entries, ${correct} imported with correct codes, ` +
    `${result.skipped.length} skipped${reasons ? ` (${reasons})` : ''}, ${result.repeats} repeats`
  );
}

describe('importing every format', () => {
  afterAll(() => {
    // One line per format, so a run reads as a table of what each format imports.
    console.log(summary.join('\n'));
  });

  it('has a file of every format', () => {
    const covered = new Set(FORMAT_SAMPLES.map((sample) => sample.format));
    expect(Object.keys(EVERY_FORMAT).filter((format) => !covered.has(format as ImportFormat))).toEqual([]);
  });

  for (const sample of FORMAT_SAMPLES) {
    it(`${sample.name}: imports every account with its codes, and accounts for every entry`, async () => {
      const { text, bytes } = await sample.source();
      const input = bytes ?? text;
      const { format, needsPassword } = detectFormat(input);
      expect(format).toBe(sample.format);
      expect(needsPassword).toBe(sample.password !== undefined);
      if (sample.password) expect(() => detectAndParse(input)).toThrow(PasswordRequiredError);
      const result = sample.password
        ? await detectAndParseWithPassword(input, sample.password)
        : detectAndParse(input);
      const correct = countCorrect(result.accounts, sample.imported);
      summary.push(summaryLine(sample.name, result, correct));

      const inFile = sample.imported.length + sample.skipped + sample.repeats;
      expect(result.format).toBe(sample.format);
      expect(result.entries).toBe(inFile);
      expect(accountedFor(result)).toBe(inFile);
      expect(result.accounts).toHaveLength(sample.imported.length);
      expect(correct).toBe(sample.imported.length);
      expect(result.skipped).toHaveLength(sample.skipped);
      for (const entry of result.skipped) expect(entry.reason).not.toBe('');
      expect(result.repeats).toBe(sample.repeats);
    });
  }
});
