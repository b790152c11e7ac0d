import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from './messages.ts';

// Every language says everything English says, fills the same blanks, and says nothing the code never asks for.

const ROOT = resolve(import.meta.dirname, '../../..');
const LOCALES = join(ROOT, '_locales');
const read = (language: string): Catalogue =>
  JSON.parse(readFileSync(join(LOCALES, language, 'messages.json'), 'utf8'));

const english = read('en');
const others = readdirSync(LOCALES).filter((name) => name !== 'en');

/** The `$name$` blanks a message uses, in a stable order. */
const blanksOf = (message: string) =>
  [
    ...new Set([...message.matchAll(/\$([a-z0-9_@]+)\$/gi)].map((match) => (match[1] ?? '').toLowerCase())),
  ].sort();
const placeholderNames = (entry: Catalogue[string]) =>
  Object.keys(entry.placeholders ?? {})
    .map((name) => name.toLowerCase())
    .sort();

/** Every quoted word in the extension's code and the manifest's `__MSG_key__` references. */
function namesInCode(): Set<string> {
  const src = join(ROOT, 'extension/src');
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name) && !name.includes('.test.'))
    .map((name) => readFileSync(join(src, name), 'utf8'));
  const manifest = readFileSync(join(ROOT, 'manifest.json'), 'utf8');
  const names = new Set<string>();
  for (const text of files)
    for (const match of text.matchAll(/'([A-Za-z0-9_]+)'/g)) names.add(match[1] ?? '');
  for (const match of manifest.matchAll(/__MSG_(\w+)__/g)) names.add(match[1] ?? '');
  return names;
}

describe('the message catalogues', () => {
  it('are English plus German, French and Spanish', () => {
    expect(others.sort()).toEqual(['de', 'es', 'fr']);
  });

  it.each(others)('%s has every English key and no other', (language) => {
    expect(Object.keys(read(language)).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(['en', ...others])(
    '%s fills the same blanks as English, each one defined, no message empty',
    (language) => {
      const catalogue = read(language);
      const problems: string[] = [];
      for (const [key, reference] of Object.entries(english)) {
        const entry = catalogue[key];
        if (!entry) continue;
        if (!entry.message.trim()) problems.push(`${key}: empty`);
        if (blanksOf(entry.message).join() !== blanksOf(reference.message).join())
          problems.push(
            `${key}: blanks ${blanksOf(entry.message)} instead of ${blanksOf(reference.message)}`,
          );
        if (placeholderNames(entry).join() !== blanksOf(entry.message).join())
          problems.push(
            `${key}: placeholders ${placeholderNames(entry)} for blanks ${blanksOf(entry.message)}`,
          );
        const contents = Object.values(entry.placeholders ?? {}).map((p) => p.content);
        const referenceContents = Object.values(reference.placeholders ?? {}).map((p) => p.content);
        if (contents.sort().join() !== referenceContents.sort().join())
          problems.push(`${key}: other substitutions`);
      }
      expect(problems).toEqual([]);
    },
  );

  it('hold no message the code never asks for (a plural form counts through its base)', () => {
    const used = namesInCode();
    const unused = Object.keys(english).filter(
      (key) => !used.has(key) && !used.has(key.replace(/_[a-z]+$/, '')),
    );
    expect(unused).toEqual([]);
  });
});
