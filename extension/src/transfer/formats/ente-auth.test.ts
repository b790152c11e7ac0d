import { describe, expect, it } from 'vitest';
import { otpauthUri } from '../../../test-support/foreign-files.ts';
import { countCorrect, SAMPLE_ACCOUNTS } from '../../../test-support/independent-codes.ts';
import { detectAndParse } from '../detect.ts';

describe('Ente Auth export', () => {
  it('imports its plain-text export, codeDisplay parameters and all, with the codes Ente shows', () => {
    // Ente writes one URI a line and adds its display settings as a JSON codeDisplay parameter.
    const display = encodeURIComponent(JSON.stringify({ pinned: false, trashed: false, tags: ['work'] }));
    const text = `${SAMPLE_ACCOUNTS.map((app) => `${otpauthUri(app)}&codeDisplay=${display}`).join('\n')}\n`;
    const result = detectAndParse(text);
    expect(result.format).toBe('otpauth');
    expect(countCorrect(result.accounts, SAMPLE_ACCOUNTS)).toBe(SAMPLE_ACCOUNTS.length);
    expect(result.entries).toBe(SAMPLE_ACCOUNTS.length);
  });
});
