import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

// axe-core run inside the page under test, Chromium (Playwright) or Firefox (Puppeteer) alike: the
// caller passes how its page evaluates an expression, so one helper serves both drivers.

const axeSource = readFile(
  fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string;
  targets: string[];
}

/** Evaluates one expression in the page and resolves with its (awaited) value. */
export type Evaluate = (expression: string) => Promise<unknown>;

/**
 * Every axe-core violation of the page as it is now, of any impact. `only` narrows the rules (such
 * as `['color-contrast']`) and `within` the part of the page checked (a CSS selector).
 */
export async function axeViolations(
  evaluate: Evaluate,
  { only, within }: { only?: string[]; within?: string } = {},
): Promise<AxeViolation[]> {
  if (!(await evaluate(`'axe' in window`))) await evaluate(await axeSource);
  const context = JSON.stringify(within ?? 'html');
  const options = JSON.stringify({
    resultTypes: ['violations'],
    ...(only && { runOnly: { type: 'rule', values: only } }),
  });
  const found = await evaluate(
    `axe.run(${context}, ${options}).then((results) => JSON.stringify(results.violations.map((v) => ({
      id: v.id, impact: v.impact ?? '', targets: v.nodes.map((node) => node.target.join(' ')) }))))`,
  );
  return JSON.parse(String(found)) as AxeViolation[];
}

/** One axe-core run: how many elements it checked (passed, failed or left for review) and what failed. */
export interface AxeReport {
  nodes: number;
  violations: AxeViolation[];
}

/** Every rule on the whole page, with the count of distinct elements the rules looked at. */
export async function axeReport(evaluate: Evaluate): Promise<AxeReport> {
  if (!(await evaluate(`'axe' in window`))) await evaluate(await axeSource);
  const found = await evaluate(
    `axe.run('html').then((results) => {
      const nodes = new Set();
      for (const kind of [results.passes, results.violations, results.incomplete])
        for (const rule of kind) for (const node of rule.nodes) nodes.add(node.target.join(' '));
      return JSON.stringify({ nodes: nodes.size, violations: results.violations.map((v) => ({
        id: v.id, impact: v.impact ?? '', targets: v.nodes.map((node) => node.target.join(' ')) })) });
    })`,
  );
  return JSON.parse(String(found)) as AxeReport;
}
