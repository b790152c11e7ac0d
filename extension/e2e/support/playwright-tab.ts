import type { Page } from 'playwright-core';
import type { TabDriver } from './scenario-tab.ts';

/** The scenario's tab on a Playwright page (Chromium). */
export function playwrightTab(page: Page): TabDriver {
  return {
    goto: async (url) => {
      await page.goto(url);
    },
    bringToFront: () => page.bringToFront(),
    // Both libraries type the argument more narrowly than this generic pass-through.
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => unknown, arg) as never,
    click: (selector) => page.click(selector),
    fill: (selector, value) => page.fill(selector, value),
    selectValue: async (selector, value) => {
      await page.selectOption(selector, value);
    },
    pasteFromClipboard: () => page.keyboard.press('Control+V'),
    mouseMove: (x, y, steps) => page.mouse.move(x, y, { steps }),
    mouseDown: () => page.mouse.down(),
    mouseUp: () => page.mouse.up(),
    screenshot: async (path, selector) => {
      if (selector) await page.locator(selector).screenshot({ path });
      else await page.screenshot({ path });
    },
  };
}
