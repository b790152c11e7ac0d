import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import { encodePng } from '../build/png.ts';

// Two enrolment pages on 127.0.0.1 for the per-account icon tests: /with-icon declares a
// same-origin favicon (a plain red square, cacheable), /no-icon declares none (/favicon.ico is 404).

export const ICON_ISSUER = 'Red Site';
export const PLAIN_ISSUER = 'Plain Site';
/** The favicon's colour, which the popup's row shows once the account is added. */
export const ICON_RGB = [220, 20, 20] as const;

const uri = (issuer: string, secret: string) =>
  `otpauth://totp/${encodeURIComponent(`${issuer}:ana`)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;

async function enrolPage(issuer: string, secret: string, head: string): Promise<string> {
  const qr = await QRCode.toDataURL(uri(issuer, secret), { margin: 2, width: 220 });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${issuer}</title>${head}
</head><body><h1>Scan the QR code</h1><img alt="QR code" src="${qr}" style="width:220px;height:220px"></body></html>`;
}

export interface IconPageServer {
  origin: string;
  /** How many times /brand.png was asked for: the browser's own load, never the extension. */
  iconRequests(): number;
  close(): Promise<void>;
}

export async function startIconPageServer(): Promise<IconPageServer> {
  const pixels = new Uint8Array(48 * 48 * 4);
  for (let i = 0; i < pixels.length; i += 4) pixels.set([...ICON_RGB, 255], i);
  const icon = encodePng(48, 48, pixels);
  const pages: Record<string, string> = {
    '/with-icon': await enrolPage(
      ICON_ISSUER,
      'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      '<link rel="icon" href="/brand.png">',
    ),
    '/no-icon': await enrolPage(PLAIN_ISSUER, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', ''),
  };
  let iconRequests = 0;
  const server: Server = createServer((request, response) => {
    const page = pages[request.url ?? ''];
    if (page) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
    } else if (request.url === '/brand.png') {
      iconRequests += 1;
      response.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=3600' });
      response.end(icon);
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    iconRequests: () => iconRequests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What rowPicture gives for a row showing the favicon: the redrawn 32×32 PNG, decorative, at 24 CSS px. */
export const SHOWN_ICON = { alt: '', size: [32, 32], shown: 24 } as const;

/** How far the colour a row shows is from ICON_RGB: its largest difference in one channel. */
export const offIconColour = (rgb: readonly number[]) =>
  Math.max(...ICON_RGB.map((channel, i) => Math.abs(channel - (rgb[i] ?? Number.NaN))));

/** What the row of the account named `issuer` shows as its picture: the icon's centre colour, or the letter. */
export const rowPicture = (issuer: string) => `(() => {
  const row = [...document.querySelectorAll('li.account')].find((li) => li.querySelector('.issuer').textContent === ${JSON.stringify(issuer)});
  const img = row?.querySelector('img.avatar');
  if (!img) return JSON.stringify({ letter: row?.querySelector('.avatar')?.textContent ?? null });
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const context = canvas.getContext('2d');
  context.drawImage(img, 0, 0);
  const [r, g, b] = context.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data;
  return JSON.stringify({ alt: img.getAttribute('alt'), size: [img.naturalWidth, img.naturalHeight], rgb: [r, g, b], shown: img.getBoundingClientRect().width });
})()`;
