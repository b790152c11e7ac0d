import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';

/**
 * Generated enrolment pages for the scan tests: QR codes of several sizes, two codes side by side or
 * stacked, a code beside an app-store link, a link alone. Codes are PNGs drawn by the `qrcode`
 * package with a two-module quiet zone, at their CSS size or (one of them) larger and scaled down by
 * the browser, as sites serve them.
 */

export interface PlacedCode {
  /** The QR code's text. */
  text: string;
  /** Top-left corner and side, in CSS pixels. */
  x: number;
  y: number;
  size: number;
  /** The PNG's own width when the page scales it to `size` (the browser smooths it); `size` otherwise. */
  drawnAt?: number;
}

export interface ScanPage {
  path: string;
  codes: PlacedCode[];
  /** The issuers a whole-page scan should offer, in any order; empty when no setup code is on the page. */
  issuers: string[];
}

const otp = (issuer: string) =>
  `otpauth://totp/${encodeURIComponent(`${issuer}:ana@example.com`)}?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=${encodeURIComponent(issuer)}`;
export const STORE_LINK = 'https://apps.example.com/store/authenticator-app?platform=ios&ref=enrol';

const single = (size: number, drawnAt = size): ScanPage => ({
  path: `/single-${size}${drawnAt === size ? '' : `-from-${drawnAt}`}`,
  codes: [{ text: otp(`Size ${size}`), x: 500, y: 160, size, drawnAt }],
  issuers: [`Size ${size}`],
});

export const SCAN_PAGES: ScanPage[] = [
  single(80),
  single(80, 300),
  single(120),
  single(200),
  single(300),
  {
    path: '/two-side-by-side',
    codes: [
      { text: otp('Work mail'), x: 300, y: 180, size: 200 },
      { text: otp('Payroll'), x: 640, y: 180, size: 200 },
    ],
    issuers: ['Work mail', 'Payroll'],
  },
  {
    path: '/two-stacked',
    codes: [
      { text: otp('Staging'), x: 520, y: 90, size: 150 },
      { text: otp('Production'), x: 520, y: 330, size: 150 },
    ],
    issuers: ['Staging', 'Production'],
  },
  {
    path: '/beside-store-link',
    codes: [
      { text: STORE_LINK, x: 300, y: 180, size: 200 },
      { text: otp('Bank'), x: 640, y: 180, size: 200 },
    ],
    issuers: ['Bank'],
  },
  { path: '/store-link-only', codes: [{ text: STORE_LINK, x: 500, y: 180, size: 200 }], issuers: [] },
];

async function render(page: ScanPage): Promise<string> {
  const images = await Promise.all(
    page.codes.map(async (code, index) => {
      const src = await QRCode.toDataURL(code.text, {
        margin: 2,
        width: code.size,
        errorCorrectionLevel: 'M',
      });
      return `<img alt="QR code ${index + 1}" src="${src}" style="position:absolute;left:${code.x}px;top:${code.y}px;width:${code.size}px;height:${code.size}px">`;
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Set up two-factor</title>
<style>body{margin:0;font:16px sans-serif}</style></head><body><h1>Scan the QR code</h1>
<p>Scan it with your authenticator app, or get the app from the store.</p>${images.join('')}</body></html>`;
}

export interface ScanPageServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves every page of SCAN_PAGES at its path on 127.0.0.1. */
export async function startScanPageServer(): Promise<ScanPageServer> {
  const bodies = new Map<string, string>();
  for (const page of SCAN_PAGES) bodies.set(page.path, await render(page));
  const server: Server = createServer((request, response) => {
    const body = bodies.get(request.url ?? '');
    response.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
