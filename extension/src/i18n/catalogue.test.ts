import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from './messages.ts';

// Every language says everything English says, with the same placeholders, and the code asks for
// exactly the keys the catalogue has: none missing, none left over.

const ROOT = resolve(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');
const LOCALES = readdirSync(resolve(ROOT, '_locales'));
const catalogue = (locale: string) => JSON.parse(read(`_locales/${locale}/messages.json`)) as Catalogue;
const english = catalogue('en');

const placeholdersOf = (entry: Catalogue[string] | undefined) =>
  Object.entries(entry?.placeholders ?? {})
    .map(([name, { content }]) => `${name}=${content}`)
    .sort();

/** The keys the extension's code and manifest ask for: t('key'), tPlural('base'), __MSG_key__. */
function usedKeys(): Set<string> {
  const used = new Set<string>();
  for (const match of read('manifest.json').matchAll(/__MSG_(\w+)__/g)) used.add(match[1] ?? '');
  const dir = resolve(ROOT, 'extension/src');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (name) => /\.tsx?$/.test(name) && !name.includes('.test.') && !name.startsWith('i18n/'),
  );
  for (const name of files) {
    const text = readFileSync(join(dir, name), 'utf8');
    // Keys held in a typed table (Record<…, MessageKey>) before they are passed to t().
    if (text.includes('MessageKey'))
      for (const key of text.matchAll(/'(\w+)'/g)) if (key[1] && key[1] in english) used.add(key[1]);
    // The first argument up to its comma or closing parenthesis; every quoted key in it (a ? 'x' : 'y').
    for (const call of text.matchAll(/(?<![\w.])t(Plural)?\(([^,()]*(?:\([^()]*\)[^,()]*)*)[,)]/g)) {
      const argument = call[2] ?? '';
      if (argument.includes('[')) continue; // a key looked up in a table, counted above
      for (const key of argument.matchAll(/'([\w@]+)'/g)) {
        if (call[1]) for (const form of Object.keys(english)) form.startsWith(`${key[1]}_`) && used.add(form);
        else used.add(key[1] ?? '');
      }
    }
  }
  return used;
}

describe('the message catalogue', () => {
  it('has English, German, French and Spanish', () => {
    expect(LOCALES.sort()).toEqual(['de', 'en', 'es', 'fr']);
  });

  it.each(LOCALES)('in %s has every key of the English one and no other, none empty', (locale) => {
    const messages = catalogue(locale);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
    for (const [key, entry] of Object.entries(messages)) expect(entry.message.trim(), key).not.toBe('');
  });

  it.each(LOCALES)('in %s uses the same placeholders as English, each one in its message', (locale) => {
    for (const [key, entry] of Object.entries(catalogue(locale))) {
      expect(placeholdersOf(entry), key).toEqual(placeholdersOf(english[key]));
      for (const name of Object.keys(entry.placeholders ?? {}))
        expect(entry.message.toLowerCase(), `${locale} ${key}`).toContain(`$${name.toLowerCase()}$`);
    }
  });

  it('has a one and an other form for every counted message', () => {
    const bases = Object.keys(english).flatMap((key) => /^(.+)_(one|other)$/.exec(key)?.[1] ?? []);
    for (const base of new Set(bases)) {
      expect(english[`${base}_one`], base).toBeDefined();
      expect(english[`${base}_other`], base).toBeDefined();
    }
  });

  it('holds exactly the keys the code asks for: none unused, none unknown', () => {
    const used = usedKeys();
    expect([...used].filter((key) => !(key in english))).toEqual([]);
    expect(Object.keys(english).filter((key) => !used.has(key))).toEqual([]);
  });
});
