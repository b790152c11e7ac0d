import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';

/** A known enrolment: the browser tests scan its QR and compare codes computed with the shared module. */
export const TEST_SECRET_BASE32 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const TEST_ISSUER = 'Example Portal';
export const TEST_ACCOUNT = 'ana@example.com';
export const TEST_URI = `otpauth://totp/${encodeURIComponent(`${TEST_ISSUER}:${TEST_ACCOUNT}`)}?secret=${TEST_SECRET_BASE32}&issuer=${encodeURIComponent(TEST_ISSUER)}&algorithm=SHA1&digits=6&period=30`;

/** Where the QR image sits on /enrol, in CSS pixels; the selection tests drag around it. */
export const QR_BOX = { x: 420, y: 160, size: 220 };

export interface QrPageServer {
  origin: string;
  close(): Promise<void>;
}

async function enrolPage(): Promise<string> {
  const qr = await QRCode.toDataURL(TEST_URI, { margin: 2, width: QR_BOX.size, errorCorrectionLevel: 'M' });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Set up two-factor</title>
<style>body{margin:0;font:16px sans-serif} img{position:absolute;left:${QR_BOX.x}px;top:${QR_BOX.y}px;width:${QR_BOX.size}px;height:${QR_BOX.size}px;image-rendering:pixelated}</style>
</head><body><h1>Scan the QR code</h1><p>Scan it with your authenticator, then enter the code.</p>
<img alt="QR code" src="${qr}"><input id="code" style="position:absolute;left:20px;top:460px" aria-label="Code"></body></html>`;
}

const blankPage =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Nothing here</title></head><body><p>No code on this page.</p></body></html>';

/** The clock of /slow-clock: this many milliseconds ahead of the real time, as a verifier whose time is right
 * while the device's clock is behind. */
export const SERVER_AHEAD_MS = 20_000;

/** Serves /enrol (the QR of TEST_URI), /slow-clock (a Date header 20 s ahead) and /blank on 127.0.0.1. */
export async function startQrPageServer(): Promise<QrPageServer> {
  const enrol = await enrolPage();
  const server: Server = createServer((request, response) => {
    const body = request.url === '/enrol' ? enrol : blankPage;
    if (request.url === '/slow-clock') {
      response.setHeader('date', new Date(Date.now() + SERVER_AHEAD_MS).toUTCString());
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
