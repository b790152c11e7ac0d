import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type Node, type SourceFile, SyntaxKind } from 'typescript/unstable/ast';
import * as is from 'typescript/unstable/ast/is';
import { API } from 'typescript/unstable/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every word the pages show goes through the catalogue. This reads the pages' TSX with the TypeScript
// compiler and lists the text written straight into the markup: JSX text, and string literals given to
// attributes a user reads or hears, or shown as a child expression ({'Text'}, {ok ? 'Yes' : 'No'}).

const ROOT = resolve(import.meta.dirname, '../../..');
const PAGES = resolve(import.meta.dirname);

/** Attributes whose value is read on screen or by assistive technology. */
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
]);

/** What may stay in the markup: no letters (digits, punctuation, "/", "⋯"), or names that are not language. */
const NOT_LANGUAGE = new Set(['SHA1', 'SHA256', 'SHA512']);
const isLanguage = (text: string) => /\p{L}/u.test(text) && !NOT_LANGUAGE.has(text.trim());

const TEXT_OPERATORS = new Set<SyntaxKind>([
  SyntaxKind.PlusToken,
  SyntaxKind.BarBarToken,
  SyntaxKind.AmpersandAmpersandToken,
  SyntaxKind.QuestionQuestionToken,
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name) && !name.includes('.test.'))
    .map((name) => join(dir, name));
}

/** The literal texts an expression can evaluate to without a call (calls such as t() are fine). */
function literalTexts(node: Node | undefined): string[] {
  if (!node) return [];
  if (is.isStringLiteral(node) || is.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (is.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
  if (is.isParenthesizedExpression(node)) return literalTexts(node.expression);
  if (is.isConditionalExpression(node))
    return [...literalTexts(node.whenTrue), ...literalTexts(node.whenFalse)];
  // `a + 'text'`, `a || 'text'`, `ok && 'text'` can show the literal; a comparison (`view === 'list'`) cannot.
  if (is.isBinaryExpression(node) && TEXT_OPERATORS.has(node.operatorToken.kind))
    return [...literalTexts(node.left), ...literalTexts(node.right)];
  return [];
}

function hardCodedTexts(file: SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: Node): void => {
    if (is.isJsxText(node) && isLanguage(node.text)) found.push(node.text.trim());
    if (is.isJsxExpression(node) && node.parent && !is.isJsxAttribute(node.parent))
      found.push(...literalTexts(node.expression).filter(isLanguage));
    const attribute = is.isJsxAttribute(node) && is.isIdentifier(node.name) ? node.name.text : '';
    if (is.isJsxAttribute(node) && READ_ATTRIBUTES.has(attribute)) {
      const value = node.initializer;
      const texts = value && is.isJsxExpression(value) ? literalTexts(value.expression) : literalTexts(value);
      found.push(...texts.filter(isLanguage).map((text) => `${attribute}="${text}"`));
    }
    node.forEachChild((child) => {
      visit(child);
      return undefined;
    });
  };
  visit(file);
  return found;
}

/** Text handed to a state setter (setError('…'), setNotice(ok ? '…' : '…')) reaches the screen too. */
function textsGivenToSetters(file: SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: Node): void => {
    if (
      is.isCallExpression(node) &&
      is.isIdentifier(node.expression) &&
      /^set[A-Z]/.test(node.expression.text)
    ) {
      const setter = node.expression.text;
      for (const argument of node.arguments)
        found.push(
          ...literalTexts(argument)
            .filter(isLanguage)
            .map((text) => `${setter}("${text}")`),
        );
    }
    node.forEachChild((child) => {
      visit(child);
      return undefined;
    });
  };
  visit(file);
  return found;
}

let api: API;
let sources: Map<string, SourceFile>;

beforeAll(() => {
  api = new API({ cwd: ROOT });
  const snapshot = api.updateSnapshot({ openProject: resolve(ROOT, 'tsconfig.json') });
  const [project] = snapshot.getProjects();
  if (!project) throw new Error('the TypeScript project did not open');
  sources = new Map();
  for (const path of sourceFiles(PAGES)) {
    const file = project.program.getSourceFile(path);
    if (!file) throw new Error(`the TypeScript project does not include ${path}`);
    sources.set(relative(ROOT, path), file);
  }
}, 60_000);

afterAll(() => api?.close());

describe('the pages’ components', () => {
  it('are all read, popup and transfer page alike', () => {
    const names = [...sources.keys()];
    expect(names).toContain('extension/src/pages/popup/components/AccountRow.tsx');
    expect(names).toContain('extension/src/pages/transfer/TransferPage.tsx');
    expect(names).toContain('extension/src/pages/components/Unlock.tsx');
    expect(names).toContain('extension/src/pages/popup/use-popup.ts');
  });

  it('write no user-visible text into the markup: every word comes from the catalogue', () => {
    const offenders = [...sources]
      .filter(([name]) => name.endsWith('.tsx'))
      .flatMap(([name, file]) => hardCodedTexts(file).map((text) => `${name}: ${text}`));
    expect(offenders).toEqual([]);
  });

  it('give no hard-coded text to the state a page shows (errors, notices, messages)', () => {
    const offenders = [...sources].flatMap(([name, file]) =>
      textsGivenToSetters(file).map((text) => `${name}: ${text}`),
    );
    expect(offenders).toEqual([]);
  });
});
