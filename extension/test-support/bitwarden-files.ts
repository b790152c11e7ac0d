import { otpauthUri } from './foreign-files.ts';
import type { AppAccount } from './independent-codes.ts';

/** Bitwarden's unencrypted exports (JSON and CSV) as its export screen writes them. */

/** How Bitwarden stores an authenticator key: a URI, a bare secret for the defaults, steam:// for Steam. */
export function totpField(app: AppAccount, index: number): string {
  if (app.type === 'steam') return `steam://${app.secret}`;
  const defaults = !app.algorithm && !app.digits && !app.period && app.type === 'totp';
  return defaults && index % 2 === 0
    ? app.secret
        .toLowerCase()
        .replace(/(.{4})/g, '$1 ')
        .trim()
    : otpauthUri(app);
}

export function bitwardenJson(apps: AppAccount[], extraItems: unknown[] = []) {
  return {
    encrypted: false,
    folders: [{ id: 'f1', name: 'Work' }],
    items: [
      ...apps.map((app, index) => ({
        id: `item-${index}`,
        organizationId: null,
        folderId: null,
        type: 1,
        reprompt: 0,
        name: app.issuer,
        notes: null,
        favorite: false,
        login: {
          uris: [{ match: null, uri: 'https://example.com' }],
          username: app.account,
          password: 'pw',
          totp: totpField(app, index),
        },
        collectionIds: null,
      })),
      ...extraItems,
    ],
  };
}

export const csvCell = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

export function bitwardenCsv(apps: AppAccount[]): string {
  const header =
    'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';
  const rows = apps.map((app, index) =>
    [
      '',
      '',
      'login',
      app.issuer,
      'a note, with "quotes"\nand a line',
      '',
      '0',
      'https://example.com',
      app.account,
      'pw',
      totpField(app, index),
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[header, ...rows, ',,login,Just a password,,,0,https://x.example,me,pw,'].join('\n')}\n`;
}
