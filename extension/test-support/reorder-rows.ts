// What the drag-to-reorder tests read from the popup and the accounts they add, as expressions
// both drivers evaluate (Playwright in Chromium, Puppeteer in Firefox ESR).

/** Three accounts added by hand, in this order. */
export const REORDER_ACCOUNTS = ['Alpha', 'Beta', 'Gamma'].map((issuer, i) => ({
  secret: [
    'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
  ][i] as string,
  issuer,
  account: issuer.toLowerCase(),
  algorithm: 'SHA1',
  digits: '6',
  period: '30',
}));

/** Where to press and where to let go to drag one row just above (or below) another, in CSS pixels. */
export const dragPoints = (from: string, onto: string, side: 'above' | 'below') => `JSON.stringify((() => {
  const row = (issuer) => [...document.querySelectorAll('li.account')].find((li) => li.querySelector('.issuer').textContent === issuer);
  const handle = row(${JSON.stringify(from)}).querySelector('.drag-handle').getBoundingClientRect();
  const target = row(${JSON.stringify(onto)}).getBoundingClientRect();
  return {
    from: { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 },
    to: { x: handle.x + handle.width / 2, y: ${side === 'above' ? 'target.top + 3' : 'target.bottom - 3'} },
  };
})())`;

/** The accessible names of the drag handles shown, top to bottom. */
export const HANDLE_NAMES = `JSON.stringify([...document.querySelectorAll('.drag-handle')].map((h) => h.getAttribute('aria-label')))`;

/** What the list's live region says now. */
export const ANNOUNCED = `document.querySelector('section[aria-label="Accounts"] p[role="status"]').textContent`;

/** The accessible name of the focused element. */
export const FOCUSED_NAME = `document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName`;
