import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.ts';
import { checkRedirectUri, checkRegistration } from './client-rules.ts';

describe('client registration rules', () => {
  it('keeps https addresses, and http only for this computer', () => {
    expect(checkRedirectUri(' https://grafana.example.com/login/generic_oauth ')).toBe(
      'https://grafana.example.com/login/generic_oauth',
    );
    expect(checkRedirectUri('http://localhost:3000/cb')).toBe('http://localhost:3000/cb');
    expect(checkRedirectUri('http://127.0.0.1:8400/cb')).toBe('http://127.0.0.1:8400/cb');
  });

  it.each([
    ['http://grafana.example.com/cb', /https/],
    ['grafana.example.com/cb', /absolute/],
    ['https://app.example.com/cb#x', /fragment/],
    ['https://user:pw@app.example.com/cb', /user/],
    ['javascript:alert(1)', /https/],
  ])('refuses %s with a message that says why', (uri, why) => {
    expect(() => checkRedirectUri(uri)).toThrow(why);
  });

  it('needs a name and one redirect address, and drops repeated addresses', () => {
    expect(() =>
      checkRegistration({ name: ' ', redirectUris: ['https://a.test/cb'], confidential: true }),
    ).toThrow(DomainError);
    expect(() => checkRegistration({ name: 'A', redirectUris: [], confidential: true })).toThrow(
      /at least one/,
    );
    expect(
      checkRegistration({
        name: ' Wiki ',
        redirectUris: ['https://a.test/cb', 'https://a.test/cb'],
        confidential: false,
      }),
    ).toEqual({
      name: 'Wiki',
      redirectUris: ['https://a.test/cb'],
      postLogoutRedirectUris: [],
      confidential: false,
    });
  });

  it('accepts only addresses a browser would send to that very place, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.webUrl({ withFragments: true, withQueryParameters: true }), fc.string()),
        (text) => {
          let kept: string;
          try {
            kept = checkRedirectUri(text);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            return;
          }
          const url = new URL(kept);
          expect(url.hash).toBe('');
          expect(url.username).toBe('');
          expect(
            url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname),
          ).toBe(true);
        },
      ),
    );
  });
});
