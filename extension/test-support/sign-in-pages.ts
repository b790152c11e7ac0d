import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local pages that mimic real sign-in forms' code steps, served on two origins (127.0.0.1 and
 * localhost, each its own port) so one can frame the other cross-origin. Every page's own handler
 * writes what it saw into `<output id="heard">`, which the tests read: a value that only sits in
 * the field without the page noticing does not count.
 */

export type FormKind =
  | 'one-time-code'
  | 'tel-autocomplete-off'
  | 'six-boxes'
  | 'cross-origin-iframe'
  | 'password-and-code'
  | 'controlled';

export const FORM_KINDS: readonly FormKind[] = [
  'one-time-code',
  'tel-autocomplete-off',
  'six-boxes',
  'cross-origin-iframe',
  'password-and-code',
  'controlled',
];

const shell = (title: string, body: string, script: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px sans-serif;margin:24px} input{font:20px monospace;margin:4px} .boxes input{width:1.4em;text-align:center}
iframe{width:420px;height:200px;border:1px solid #888}</style></head>
<body><h1>${title}</h1>${body}<p>The page saw: <output id="heard"></output></p>
<script>const heard = document.getElementById('heard');${script}</script></body></html>`;

// The field takes its value only from input events and writes its own state back on every key and
// change, as React's controlled inputs do: a value set without an input event is undone.
const controlledScript = `
  const field = document.getElementById('otp');
  let state = '';
  const render = () => { field.value = state; heard.textContent = state; };
  field.addEventListener('input', (event) => { state = event.target.value.replace(/\\D/g, '').slice(0, 6); render(); });
  for (const type of ['keyup', 'change', 'blur']) field.addEventListener(type, render);`;

function pages(frameOrigin: string): Record<string, string> {
  return {
    '/one-time-code': shell(
      'Two-step verification',
      `<form><label for="otp">Enter the code from your app</label><br>
       <input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric">
       <button>Verify</button></form>`,
      `document.getElementById('otp').addEventListener('input', (e) => { heard.textContent = e.target.value; });
       document.querySelector('form').addEventListener('submit', (e) => { e.preventDefault(); heard.textContent = 'submitted'; });`,
    ),
    '/tel-autocomplete-off': shell(
      'Security check',
      `<form><input name="search" type="search" placeholder="Search help">
       <label>Verification code <input type="tel" name="vc" autocomplete="off"></label></form>`,
      `document.querySelector('[name=vc]').addEventListener('change', (e) => { heard.textContent = e.target.value; });`,
    ),
    '/six-boxes': shell(
      'Enter your code',
      `<form><div class="boxes">${[1, 2, 3, 4, 5, 6]
        .map((n) => `<input maxlength="1" inputmode="numeric" aria-label="Digit ${n}">`)
        .join('')}</div></form>`,
      `const boxes = [...document.querySelectorAll('.boxes input')];
       boxes.forEach((box, i) => box.addEventListener('input', () => {
         if (box.value.length === 1) boxes[i + 1]?.focus();
         heard.textContent = boxes.map((b) => b.value).join('');
       }));`,
    ),
    '/cross-origin-iframe': shell(
      'Sign in',
      `<p>The code step is in a frame from another origin.</p><iframe title="Verification" src="${frameOrigin}/framed-code"></iframe>`,
      '',
    ),
    '/framed-code': shell(
      'Code',
      `<input id="otp" autocomplete="one-time-code" aria-label="Code">`,
      `document.getElementById('otp').addEventListener('input', (e) => { heard.textContent = e.target.value; });`,
    ),
    '/password-and-code': shell(
      'Sign in',
      `<form><label>Username <input name="username" autocomplete="username" value="ana"></label><br>
       <label>Password <input type="password" name="password" id="password"></label><br>
       <label>Authentication code <input name="code" id="code" inputmode="numeric"></label></form>`,
      `const password = document.getElementById('password');
       const report = () => { heard.textContent = document.getElementById('code').value + ' password:' + password.value.length; };
       document.getElementById('code').addEventListener('input', report);
       password.addEventListener('input', report);`,
    ),
    '/no-field': shell(
      'Your order',
      `<form><label>Coupon code <input name="coupon"></label><label>Postcode <input name="zip"></label></form>`,
      '',
    ),
    '/controlled': shell(
      'Verify it is you',
      `<label for="otp">6-digit code</label> <input id="otp" name="mfaCode" autocomplete="off">`,
      controlledScript,
    ),
  };
}

export interface SignInPages {
  /** The pages' origin (127.0.0.1). */
  origin: string;
  /** The other origin (localhost), which the cross-origin iframe comes from. */
  frameOrigin: string;
  url(kind: FormKind): string;
  close(): Promise<void>;
}

function listen(handler: (path: string) => string | undefined): Promise<Server> {
  const server = createServer((request, response) => {
    const body = handler(new URL(request.url ?? '/', 'http://x').pathname);
    response.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(body ?? 'not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;
const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

export async function startSignInPages(): Promise<SignInPages> {
  const framing = await listen((path) => (path === '/framed-code' ? pages('')['/framed-code'] : undefined));
  const frameOrigin = `http://localhost:${portOf(framing)}`;
  const all = pages(frameOrigin);
  const main = await listen((path) => all[path]);
  const origin = `http://127.0.0.1:${portOf(main)}`;
  return {
    origin,
    frameOrigin,
    url: (kind) => `${origin}/${kind}`,
    close: async () => {
      await Promise.all([closeServer(main), closeServer(framing)]);
    },
  };
}

/** What the page's handler must have seen for `code`. */
export function heardFor(kind: FormKind, code: string): string {
  return kind === 'password-and-code' ? `${code} password:0` : code;
}
