import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserInLanguage } from '../../test-support/browser-language.ts';
import { andOtpEncrypted, twoFasEncrypted } from '../../test-support/foreign-files.ts';
import { detectAndParse, detectAndParseWithPassword, type ImportInput } from './detect.ts';

// Why a whole file cannot be imported (not a format read here, damaged, encrypted, wrong
// password) is said in the user's language; English stays word for word what it was.

const TWO_FAS = JSON.stringify(twoFasEncrypted('right', []));
const AND_OTP = andOtpEncrypted('right', []);
const PLAIN: ImportInput[] = [
  '{"note": "not an authenticator"}',
  '{"services": [',
  'hello',
  JSON.stringify({ encrypted: true, items: [] }),
  TWO_FAS,
];

async function messages(): Promise<string[]> {
  const plain = PLAIN.map((input) => {
    try {
      detectAndParse(input);
      return 'read';
    } catch (error) {
      return (error as Error).message;
    }
  });
  const wrong = await Promise.all(
    [TWO_FAS, AND_OTP].map((input) =>
      detectAndParseWithPassword(input, 'wrong').then(
        () => 'read',
        (error: Error) => error.message,
      ),
    ),
  );
  return [...plain, ...wrong];
}

afterEach(() => vi.unstubAllGlobals());

describe('why a file cannot be imported', () => {
  it('is said in English as before', async () => {
    expect(await messages()).toEqual([
      'This JSON file is not an export this extension can read (Aegis, 2FAS, andOTP, Bitwarden, Ente Auth (encrypted), FreeOTP+, Proton Authenticator, Stratum, the Authenticator extension, or this extension’s own backup).',
      'The file looks like a JSON export but is incomplete or damaged.',
      'No accounts found: expected otpauth:// or otpauth-migration:// lines, a Bitwarden CSV file, or an exported JSON file.',
      'This Bitwarden export is encrypted; export the vault again as “.json” (not “.json (Encrypted)”).',
      'This 2FAS backup is password protected: enter the password it was made with.',
      'The password does not open this 2FAS backup.',
      'The password does not open this andOTP backup (or the file is damaged).',
    ]);
  });

  it('is said in German', async () => {
    browserInLanguage('de');
    expect(await messages()).toEqual([
      'Diese JSON-Datei ist kein Export, den diese Erweiterung lesen kann (Aegis, 2FAS, andOTP, Bitwarden, Ente Auth (verschlüsselt), FreeOTP+, Proton Authenticator, Stratum, die Authenticator-Erweiterung oder eine Sicherung dieser Erweiterung).',
      'Die Datei sieht aus wie ein JSON-Export, ist aber unvollständig oder beschädigt.',
      'Keine Konten gefunden: Erwartet werden Zeilen mit otpauth:// oder otpauth-migration://, eine Bitwarden-CSV-Datei oder eine exportierte JSON-Datei.',
      'Dieser Bitwarden-Export ist verschlüsselt; exportiere den Tresor erneut als „.json“ (nicht „.json (Encrypted)“).',
      'Diese 2FAS-Sicherung ist passwortgeschützt: Gib das Passwort ein, mit dem sie erstellt wurde.',
      'Das Passwort öffnet diese 2FAS-Sicherung nicht.',
      'Das Passwort öffnet diese andOTP-Sicherung nicht (oder die Datei ist beschädigt).',
    ]);
  });

  it('is said in Spanish', async () => {
    browserInLanguage('es');
    expect(await messages()).toEqual([
      'Este archivo JSON no es una exportación que esta extensión pueda leer (Aegis, 2FAS, andOTP, Bitwarden, Ente Auth (cifrada), FreeOTP+, Proton Authenticator, Stratum, la extensión Authenticator o una copia de seguridad de esta extensión).',
      'El archivo parece una exportación JSON, pero está incompleto o dañado.',
      'No se encontraron cuentas: se esperaban líneas otpauth:// u otpauth-migration://, un archivo CSV de Bitwarden o un archivo JSON exportado.',
      'Esta exportación de Bitwarden está cifrada; vuelve a exportar la caja fuerte como «.json» (no «.json (Encrypted)»).',
      'Esta copia de seguridad de 2FAS está protegida con contraseña: escribe la contraseña con la que se creó.',
      'La contraseña no abre esta copia de seguridad de 2FAS.',
      'La contraseña no abre esta copia de seguridad de andOTP (o el archivo está dañado).',
    ]);
  });
});
