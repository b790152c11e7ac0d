import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OtpAccount } from '../../../shared/index.ts';
import { browserInLanguage } from '../../test-support/browser-language.ts';
import { migrationEntry, migrationUri } from '../../test-support/migration-export.ts';
import { toMigrationPages } from '../transfer/export.ts';
import { classifyQrText } from './classify.ts';

// The phone authenticator's export QR codes: why one cannot be read, or an entry of it, and why an
// account cannot be written to one, in the user's language; English is unchanged.

const APP = { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', issuer: 'Example', account: 'alice' } as const;
const CODES = [
  migrationUri([migrationEntry(APP, 'MD5')]),
  'otpauth-migration://offline',
  'otpauth-migration://offline?data=%ZZ',
];
const account = (change: Partial<OtpAccount>): OtpAccount => ({
  type: 'totp',
  secret: new Uint8Array(10).fill(1),
  issuer: 'Example',
  account: 'bob',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...change,
});
const messages = () => [
  ...CODES.map((code) => {
    const outcome = classifyQrText(code);
    return 'message' in outcome ? outcome.message : outcome.kind;
  }),
  ...toMigrationPages(
    [account({ type: 'steam', digits: 5 }), account({ digits: 7 }), account({ period: 60 })],
    {
      randomBytes: (n) => new Uint8Array(n),
    },
  ).notExported.map(({ reason }) => reason),
];

afterEach(() => vi.unstubAllGlobals());

describe('export QR codes', () => {
  it('say what is wrong in English as before', () => {
    expect(messages()).toEqual([
      'This setup code uses settings this extension cannot use: Entry 1 ("Example:alice") uses MD5, which this authenticator does not support.',
      'This setup code is not valid: The export URI has no "data" parameter.',
      'This setup code is not valid: The export data has a broken percent-encoding; the QR code was probably misread.',
      'Account 1 (Example / bob) is a Steam Guard account; the export format only holds TOTP and HOTP.',
      'Account 1 (Example / bob) has 7 digits; the export format only holds 6 or 8.',
      'Account 1 (Example / bob) changes every 60 seconds; the export format only holds 30-second accounts.',
    ]);
  });

  it('say what is wrong in German', () => {
    browserInLanguage('de');
    expect(messages()).toEqual([
      'Dieser Einrichtungscode nutzt Einstellungen, die diese Erweiterung nicht kann: Eintrag 1 („Example:alice“) nutzt MD5, das dieser Authenticator nicht unterstützt.',
      'Dieser Einrichtungscode ist ungültig: Die Export-URI hat keinen Parameter „data“.',
      'Dieser Einrichtungscode ist ungültig: Die Exportdaten haben eine fehlerhafte Prozentkodierung; der QR-Code wurde wahrscheinlich falsch gelesen.',
      'Konto 1 (Example / bob) ist ein Steam-Guard-Konto; das Exportformat kann nur TOTP und HOTP aufnehmen.',
      'Konto 1 (Example / bob) hat 7 Stellen; das Exportformat kann nur 6 oder 8 aufnehmen.',
      'Konto 1 (Example / bob) wechselt alle 60 Sekunden; das Exportformat kann nur Konten mit 30 Sekunden aufnehmen.',
    ]);
  });

  it('say what is wrong in French', () => {
    browserInLanguage('fr');
    expect(messages()).toEqual([
      'Ce code de configuration utilise des réglages que cette extension ne prend pas en charge\u00a0: Entrée 1 («\u00a0Example:alice\u00a0») utilise MD5, que cet authentificateur ne prend pas en charge.',
      'Ce code de configuration n’est pas valide\u00a0: L’URI d’export n’a pas de paramètre «\u00a0data\u00a0».',
      'Ce code de configuration n’est pas valide\u00a0: Les données d’export ont un encodage-pourcent défectueux\u00a0; le code QR a sans doute été mal lu.',
      'Compte 1 (Example / bob) est un compte Steam Guard\u00a0; le format d’export n’accepte que TOTP et HOTP.',
      'Compte 1 (Example / bob) a 7 chiffres\u00a0; le format d’export n’accepte que 6 ou 8.',
      'Compte 1 (Example / bob) change toutes les 60 secondes\u00a0; le format d’export n’accepte que les comptes à 30 secondes.',
    ]);
  });
});
