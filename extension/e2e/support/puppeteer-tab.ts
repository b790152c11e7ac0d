import type { Page } from 'puppeteer-core';
import type { TabDriver } from './scenario-tab.ts';

/** The scenario's tab on a Puppeteer page (Firefox ESR over WebDriver BiDi). */
export function puppeteerTab(page: Page): TabDriver {
  return {
    goto: async (url) => {
      await page.goto(url);
    },
    bringToFront: () => page.bringToFront(),
    // Both libraries type the argument more narrowly than this generic pass-through.
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => unknown, arg) as never,
    click: (selector) => page.click(selector),
    fill: (selector, value) => page.locator(selector).fill(value),
    selectValue: async (selector, value) => {
      await page.select(selector, value);
    },
    pasteFromClipboard: async () => {
      await page.keyboard.down('Control');
      await page.keyboard.press('v');
      await page.keyboard.up('Control');
    },
    mouseMove: (x, y, steps) => page.mouse.move(x, y, { steps }),
    mouseDown: () => page.mouse.down(),
    mouseUp: () => page.mouse.up(),
    screenshot: async (path, selector) => {
      if (!selector) {
        await page.screenshot({ path: path as `${string}.png` });
        return;
      }
      const element = await page.waitForSelector(selector);
      await element?.screenshot({ path: path as `${string}.png` });
    },
  };
}
