import type { A11yScreen, PageDriver } from './a11y-screens.ts';
import { type AxeViolation, axeReport } from './axe.ts';
import { type KeyboardWalk, walkWithTab } from './keyboard-walk.ts';

// One screen checked in every theme of a browser: axe-core on the whole page, and the Tab walk where
// the screen asks for it. Each result is printed as it comes, so a run reports its counts per screen.

export interface ThemeSwitch<Theme extends string> {
  themes: readonly Theme[];
  /** Puts the browser in the theme and resolves once the page's media queries say so. */
  apply(theme: Theme): Promise<void>;
}

export interface ScreenResult {
  screen: string;
  theme: string;
  nodes: number;
  violations: AxeViolation[];
  keyboard?: KeyboardWalk;
}

export async function checkScreen<Theme extends string>(
  browserName: string,
  screen: A11yScreen,
  page: PageDriver,
  themes: ThemeSwitch<Theme>,
): Promise<ScreenResult[]> {
  const results: ScreenResult[] = [];
  for (const theme of themes.themes) {
    await themes.apply(theme);
    const { nodes, violations } = await axeReport((expression) => page.evaluate(expression));
    const keyboard = screen.keyboard ? await walkWithTab(page) : undefined;
    results.push({ screen: screen.name, theme, nodes, violations, ...(keyboard && { keyboard }) });
    const found = violations.map((v) => `${v.id} (${v.impact}) at ${v.targets.join(', ')}`).join('; ');
    const walk = keyboard
      ? `, Tab reached ${new Set(keyboard.order).size}/${keyboard.controls}, rings unseen ${keyboard.unseenRings.length}`
      : '';
    console.log(
      `axe ${browserName} | ${screen.page}: ${screen.name} | ${theme} | ${nodes} nodes | ${violations.length} violations${found ? `: ${found}` : ''}${walk}`,
    );
  }
  return results;
}

/** What a user would meet: the violations and keyboard problems per theme, empty when there are none. */
export function problemsOf(results: ScreenResult[]): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  for (const { theme, violations, keyboard } of results) {
    const list = violations.map((v) => `${v.id}: ${v.targets.join(', ')}`);
    if (keyboard) {
      const all = Array.from({ length: keyboard.controls }, (_, index) => index);
      if (JSON.stringify(keyboard.order) !== JSON.stringify(all))
        list.push(`Tab order ${keyboard.order.join(',')} instead of each control in turn`);
      list.push(...keyboard.unseenRings.map((ring) => `focus ring not seen on ${ring}`));
    }
    if (list.length > 0) problems[theme] = list;
  }
  return problems;
}
