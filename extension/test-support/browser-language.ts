import { vi } from 'vitest';
import german from '../../_locales/de/messages.json' with { type: 'json' };
import spanish from '../../_locales/es/messages.json' with { type: 'json' };
import french from '../../_locales/fr/messages.json' with { type: 'json' };
import { type Catalogue, fillMessage } from '../src/i18n/messages.ts';

const CATALOGUES: Record<'de' | 'fr' | 'es', Catalogue> = { de: german, fr: french, es: spanish };

/**
 * The browser's i18n as Chromium answers it for a user of `language`: that language's real
 * catalogue, filled. Undo with vi.unstubAllGlobals(); without it, t() answers in English.
 */
export function browserInLanguage(language: keyof typeof CATALOGUES): void {
  const catalogue = CATALOGUES[language];
  vi.stubGlobal('chrome', {
    i18n: {
      getUILanguage: () => language,
      getMessage: (key: string, substitutions: string[] = []) => {
        if (key === '@@bidi_dir') return 'ltr';
        const entry = catalogue[key];
        return entry ? fillMessage(entry, substitutions) : '';
      },
    },
  });
}
