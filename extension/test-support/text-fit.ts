/**
 * Run in a page (Playwright's or Puppeteer's `evaluate`): every element of the page's `main` whose
 * text is wider than its box, or that reaches past the page's right or left edge, as a readable line.
 * Elements that end a long text in an ellipsis on purpose (account names), and text clipped for
 * screen readers only, are left out.
 */
export function overflowingTexts(): string[] {
  const found: string[] = [];
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth) found.push(`the page: ${page.scrollWidth} > ${page.clientWidth}`);
  for (const element of document.querySelectorAll<HTMLElement>('main *')) {
    const style = getComputedStyle(element);
    // Text for screen readers only is clipped to a pixel on purpose.
    const clipped = style.clipPath !== 'none' || style.clip.startsWith('rect');
    if (style.textOverflow === 'ellipsis' || style.display === 'none' || clipped || element.closest('svg'))
      continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0) continue;
    const name = `${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').trim().slice(0, 50)}"`;
    if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1)
      found.push(`${name}: ${element.scrollWidth} > ${element.clientWidth}`);
    if (box.right > page.clientWidth + 1 || box.left < -1)
      found.push(`${name}: from ${box.left} to ${box.right}, page ${page.clientWidth}`);
  }
  return found;
}
