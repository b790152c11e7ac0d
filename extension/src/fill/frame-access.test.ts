// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameOrigins } from './fill-page.ts';
import { frameHost, frameNotice, originPattern } from './frame-access.ts';

describe('a code field in a frame from another site', () => {
  it('lists the frames from other origins once each, never the page’s own or a non-web one', () => {
    const own = document.location.origin;
    document.body.innerHTML = `
      <iframe src="https://login.example.net/otp"></iframe>
      <iframe src="https://login.example.net/other"></iframe>
      <iframe src="${own}/same"></iframe><iframe src="about:blank"></iframe><iframe></iframe>
      <iframe src="http://localhost:8080/code"></iframe>`;
    expect(frameOrigins(document)).toEqual(['https://login.example.net', 'http://localhost:8080']);
  });

  it('names the frame’s host, port included, and says whether the code is on the clipboard', () => {
    expect(frameHost('http://localhost:8080')).toBe('localhost:8080');
    expect(frameNotice('https://login.example.net', true)).toContain('The code is copied');
    expect(frameNotice('https://login.example.net', false)).not.toContain('copied');
  });

  it('asks for the frame’s host on every port, and refuses what is not a web origin', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https'] }), (url) => {
        const { protocol, hostname } = new URL(url);
        expect(originPattern(new URL(url).origin)).toBe(`${protocol}//${hostname}/*`);
      }),
    );
    expect(() => originPattern('file:///etc')).toThrow(TypeError);
    expect(() => originPattern('not an origin')).toThrow(TypeError);
  });
});
