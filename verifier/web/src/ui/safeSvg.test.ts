// @vitest-environment happy-dom
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { safeSvg } from './safeSvg.ts';

describe('safeSvg', () => {
  it('keeps every module of a real QR code drawing', async () => {
    const markup = await QRCode.toString(
      'otpauth://totp/Example:ana?secret=JBSWY3DPEHPK3PXP&issuer=Example',
      {
        type: 'svg',
      },
    );
    const drawing = safeSvg(markup);
    expect(drawing?.localName).toBe('svg');
    const original = new DOMParser().parseFromString(markup, 'image/svg+xml');
    const paths = Array.from(original.getElementsByTagName('path')).map((p) => p.getAttribute('d'));
    expect(Array.from(drawing?.querySelectorAll('path') ?? []).map((p) => p.getAttribute('d'))).toEqual(
      paths,
    );
    expect(drawing?.getAttribute('viewBox')).toBe(original.documentElement.getAttribute('viewBox'));
  });

  it('drops scripts, event handlers, links and foreign content', () => {
    const markup =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)">' +
      '<script>alert(2)</script><a href="javascript:alert(3)"><rect width="1" height="1"/></a>' +
      '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>' +
      '<path d="M0 0h1v1H0z" fill="url(#x)" style="display:none" onclick="alert(4)"/></svg>';
    const drawing = safeSvg(markup);
    const serialised = drawing?.outerHTML ?? '';
    expect(serialised).not.toMatch(/script|onload|onclick|javascript|foreignObject|style|url\(/i);
    expect(drawing?.querySelectorAll('path')).toHaveLength(1);
  });

  it('refuses markup that is not an SVG drawing', () => {
    expect(safeSvg('<html><body>hi</body></html>')).toBeNull();
    expect(safeSvg('not markup at all')).toBeNull();
  });
});
