// What the popup's details tests read from the page, as expressions both drivers evaluate
// (Playwright in Chromium, Puppeteer in Firefox ESR), so both browsers are asked the same things.

/** A name of 80 characters, as long work e-mail addresses get. */
export const LONG_NAME = 'alexandra.konstantinopoulou-vandenberghe.regional-operations@example-holding.com';

/** The accounts the details tests add by hand (the form's fields), the long name among them. */
export const DETAIL_ACCOUNTS = [
  {
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    issuer: 'GitHub',
    account: 'alice',
    algorithm: 'SHA1',
    digits: '6',
    period: '30',
  },
  {
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    issuer: 'Example Portal',
    account: LONG_NAME,
    algorithm: 'SHA1',
    digits: '6',
    period: '30',
  },
  {
    secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
    issuer: 'Bank',
    account: 'ben',
    algorithm: 'SHA256',
    digits: '8',
    period: '30',
  },
] as const;

/** The row of the long name: how wide the page and the row are, whether the name and the code fit. */
export const LONG_ROW_LAYOUT = `(() => {
  const row = [...document.querySelectorAll('li.account')].find((li) => li.textContent.includes('${LONG_NAME}'));
  const name = row.querySelector('.name');
  const code = row.querySelector('[data-testid="code"]');
  const lines = document.createRange();
  lines.selectNodeContents(code);
  const lineTops = new Set([...lines.getClientRects()].map((rect) => Math.round(rect.top)));
  return JSON.stringify({
    bodyWidth: document.body.getBoundingClientRect().width,
    rowRight: Math.max(...[...row.querySelectorAll('*')].map((el) => el.getBoundingClientRect().right)),
    nameCut: name.scrollWidth > name.clientWidth && getComputedStyle(name).textOverflow === 'ellipsis',
    nameTitle: name.getAttribute('title'),
    codeLines: lineTops.size,
    buttonText: row.querySelector('.code-button').textContent,
  });
})()`;

/**
 * Each code button's text as a screen reader reads its name from the content (what is hidden from
 * it left out, one space between parts), beside the code it shows, read in one go. The tests also
 * find the button by that name through the browser's own accessibility tree.
 */
export const CODE_BUTTONS = `JSON.stringify([...document.querySelectorAll('.code-button')].map((button) => {
  const copy = button.cloneNode(true);
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  const parts = [...copy.children].map((child) => child.textContent.trim()).filter(Boolean);
  return { name: button.getAttribute('aria-label') ?? parts.join(' '), code: button.querySelector('[data-testid="code"]').textContent };
}))`;

/** The rows' issuers and names, top to bottom, and which are pinned. */
export const ROW_ORDER = `JSON.stringify([...document.querySelectorAll('li.account')].map((row) =>
  (row.classList.contains('pinned') ? 'pinned ' : '') + row.querySelector('.issuer').textContent))`;

/** What has the keyboard focus: the search field, the code button of an issuer, or a tag name. */
export const FOCUSED = `(() => {
  const el = document.activeElement;
  if (el?.matches('input[type=search]')) return 'search';
  if (el?.matches('.code-button')) return 'code of ' + el.querySelector('.issuer').textContent;
  return el?.tagName ?? '';
})()`;

/** Each row's avatar: its letter, whether screen readers skip it, and its colours. */
export const AVATARS = `JSON.stringify([...document.querySelectorAll('li.account')].map((row) => {
  const avatar = row.querySelector('.avatar');
  return avatar && {
    issuer: row.querySelector('.issuer').textContent,
    letter: avatar.textContent,
    hidden: avatar.getAttribute('aria-hidden'),
    background: getComputedStyle(avatar).backgroundColor,
    fetched: getComputedStyle(avatar).backgroundImage !== 'none' || avatar.querySelector('img') !== null,
  };
}))`;

/** The countdown ring's computed colours and whether any colour is written into the markup. */
export const RING_COLOURS = `JSON.stringify((() => {
  const ring = document.querySelector('.countdown');
  const [track, progress] = ring.querySelectorAll('circle');
  return {
    track: getComputedStyle(track).stroke,
    progress: getComputedStyle(progress).stroke,
    inline: [track, progress].some((circle) => circle.hasAttribute('stroke')),
    background: getComputedStyle(document.body).backgroundColor,
  };
})())`;

/** WCAG 2.2 contrast ratio of two computed rgb() colours. */
export function contrastRatio(first: string, second: string): number {
  const luminance = (css: string) => {
    const [r = 0, g = 0, b = 0] = (css.match(/[\d.]+/g) ?? []).map(Number);
    const channel = (value: number) => {
      const c = value / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** A backup file cut short after its first bytes, as an interrupted download leaves it. */
export const TRUNCATED_BACKUP = '{"format": "authenticator-backup", "version": 2, "kdf": {';
