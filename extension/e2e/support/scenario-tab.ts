/**
 * The few things the end-to-end scenario asks of a browser tab. Chromium is driven with Playwright and
 * Firefox ESR with Puppeteer; each has a small adapter to this interface, and everything else (finding
 * elements by their label or name, waiting for what the user sees) is written once, in `Tab`.
 */
export interface TabDriver {
  goto(url: string): Promise<void>;
  bringToFront(): Promise<void>;
  /** Runs a self-contained function in the page (it is sent as source: no closures). */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** A real mouse click in the middle of the element. */
  click(selector: string): Promise<void>;
  /** Replaces the field's value as typing would, with input events. */
  fill(selector: string, value: string): Promise<void>;
  selectValue(selector: string, value: string): Promise<void>;
  /** Ctrl+V in the focused element: the browser's own paste from the system clipboard. */
  pasteFromClipboard(): Promise<void>;
  mouseMove(x: number, y: number, steps?: number): Promise<void>;
  mouseDown(): Promise<void>;
  mouseUp(): Promise<void>;
  /** The visible part of the page, or only the element matched by `selector`. */
  screenshot(path: string, selector?: string): Promise<void>;
}

export type Target = 'field' | 'label' | 'button' | 'link';

interface Query {
  target: Target;
  name: string;
  scope: string;
  mark: string;
}

/**
 * In the page: the first visible element of the kind that has exactly this accessible name (its
 * aria-label, or its text; for a field, the text of its label). Marks it so the driver can address it.
 */
function markElement(query: Query): boolean {
  const clean = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
  const root = document.querySelector(query.scope) ?? document;
  const nameOf = (element: Element) => clean(element.getAttribute('aria-label') ?? element.textContent);
  const candidates: Element[] = [];
  if (query.target === 'field' || query.target === 'label') {
    for (const label of root.querySelectorAll('label')) {
      if (clean(label.textContent) !== query.name || !label.control) continue;
      candidates.push(query.target === 'label' ? label : label.control);
    }
    if (query.target === 'field') {
      for (const field of root.querySelectorAll('input[aria-label], select[aria-label]')) {
        if (field.getAttribute('aria-label') === query.name) candidates.push(field);
      }
    }
  } else {
    const selector = query.target === 'button' ? 'button, [role="button"]' : 'a';
    for (const element of root.querySelectorAll(selector)) {
      if (nameOf(element) === query.name) candidates.push(element);
    }
  }
  const shown = candidates.find((element) => element.getClientRects().length > 0);
  for (const old of document.querySelectorAll(`[data-scenario="${query.mark}"]`)) {
    old.removeAttribute('data-scenario');
  }
  shown?.setAttribute('data-scenario', query.mark);
  return shown !== undefined;
}

const WAIT_MS = 20_000;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it answers something other than undefined/false, or fails naming what it waited for. */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false>, ms = WAIT_MS) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > until) throw new Error(`Waited ${ms / 1000} s for ${what}.`);
    await sleep(100);
  }
}

let marks = 0;

/** A tab addressed the way its user sees it: fields by label, buttons and links by name, text on screen. */
export class Tab {
  constructor(readonly driver: TabDriver) {}

  /** The CSS selector of the element, once it is on screen. */
  async find(target: Target, name: string, scope = 'body'): Promise<string> {
    const mark = `m${++marks}`;
    await waitUntil(`the ${target} "${name}"`, () =>
      this.driver.evaluate(markElement, { target, name, scope, mark }),
    );
    return `[data-scenario="${mark}"]`;
  }

  async click(target: 'button' | 'link', name: string, scope?: string): Promise<void> {
    await this.driver.click(await this.find(target, name, scope));
  }

  /**
   * Clicks through the DOM without moving the mouse or focus: for the popup page while the tab to scan
   * stays in front, as it is behind the toolbar popup.
   */
  async clickBehind(name: string): Promise<void> {
    const selector = await this.find('button', name);
    await this.driver.evaluate((s) => (document.querySelector(s) as HTMLElement).click(), selector);
  }

  async fill(label: string, value: string): Promise<void> {
    await this.driver.fill(await this.find('field', label), value);
  }

  async select(label: string, option: string): Promise<void> {
    const selector = await this.find('field', label);
    const value = await this.driver.evaluate(
      ([s, text]) =>
        [...(document.querySelector(s) as HTMLSelectElement).options].find((o) => o.label === text)?.value,
      [selector, option] as const,
    );
    if (value === undefined) throw new Error(`"${label}" has no option "${option}".`);
    await this.driver.selectValue(selector, value);
  }

  /** Sets a checkbox or switch by clicking its label, as a user would, when it is not already so. */
  async setChecked(label: string, checked: boolean): Promise<void> {
    const field = await this.find('field', label);
    const now = await this.driver.evaluate(
      (s) => (document.querySelector(s) as HTMLInputElement).checked,
      field,
    );
    if (now !== checked) await this.driver.click(await this.find('label', label));
  }

  async value(label: string): Promise<string> {
    const selector = await this.find('field', label);
    return this.driver.evaluate((s) => (document.querySelector(s) as HTMLInputElement).value, selector);
  }

  /** The text of the first element matching a CSS selector, once there is one. */
  async text(selector: string): Promise<string> {
    return waitUntil(`an element ${selector}`, () =>
      this.driver.evaluate((s) => document.querySelector(s)?.textContent ?? undefined, selector),
    );
  }

  async waitFor(selector: string): Promise<void> {
    await waitUntil(`an element ${selector}`, () =>
      this.driver.evaluate((s) => document.querySelector(s) !== null, selector),
    );
  }

  async count(selector: string): Promise<number> {
    return this.driver.evaluate((s) => document.querySelectorAll(s).length, selector);
  }

  /** Waits until the page shows this text (visible text only), or a text matching the pattern. */
  async waitForText(text: string | RegExp, ms?: number): Promise<string> {
    const pattern = typeof text === 'string' ? text : { source: text.source, flags: text.flags };
    return waitUntil(
      `the text ${String(text)}`,
      () =>
        this.driver.evaluate((p) => {
          // biome-ignore lint/performance/useDomNodeTextContent: the test reads the text as shown, without hidden parts
          const shown = document.body?.innerText.replace(/\s+/g, ' ') ?? '';
          if (typeof p === 'string') return shown.includes(p) ? p : undefined;
          return new RegExp(p.source, p.flags).exec(shown)?.[0];
        }, pattern),
      ms,
    );
  }

  async waitForGone(text: string): Promise<void> {
    await waitUntil(`"${text}" to go away`, () =>
      // biome-ignore lint/performance/useDomNodeTextContent: the test reads the text as shown, without hidden parts
      this.driver.evaluate((t) => !(document.body?.innerText ?? '').includes(t), text),
    );
  }

  async waitForHeading(name: string): Promise<void> {
    await waitUntil(`the heading "${name}"`, () =>
      this.driver.evaluate(
        (n) => [...document.querySelectorAll('h1')].some((h) => h.textContent?.trim() === n),
        name,
      ),
    );
  }

  /** Where the element is in the viewport, in CSS pixels, after scrolling it into view. */
  async box(selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
    await this.waitFor(selector);
    return this.driver.evaluate((s) => {
      const element = document.querySelector(s) as HTMLElement;
      element.scrollIntoView({ block: 'center' });
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    }, selector);
  }
}
