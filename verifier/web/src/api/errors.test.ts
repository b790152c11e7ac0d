import { describe, expect, it } from 'vitest';
import { messageFor } from './errors.ts';

describe('error messages', () => {
  it('tell a blank, a wrong, a used and a void code apart', () => {
    const words = ['code_blank', 'code_invalid', 'code_used', 'challenge_void'].map((code) =>
      messageFor(code),
    );
    expect(new Set(words).size).toBe(4);
    expect(messageFor('code_invalid')).toMatch(/time/);
    expect(messageFor('challenge_void')).toMatch(/Sign in again/);
  });

  it('use the server sentence for a validation error, which names the field', () => {
    expect(messageFor('invalid_request', 'body/email must be an e-mail address')).toBe(
      'body/email must be an e-mail address',
    );
  });

  it('fall back to the server sentence, then to a generic one, for codes it does not know', () => {
    expect(messageFor('new_code', 'A new thing happened.')).toBe('A new thing happened.');
    expect(messageFor('new_code')).toMatch(/Try again/);
  });
});
