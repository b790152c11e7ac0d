import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.ts';
import { checkReturnTarget, hostAllowed, parseDomainPatterns } from './return-target.ts';

const domains = parseDomainPatterns('app.example.test, *.apps.example.test');

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const allowedHost = fc.oneof(
  fc.constant('app.example.test'),
  fc.array(label, { minLength: 1, maxLength: 3 }).map((labels) => `${labels.join('.')}.apps.example.test`),
);
const pathPart = fc.stringMatching(/^(\/[A-Za-z0-9._~-]{0,10}){0,4}(\?[a-z]=[a-z0-9]{0,5})?$/);

/** Pieces that open redirects are made of, joined in any order. */
const tricky = fc
  .array(
    fc.constantFrom(
      'https://',
      'http://',
      'javascript:',
      '//',
      'app.example.test',
      'x.apps.example.test',
      'evil.test',
      '@',
      ':',
      '\\',
      '/',
      '%2f',
      '%5c',
      '%40',
      '%00',
      '%0d%0a',
      '.',
      '#',
      '?',
      '\t',
      '\n',
      ' ',
      'ä',
      '0x7f.1',
      '[::1]',
      ':443',
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

describe('return targets', () => {
  it('accepts any http(s) address on a protected host and keeps its host and path', () => {
    fc.assert(
      fc.property(fc.constantFrom('http', 'https'), allowedHost, pathPart, (scheme, host, path) => {
        const target = checkReturnTarget(`${scheme}://${host}${path}`, domains);
        expect(target).not.toBeNull();
        const url = new URL(target as string);
        expect(url.hostname).toBe(host);
        expect(url.protocol).toBe(`${scheme}:`);
      }),
    );
  });

  it('only ever answers an http(s) address without userinfo on a protected host, whatever it is given', () => {
    const soundness = (raw: string) => {
      const target = checkReturnTarget(raw, domains);
      if (target === null) return;
      const url = new URL(target);
      expect(['http:', 'https:']).toContain(url.protocol);
      expect(url.username).toBe('');
      expect(url.password).toBe('');
      expect(hostAllowed(url.hostname, domains)).toBe(true);
      expect(target).not.toMatch(/[\\\s]/);
    };
    fc.assert(fc.property(tricky, soundness), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ maxLength: 60 }), soundness));
  });

  it('refuses any host outside the protected domains', () => {
    const foreign = fc
      .array(label, { minLength: 1, maxLength: 3 })
      .map((labels) => `${labels.join('.')}.evil.test`);
    fc.assert(
      fc.property(foreign, pathPart, (host, path) => {
        expect(checkReturnTarget(`https://${host}${path}`, domains)).toBeNull();
      }),
    );
  });

  it.each([
    'https://evil.test/',
    'https://app.example.test.evil.test/',
    'https://apps.example.test/',
    'https://evilapps.example.test/',
    'https://user@app.example.test/',
    'https://app.example.test@evil.test/',
    'https://app.example.test%2f@evil.test/',
    'https://app.example.test\\@evil.test/',
    'https:/\\evil.test/',
    'https:\\\\app.example.test/',
    '//app.example.test/',
    '/relative',
    'javascript:alert(1)//app.example.test',
    'ftp://app.example.test/',
    'https://app.example.test./',
    'https://APP.example.test%2eevil.test/',
    'https://app.example.test/%0d%0aSet-Cookie:x',
    'https://app.example.test/\r\nx',
    'https://app.example.test/%5c%5cevil.test',
    ` https://app.example.test/`,
    `https://app.example.test/${'a'.repeat(2100)}`,
  ])('refuses %s', (raw) => {
    expect(checkReturnTarget(raw, domains)).toBeNull();
  });

  it('accepts a port and an upper-case host, answering the normalised address', () => {
    expect(checkReturnTarget('https://APP.example.test:8443/a?b=c#d', domains)).toBe(
      'https://app.example.test:8443/a?b=c#d',
    );
  });

  it('refuses malformed protected domain patterns with a message naming the entry', () => {
    for (const bad of [
      '',
      'exa mple.com',
      '*.',
      '*example.com',
      'a.*.example.com',
      'https://x.com',
      'x.com:80',
    ]) {
      expect(() => parseDomainPatterns(bad)).toThrow(DomainError);
    }
    expect(() => parseDomainPatterns('ok.test,bad_host')).toThrow(/"bad_host"/);
  });
});
