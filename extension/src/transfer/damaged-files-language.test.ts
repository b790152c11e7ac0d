import { afterEach, describe, expect, it, vi } from 'vitest';
import { aegisPlainVault } from '../../test-support/aegis-vault.ts';
import { browserInLanguage } from '../../test-support/browser-language.ts';
import { detectAndParse } from './detect.ts';
import { parseBitwarden } from './formats/bitwarden.ts';
import { parseFreeOtpPlus } from './formats/freeotp-plus.ts';

// A file of a known format that is damaged or too new says so in the user's language; English is
// unchanged.

const failure = (read: () => unknown): string => {
  try {
    read();
    return 'read';
  } catch (error) {
    return (error as Error).message;
  }
};
const messages = () => [
  failure(() => detectAndParse(JSON.stringify({ ...aegisPlainVault([]), version: 9 }))),
  failure(() => detectAndParse(JSON.stringify({ ...aegisPlainVault([]), db: { version: 99, entries: [] } }))),
  failure(() => parseBitwarden({ encrypted: false })),
  failure(() => parseFreeOtpPlus({})),
];

afterEach(() => vi.unstubAllGlobals());

describe('a damaged or newer file of a known format', () => {
  it('says so in English as before', () => {
    expect(messages()).toEqual([
      'The Aegis export is format version 9; this release reads version 1.',
      "The Aegis export's content is version 99; this release reads up to version 3.",
      'The Bitwarden export has no list of items.',
      'The FreeOTP+ export has no list of tokens.',
    ]);
  });

  it('says so in German', () => {
    browserInLanguage('de');
    expect(messages()).toEqual([
      'Der Aegis-Export hat die Formatversion 9; diese Version der Erweiterung liest Version 1.',
      'Der Inhalt des Aegis-Exports hat die Version 99; diese Version der Erweiterung liest bis Version 3.',
      'Der Bitwarden-Export hat keine Liste der Einträge.',
      'Der FreeOTP+-Export hat keine Liste der Token.',
    ]);
  });

  it('says so in Spanish', () => {
    browserInLanguage('es');
    expect(messages()).toEqual([
      'La exportación de Aegis tiene la versión de formato 9; esta versión de la extensión lee la versión 1.',
      'El contenido de la exportación de Aegis tiene la versión 99; esta versión de la extensión lee hasta la versión 3.',
      'La exportación de Bitwarden no tiene lista de elementos.',
      'La exportación de FreeOTP+ no tiene lista de tokens.',
    ]);
  });
});
