import { afterEach, describe, expect, it, vi } from 'vitest';
import german from '../../../_locales/de/messages.json' with { type: 'json' };
import { type Catalogue, fillMessage } from './messages.ts';
import { formatNumber, t, textDirection, tPlural, uiLanguage } from './t.ts';

/** The browser's i18n as Chromium answers it for a German user: the German catalogue, filled. */
function germanBrowser() {
  const catalogue: Catalogue = german;
  vi.stubGlobal('chrome', {
    i18n: {
      getUILanguage: () => 'de',
      getMessage: (key: string, substitutions: string[] = []) => {
        if (key === '@@bidi_dir') return 'ltr';
        const entry = catalogue[key];
        return entry ? fillMessage(entry, substitutions) : '';
      },
    },
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('messages without the browser (unit tests, pages outside the extension)', () => {
  it('come from the English catalogue, with their placeholders filled', () => {
    expect(uiLanguage()).toBe('en');
    expect(t('allowHost', 'example.com')).toBe('Allow example.com');
    expect(t('positionOf', 2, 5)).toBe('Position 2 of 5');
  });

  it('pick the plural form for the count', () => {
    expect(tPlural('secondsLeft', 1)).toBe('1 second left');
    expect(tPlural('secondsLeft', 12)).toBe('12 seconds left');
    expect(tPlural('secondsLeft', 0)).toBe('0 seconds left');
  });

  it('write numbers as English does and lay the page out left to right', () => {
    expect(formatNumber(12345.5)).toBe('12,345.5');
    expect(textDirection()).toBe('ltr');
  });

  it('keep a dollar sign typed by the user as it is', () => {
    expect(t('noAccountMatches', '$1 off')).toBe('No account matches “$1 off”.');
  });
});

describe('messages in a German browser', () => {
  it('come from the browser, in German, with numbers written the German way', () => {
    germanBrowser();
    expect(t('lockNow')).toBe('Jetzt sperren');
    expect(tPlural('notBackedUpYet', 1)).toBe('1 Konto ist noch in keiner Sicherung.');
    expect(tPlural('notBackedUpYet', 1200)).toBe('1.200 Konten sind noch in keiner Sicherung.');
  });
});
