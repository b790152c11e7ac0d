import { afterEach, describe, expect, it, vi } from 'vitest';
import { aegisPlainVault } from '../../../test-support/aegis-vault.ts';
import { browserInLanguage } from '../../../test-support/browser-language.ts';
import { detectAndParse } from '../detect.ts';

// The reasons an entry of another app's file is skipped, met in most formats, read in the user's
// language; English stays word for word what it was.

const SECRET = 'JBSWY3DPEHPK3PXP';
const entry = (name: string, type: string, info: Record<string, unknown>) => ({
  type,
  name,
  issuer: 'Example',
  info: { secret: SECRET, algo: 'SHA1', digits: 6, period: 30, ...info },
});
const FILE = JSON.stringify(
  aegisPlainVault([
    entry('type', 'yandex', {}),
    entry('algorithm', 'totp', { algo: 'MD5' }),
    entry('no secret', 'totp', { secret: '' }),
    entry('digits', 'totp', { digits: 10 }),
    entry('period', 'totp', { period: 'soon' }),
    entry('long period', 'totp', { period: 7200 }),
  ]),
);
const reasons = () => detectAndParse(FILE).skipped.map(({ reason }) => reason);

afterEach(() => vi.unstubAllGlobals());

describe('why an entry is skipped', () => {
  it('is said in English as before when the browser speaks English', () => {
    expect(reasons()).toEqual([
      'Its type "yandex" is not supported; only TOTP, HOTP and Steam accounts can be imported.',
      'It uses the MD5 algorithm; only SHA1, SHA256 and SHA512 are supported.',
      'It has no secret.',
      'The number of digits must be 6 to 8, not 10.',
      'Its period ("soon") is not a whole number.',
      'The period must be a whole number of seconds from 1 to 3600, not 7200.',
    ]);
  });

  it('is said in German', () => {
    browserInLanguage('de');
    expect(reasons()).toEqual([
      'Der Typ „yandex“ wird nicht unterstützt; nur TOTP-, HOTP- und Steam-Konten lassen sich importieren.',
      'Der Eintrag nutzt den Algorithmus MD5; unterstützt werden nur SHA1, SHA256 und SHA512.',
      'Der Eintrag hat keinen geheimen Schlüssel.',
      'Die Anzahl der Stellen muss zwischen 6 und 8 liegen, nicht 10.',
      'Das Intervall ("soon") ist keine ganze Zahl.',
      'Das Intervall muss eine ganze Zahl von Sekunden von 1 bis 3600 sein, nicht 7200.',
    ]);
  });

  it('is said in French, with its no-break spaces', () => {
    browserInLanguage('fr');
    expect(reasons()).toEqual([
      'Son type «\u00a0yandex\u00a0» n’est pas pris en charge\u00a0; seuls les comptes TOTP, HOTP et Steam peuvent être importés.',
      'L’entrée utilise l’algorithme MD5\u00a0; seuls SHA1, SHA256 et SHA512 sont pris en charge.',
      'L’entrée n’a pas de clé secrète.',
      'Le nombre de chiffres doit être compris entre 6 et 8, et non 10.',
      'La période ("soon") n’est pas un nombre entier.',
      'La période doit être un nombre entier de secondes de 1 à 3600, et non 7200.',
    ]);
  });
});

describe('why a line of a text of setup codes is skipped', () => {
  const TEXT = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&digits=10';
  const reason = () => detectAndParse(TEXT).skipped.map(({ reason }) => reason);

  it("is the shared core's reason, in English as before and in German", () => {
    expect(reason()).toEqual(['The "digits" parameter must be 6 to 8, not 10.']);
    browserInLanguage('de');
    expect(reason()).toEqual(['Der Parameter „digits“ muss zwischen 6 und 8 liegen, nicht 10.']);
  });
});
