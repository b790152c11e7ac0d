import english from '../../../_locales/en/messages.json' with { type: 'json' };

/** One entry of a `_locales/<lang>/messages.json` catalogue, as the browsers read it. */
export interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type Catalogue = Record<string, CatalogueEntry>;

/** The English catalogue is the reference: every key the code may ask for is one of its keys. */
export const ENGLISH: Catalogue = english;

export type MessageKey = keyof typeof english;

/** A message counted in plural forms: `<base>_one`, `<base>_other` (and any other CLDR category). */
export type PluralBase = MessageKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never;

/**
 * Fills an entry as `browser.i18n.getMessage` does: named placeholders (`$name$`) take their
 * content, `$1`…`$9` the substitutions, `$$` is a dollar sign.
 */
export function fillMessage(entry: CatalogueEntry, substitutions: readonly string[]): string {
  const placeholders = entry.placeholders ?? {};
  const named = entry.message.replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => {
    const found = Object.entries(placeholders).find(([key]) => key.toLowerCase() === name.toLowerCase());
    return found ? found[1].content : whole;
  });
  return named.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : (substitutions[Number(which) - 1] ?? ''),
  );
}
