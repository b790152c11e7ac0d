import type { PageDriver } from './a11y-screens.ts';
import { contrastRatio } from './popup-details.ts';

// Walking a page with the Tab key as a keyboard user does: which controls the focus lands on, in
// which order, and whether each shows a focus ring that can be seen against the page.

/** Numbers every control a keyboard user should reach (enabled, shown), in document order. */
const NUMBER_CONTROLS = `(() => {
  const controls = [...document.querySelectorAll('button, input, select, textarea, a[href]')].filter(
    (el) => !el.disabled && el.type !== 'hidden' && el.getClientRects().length > 0);
  controls.forEach((el, index) => { el.dataset.tabIndexSeen = String(index); });
  // The next Tab starts from the top of the page, as after a fresh load.
  document.body.setAttribute('tabindex', '-1');
  document.body.focus();
  document.body.removeAttribute('tabindex');
  return controls.length;
})()`;

/** The focused control's number and its focus ring: style, width and colour, and the page's background. */
const FOCUSED_RING = `JSON.stringify((() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    index: el.dataset.tabIndexSeen === undefined ? -1 : Number(el.dataset.tabIndexSeen),
    label: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40) || el.name || el.tagName,
    style: style.outlineStyle,
    width: Number.parseFloat(style.outlineWidth),
    colour: style.outlineColor,
    background: getComputedStyle(document.body).backgroundColor,
  };
})())`;

export interface KeyboardWalk {
  controls: number;
  /** The controls' numbers in the order Tab reached them. */
  order: number[];
  /** Controls whose ring is missing, thinner than 2 px or under 3:1 against the page. */
  unseenRings: string[];
}

/** Presses Tab from the top of the page until the focus has passed every control once. */
export async function walkWithTab(page: PageDriver): Promise<KeyboardWalk> {
  const controls = Number(await page.evaluate(NUMBER_CONTROLS));
  const order: number[] = [];
  const unseenRings: string[] = [];
  for (let press = 0; press < controls; press++) {
    await page.press('Tab');
    const ring = JSON.parse(String(await page.evaluate(FOCUSED_RING)));
    order.push(ring.index);
    const seen = ring.style !== 'none' && ring.width >= 2 && contrastRatio(ring.colour, ring.background) >= 3;
    if (!seen) unseenRings.push(`${ring.label}: ${ring.style} ${ring.width}px ${ring.colour}`);
  }
  return { controls, order, unseenRings };
}
