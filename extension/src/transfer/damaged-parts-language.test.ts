import { afterEach, describe, expect, it, vi } from 'vitest';
import { aegisContent, encryptedVault } from '../../test-support/aegis-vault.ts';
import { browserInLanguage } from '../../test-support/browser-language.ts';
import { enteEncrypted } from '../../test-support/ente-encrypted-file.ts';
import { twoFasEncrypted } from '../../test-support/foreign-files.ts';
import { otp } from '../../test-support/transfer-fixtures.ts';
import { fromStoredAccount, toStoredAccount } from './backup-account.ts';
import { detectAndParseWithPassword } from './detect.ts';

// Which part of an encrypted file is damaged, and why an account of a backup is unreadable, is
// said in the user's language; English stays word for word what it was.

const PASSWORD = 'right';

async function damagedFiles(): Promise<string[]> {
  const twoFas = twoFasEncrypted(PASSWORD, []);
  const [sealed = '', , nonce = ''] = String(twoFas.servicesEncrypted).split(':');
  const brokenSalt = { ...twoFas, servicesEncrypted: `${sealed}:not*base64:${nonce}` };
  const aegis = await encryptedVault(aegisContent([]), [PASSWORD]);
  const [slot] = aegis.header.slots as Record<string, unknown>[];
  const brokenSlot = { ...aegis, header: { ...aegis.header, slots: [{ ...slot, key: 'zz' }] } };
  const brokenContent = { ...aegis, db: 'not*base64' };
  const ente = await enteEncrypted(PASSWORD, '');
  const kdfParams = ente.kdfParams as Record<string, unknown>;
  const brokenLimit = { ...ente, kdfParams: { ...kdfParams, memLimit: 1.5 } };
  const brokenPasses = { ...ente, kdfParams: { ...kdfParams, opsLimit: 0 } };
  const brokenData = { ...ente, encryptedData: '' };
  const files = [brokenSalt, brokenSlot, brokenContent, brokenLimit, brokenPasses, brokenData];
  return Promise.all(
    files.map((file) =>
      detectAndParseWithPassword(JSON.stringify(file), PASSWORD).then(
        () => 'read',
        (error: Error) => error.message,
      ),
    ),
  );
}

const stored = toStoredAccount(otp(1));

function unreadableAccounts(): string[] {
  const entries: unknown[] = [
    'text',
    { ...stored, extra: 1 },
    { ...stored, site: 'https://example.com/login' },
    { ...stored, pinned: 'yes' },
  ];
  return entries.map((entry, index) => {
    try {
      fromStoredAccount(entry, index);
      return 'read';
    } catch (error) {
      return (error as Error).message;
    }
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('a damaged part of an encrypted file, and an unreadable account of a backup', () => {
  it('are said in English as before', async () => {
    expect(await damagedFiles()).toEqual([
      'The 2FAS backup’s encrypted salt is damaged.',
      'The Aegis export’s password slot is missing or damaged.',
      'The Aegis export’s encrypted content is missing or damaged.',
      'The Ente Auth export’s memory limit is damaged (not a positive whole number).',
      'The Ente Auth export’s number of passes is damaged (not a positive whole number).',
      'The Ente Auth export’s encrypted accounts are damaged.',
    ]);
    expect(unreadableAccounts()).toEqual([
      'Account 1 in the backup is unreadable: it is not an object.',
      'Account 2 in the backup is unreadable: it must have exactly the fields type, secret, issuer, account, algorithm, digits, period, counter, pinned (and optionally site and icon).',
      'Account 3 in the backup is unreadable: its site is not a web origin.',
      'Account 4 in the backup is unreadable: its secret or pinned flag has the wrong type.',
    ]);
  });

  it('are said in German', async () => {
    browserInLanguage('de');
    expect(await damagedFiles()).toEqual([
      'Das verschlüsselte Salt der 2FAS-Sicherung ist beschädigt.',
      'Der Passwort-Slot des Aegis-Exports fehlt oder ist beschädigt.',
      'Der verschlüsselte Inhalt des Aegis-Exports fehlt oder ist beschädigt.',
      'Das Speicherlimit des Ente-Auth-Exports ist beschädigt (keine positive ganze Zahl).',
      'Die Anzahl der Durchläufe des Ente-Auth-Exports ist beschädigt (keine positive ganze Zahl).',
      'Die verschlüsselten Konten des Ente-Auth-Exports sind beschädigt.',
    ]);
    expect(unreadableAccounts()[0]).toBe('Konto 1 der Sicherung ist unlesbar: es ist kein Objekt.');
  });

  it('are said in French, with its no-break space before the colon', async () => {
    browserInLanguage('fr');
    expect((await damagedFiles())[1]).toBe(
      'L’emplacement du mot de passe de l’export Aegis est absent ou endommagé.',
    );
    expect(unreadableAccounts()[2]).toBe(
      'Le compte 3 de la sauvegarde est illisible\u00a0: son site n’est pas une origine web.',
    );
  });

  it('are said in Spanish', async () => {
    browserInLanguage('es');
    expect((await damagedFiles())[5]).toBe(
      'Las cuentas cifradas de la exportación de Ente Auth están dañadas.',
    );
    expect(unreadableAccounts()[3]).toBe(
      'La cuenta 4 de la copia de seguridad es ilegible: su clave secreta o su marca de fijado tiene un tipo incorrecto.',
    );
  });
});
