import { describe, expect, it } from 'vitest';
import { errors, existing, groups, HEADER, plan } from '../../test-support/users-csv-fixtures.ts';
import { type ExistingUser, planImportFromCsv } from './index.ts';

describe('planning an import', () => {
  it('lists new users, updates field by field, and unchanged users', async () => {
    const result = await plan(
      [
        HEADER,
        'ANA,ana@example.org,Ana Lima,Admin,local,y',
        'bo,bo@new.example.org,Bo,"Night, ""late"" shift",sso,Y',
        'cy,cy@example.org,Cy,agent,LOCAL,y',
      ].join('\r\n'),
    );
    expect(result.unchanged).toEqual([{ row: 2, id: 10, username: 'ana' }]);
    expect(result.updates).toEqual([
      {
        row: 3,
        id: 11,
        username: 'bo',
        changes: [
          { field: 'email', from: 'bo@example.org', to: 'bo@new.example.org' },
          { field: 'source', from: 'local', to: 'sso' },
          { field: 'twoFactorEnabled', from: false, to: true },
          { field: 'group', from: 'Agent', to: 'Night, "late" shift' },
        ],
        set: { email: 'bo@new.example.org', source: 'sso', twoFactorEnabled: true, groupId: 5 },
      },
    ]);
    expect(result.creates).toEqual([
      {
        row: 4,
        username: 'cy',
        fields: {
          email: 'cy@example.org',
          displayName: 'Cy',
          groupId: 2,
          source: 'local',
          twoFactorEnabled: true,
        },
      },
    ]);
  });

  it('rejects the whole file with every row error: unknown group, bad y/n, duplicate username, bad e-mail', async () => {
    const csv = [
      HEADER,
      'ana,ana@example.org,Ana,Admins,local,y',
      'bo,bo@example.org,Bo,Agent,local,yes',
      'cy,cy@example,Cy,Agent,local,n',
      'Cy,cy@example.org,Cy,Agent,local,n',
      'dee,dee@example.org,Dee,Contractors,local,y',
      'ed,ed@example.org,Ed,Agent,ldap,n',
    ].join('\n');
    expect(await errors(csv)).toEqual([
      { row: 2, column: 'group', reason: 'There is no group named "Admins".' },
      { row: 3, column: 'twoFactorEnabled', reason: '"2FA Enabled" must be y or n, not "yes".' },
      { row: 4, column: 'email', reason: '"cy@example" is not a valid e-mail address.' },
      { row: 5, column: 'username', reason: 'The username "Cy" is already on row 4.' },
      {
        row: 6,
        column: 'twoFactorEnabled',
        reason:
          'The group "Contractors" has 2FA turned off, so its members cannot have it on; turn it on for the group first.',
      },
      { row: 7, column: 'source', reason: 'The sign-in source must be "local" or "sso", not "ldap".' },
    ]);
  });

  it('refuses usernames and display names the user admin would refuse', async () => {
    expect(
      await errors(`${HEADER}
"jo smith",jo@example.org,${'x'.repeat(101)},Agent,local,n
`),
    ).toEqual([
      {
        row: 2,
        column: 'username',
        reason: 'The username "jo smith" may only contain letters, digits and . _ @ -',
      },
      { row: 2, column: 'displayName', reason: 'The display name is longer than 100 characters.' },
    ]);
  });

  it('keeps an address already stored even when it would not pass the check for new addresses', async () => {
    const legacy = [{ ...existing[1], email: 'bo@localhost' } as ExistingUser];
    expect(
      (
        await plan(
          `${HEADER}
bo,bo@localhost,Bo,Agent,local,n
`,
          legacy,
        )
      ).unchanged,
    ).toHaveLength(1);
    expect(
      (
        await planImportFromCsv(
          `${HEADER}
bo,bo2@localhost,Bo,Agent,local,n
`,
          legacy,
          groups,
        )
      ).ok,
    ).toBe(false);
  });

  it('keeps a username and display name already stored even when new ones would not pass the rules', async () => {
    const legacy = [{ ...existing[1], username: 'bo smith', displayName: 'Bo\u0085' } as ExistingUser];
    expect(
      (await plan(`${HEADER}\nbo smith,bo@example.org,"Bo\u0085",Agent,local,n\n`, legacy)).unchanged,
    ).toHaveLength(1);
    expect(
      (
        await planImportFromCsv(
          `${HEADER}\nbo smith,bo@example.org,"Bo\u0086",Agent,local,n\n`,
          legacy,
          groups,
        )
      ).ok,
    ).toBe(false);
  });

  it.each([
    ['plain@example.org', true],
    ['first.last+tag@sub.example.co', true],
    ["o'brien@xn--bcher-kva.example", true],
    ['no-at-sign.example.org', false],
    ['two@@example.org', false],
    ['space in@example.org', false],
    ['.dot@example.org', false],
    ['a@-bad.example', false],
    ['a@example.123', false],
    ['', true],
  ])('treats the e-mail address %s as valid: %s', async (email, valid) => {
    const result = await planImportFromCsv(`${HEADER}\nzed,${email},Zed,Agent,local,n\n`, existing, groups);
    expect(result.ok).toBe(valid);
  });

  it('plans 10,000 rows', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 10_000; i++)
      lines.push(`user${i},user${i}@example.org,"User, ${i}",Agent,local,${i % 2 ? 'y' : 'n'}`);
    const result = await plan(lines.join('\r\n'));
    expect(result.creates).toHaveLength(10_000);
    expect(result.creates[9_999]).toMatchObject({ row: 10_001, username: 'user9999' });
  });
});
