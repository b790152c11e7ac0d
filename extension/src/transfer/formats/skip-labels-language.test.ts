import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeMigrationUris, type OtpAccount } from '../../../../shared/index.ts';
import { aegisPlainVault } from '../../../test-support/aegis-vault.ts';
import { browserInLanguage } from '../../../test-support/browser-language.ts';
import { detectAndParse } from '../detect.ts';

// The names given to entries that have none (a line, a position, a missing export QR code) and
// the less common reasons an entry is skipped read in the user's language; English is unchanged.

const account = (name: string): OtpAccount => ({
  type: 'totp',
  secret: new Uint8Array(10).fill(name.length),
  issuer: 'Example',
  account: name,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
});
const [firstPart] = encodeMigrationUris([account('a'), account('bb')], { batchSize: 1, batchId: 7 });
const TEXT = [
  'hello',
  'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP',
  'otpauth://totp/Example:bob?secret=JBSWY3DPEHPK3PXP',
  firstPart,
].join('\n');
const AEGIS = JSON.stringify(aegisPlainVault([5, { type: 'totp', name: 'x', issuer: 'Y' }]));
const skipped = () =>
  [TEXT, AEGIS].flatMap((input) =>
    detectAndParse(input).skipped.map(({ label, reason }) => `${label}: ${reason}`),
  );

afterEach(() => vi.unstubAllGlobals());

describe('entries without a name of their own, and less common reasons', () => {
  it('are said in English as before', () => {
    expect(skipped()).toEqual([
      'Line 1: It is not an otpauth:// or otpauth-migration:// URI.',
      'Example (bob): It has the same key as Example (alice), also in this file; that one is added.',
      'Export QR code 2 of 2: It was not included; scan or paste it too to import the accounts it holds.',
      'Entry 1: It is not an entry object.',
      'Y (x): It has no OTP parameters.',
    ]);
  });

  it('are said in German', () => {
    browserInLanguage('de');
    expect(skipped()).toEqual([
      'Zeile 1: Das ist keine otpauth://- oder otpauth-migration://-URI.',
      'Example (bob): Der Eintrag hat denselben geheimen Schlüssel wie Example (alice), ebenfalls in dieser Datei; jenes Konto wird hinzugefügt.',
      'Export-QR-Code 2 von 2: Er war nicht dabei; scanne ihn oder füge ihn ebenfalls ein, um die Konten darin zu importieren.',
      'Eintrag 1: Es ist kein Eintragsobjekt.',
      'Y (x): Der Eintrag hat keine OTP-Parameter.',
    ]);
  });

  it('are said in French', () => {
    browserInLanguage('fr');
    expect(skipped()).toEqual([
      'Ligne 1: Ce n’est pas une URI otpauth:// ou otpauth-migration://.',
      'Example (bob): L’entrée a la même clé secrète que Example (alice), également dans ce fichier\u00a0; c’est ce compte-là qui est ajouté.',
      'Code QR d’export 2 sur 2: Il n’était pas inclus\u00a0; scannez-le ou collez-le aussi pour importer les comptes qu’il contient.',
      'Entrée 1: Ce n’est pas un objet d’entrée.',
      'Y (x): L’entrée n’a pas de paramètres OTP.',
    ]);
  });
});
