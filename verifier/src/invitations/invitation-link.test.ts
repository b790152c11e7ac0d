import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomToken } from '../crypto/tokens.ts';
import { INVITATION_TOKEN_BYTES, invitationLink, parseInvitationToken } from './invitation-link.ts';

const newInvitationToken = () => randomToken(INVITATION_TOKEN_BYTES);

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('parseInvitationToken', () => {
  it('reads back every token of 32 random bytes, from the fragment or bare', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const token = Buffer.from(bytes).toString('base64url');
        expect(parseInvitationToken(`#${token}`)).toBe(token);
        expect(parseInvitationToken(` ${token}\n`)).toBe(token);
        expect(new URL(invitationLink('https://2fa.example.com', token)).hash).toBe(`#${token}`);
      }),
    );
  });

  it('never throws, and accepts only 43 characters of base64url', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const token = parseInvitationToken(text);
        if (token !== null) {
          expect(token).toHaveLength(43);
          expect([...token].every((c) => BASE64URL.includes(c))).toBe(true);
        }
      }),
    );
  });

  it('refuses a link cut short, one with a character too many and one with a foreign character', () => {
    const token = newInvitationToken();
    expect(parseInvitationToken(`#${token.slice(0, 42)}`)).toBeNull();
    expect(parseInvitationToken(`#${token}A`)).toBeNull();
    expect(parseInvitationToken(`#${token.slice(0, 42)}=`)).toBeNull();
    expect(parseInvitationToken(`#token=${token}`)).toBeNull();
    expect(parseInvitationToken('')).toBeNull();
  });

  it('makes tokens of 256 bits that differ each time', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newInvitationToken()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });
});
