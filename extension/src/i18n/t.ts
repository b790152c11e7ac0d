import type { I18n } from 'webextension-polyfill';
import { ENGLISH, fillMessage, type MessageKey, type PluralBase } from './messages.ts';

type Substitution = string | number;

/**
 * The browser's i18n namespace when the code runs in the extension: the same synchronous API the
 * polyfill passes through in both browsers. It is read from the global rather than through
 * platform/browser.ts because the polyfill throws when loaded outside an extension, and the
 * components render in unit tests too; there, and wherever it is missing, the English catalogue answers.
 */
function browserI18n(): Pick<I18n.Static, 'getMessage' | 'getUILanguage'> | undefined {
  const scope = globalThis as { browser?: { i18n?: I18n.Static }; chrome?: { i18n?: I18n.Static } };
  const api = scope.browser?.i18n ?? scope.chrome?.i18n;
  return typeof api?.getMessage === 'function' ? api : undefined;
}

/** The language the browser shows its own interface in, which picks the catalogue. */
export function uiLanguage(): string {
  return browserI18n()?.getUILanguage() || 'en';
}

// Building an Intl formatter costs far more than using one, and a popup of 200 accounts formats
// numbers and picks plural forms on every row each second: one of each per language is kept.
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function cached<T>(cache: Map<string, T>, language: string, make: (language: string) => T): T {
  let value = cache.get(language);
  if (value === undefined) {
    value = make(language);
    cache.set(language, value);
  }
  return value;
}

/** A number as the UI language writes it (1,000 · 1.000 · 1 000). */
export function formatNumber(value: number): string {
  return cached(numberFormats, uiLanguage(), (language) => new Intl.NumberFormat(language)).format(value);
}

/** A moment as the UI language writes a date and time. */
export function formatDateTime(ms: number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** The message for `key` in the UI language, its placeholders filled in order; numbers are formatted. */
export function t(key: MessageKey, ...substitutions: Substitution[]): string {
  const texts = substitutions.map((value) => (typeof value === 'number' ? formatNumber(value) : value));
  const localized = browserI18n()?.getMessage(key, texts);
  const entry = ENGLISH[key];
  return localized || (entry ? fillMessage(entry, texts) : key);
}

/**
 * A counted message: the key `<base>_<category>` for the count's plural category in the UI language
 * (Intl.PluralRules), `<base>_other` when the catalogue has no such form. The count is the first
 * substitution.
 */
export function tPlural(base: PluralBase, count: number, ...rest: Substitution[]): string {
  const category = cached(pluralRules, uiLanguage(), (language) => new Intl.PluralRules(language)).select(
    count,
  );
  const key = `${base}_${category}`;
  const chosen = (key in ENGLISH ? key : `${base}_other`) as MessageKey;
  return t(chosen, count, ...rest);
}

/** The UI language's writing direction, from the browser's predefined `@@bidi_dir` message. */
export function textDirection(): 'ltr' | 'rtl' {
  return browserI18n()?.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
}
