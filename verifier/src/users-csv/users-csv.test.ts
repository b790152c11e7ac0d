import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ExistingUser,
  exportUsersCsv,
  type ImportGroup,
  type ImportPlan,
  parseUsersCsv,
  planImport,
  planImportFromCsv,
  type RowError,
  type UserCsvRecord,
} from './index.ts';

const groups: ImportGroup[] = [
  { id: 1, name: 'Admin', twoFactorEnabled: true },
  { id: 2, name: 'Agent', twoFactorEnabled: true },
  { id: 5, name: 'Night, "late" shift', twoFactorEnabled: true },
  { id: 6, name: 'Contractors', twoFactorEnabled: false },
];

const existing: ExistingUser[] = [
  {
    id: 10,
    username: 'ana',
    email: 'ana@example.org',
    displayName: 'Ana Lima',
    groupId: 1,
    source: 'local',
    twoFactorEnabled: true,
  },
  {
    id: 11,
    username: 'bo',
    email: 'bo@example.org',
    displayName: 'Bo',
    groupId: 2,
    source: 'local',
    twoFactorEnabled: false,
  },
];

const HEADER = 'Username,Email,Display Name,Group,Sign-in Source,2FA Enabled';

function plan(csv: string, users = existing): ImportPlan {
  const result = planImportFromCsv(csv, users, groups);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
}

function errors(csv: string | Uint8Array): RowError[] {
  const result = planImportFromCsv(csv, existing, groups);
  if (result.ok) throw new Error('expected the file to be refused');
  return [...result.errors];
}

describe('exporting users', () => {
  it('writes a header, one CRLF-ended row per user and y/n in the last column, with a BOM for spreadsheets', () => {
    const csv = exportUsersCsv([
      {
        username: 'ana',
        email: 'ana@example.org',
        displayName: 'Lima, Ana "AL"',
        group: 'Admin',
        source: 'local',
        twoFactorEnabled: true,
      },
      {
        username: 'sam',
        email: 'sam@example.org',
        displayName: 'Sam',
        group: 'Agent',
        source: 'sso',
        twoFactorEnabled: false,
      },
    ]);
    expect(csv).toBe(
      `\uFEFF${HEADER}\r\nana,ana@example.org,"Lima, Ana ""AL""",Admin,local,y\r\nsam,sam@example.org,Sam,Agent,sso,n\r\n`,
    );
  });

  it('keeps spreadsheets from running a value as a formula, and imports it back unchanged', () => {
    const users = [{ ...existing[0], displayName: '=HYPERLINK("http://evil.test","x")' } as ExistingUser];
    const csv = exportUsersCsv([{ ...users[0], group: 'Admin' } as unknown as UserCsvRecord]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(plan(csv, users).unchanged).toHaveLength(1);
  });
});

describe('reading an import file', () => {
  it('accepts a BOM, CRLF, quoted commas, quotes and line breaks, and reports the line each row starts on', () => {
    const csv = `\uFEFF${HEADER}\r\n"ana","ana@example.org","Lima, ""Ana""",Admin,local,y\r\n\r\ncy,cy@example.org,"two\r\nlines",Agent,local,n\r\ndee,dee@example.org,Dee,Agent,local,n\r\n`;
    const parsed = parseUsersCsv(csv);
    expect(parsed.ok && parsed.rows.map((row) => [row.row, row.username, row.displayName])).toEqual([
      [2, 'ana', 'Lima, "Ana"'],
      [4, 'cy', 'two\r\nlines'],
      [6, 'dee', 'Dee'],
    ]);
  });

  it('matches header names loosely, in any order, and lists the columns it ignores', () => {
    const csv =
      'E-mail,USERNAME,group,2FA enabled,Notes,Sign in source,Display name\nbo@example.org,bo,Agent,n,hi,local,Bo\n';
    const parsed = parseUsersCsv(csv);
    expect(parsed).toMatchObject({
      ok: true,
      ignoredColumns: ['Notes'],
      rows: [{ row: 2, username: 'bo', email: 'bo@example.org' }],
    });
    expect(plan(csv).unchanged).toEqual([{ row: 2, id: 11, username: 'bo' }]);
  });

  it('skips blank lines and rows of empty cells that spreadsheets leave at the end', () => {
    expect(plan(`${HEADER}\nbo,bo@example.org,Bo,Agent,local,n\n,,,,,\n\n`).unchanged).toHaveLength(1);
  });

  it('names every missing column in the header', () => {
    expect(errors('Username,Email,Group\nbo,bo@example.org,Agent\n')).toEqual([
      expect.objectContaining({
        row: 1,
        column: 'displayName',
        reason: expect.stringMatching(/no "Display Name" column/),
      }),
      expect.objectContaining({ row: 1, column: 'source' }),
      expect.objectContaining({ row: 1, column: 'twoFactorEnabled' }),
    ]);
  });

  it('refuses a row that is missing values or has more values than the header', () => {
    expect(
      errors(`${HEADER}\nbo,bo@example.org,Bo,Agent\nann,ann@example.org,Smith, Ann,Agent,local,n\n`),
    ).toEqual([
      { row: 2, column: 'source', reason: 'The row has no "Sign-in Source" value (missing column).' },
      { row: 2, column: 'twoFactorEnabled', reason: 'The row has no "2FA Enabled" value (missing column).' },
      {
        row: 3,
        reason: 'The row has 7 values but the header has 6; put values that contain commas in quotes.',
      },
    ]);
  });

  it('refuses malformed CSV with the line of the problem', () => {
    expect(
      errors(`${HEADER}\nbo,bo@example.org,Bo,Agent,local,n\nann,"ann@example.org,Ann,Agent,local,n\n`),
    ).toEqual([{ row: 3, reason: 'A quoted field that starts here is never closed.' }]);
    expect(errors(`${HEADER}\nbo,"bo"x,Bo,Agent,local,n\n`)[0]).toMatchObject({
      row: 2,
      reason: expect.stringMatching(/closing quote/),
    });
  });

  it('refuses an empty file and a file that is not UTF-8', () => {
    expect(errors('')).toEqual([
      { row: 1, reason: expect.stringMatching(/^The file is empty; it needs a header row: Username, Email/) },
    ]);
    expect(errors(new Uint8Array([0x55, 0x73, 0xff, 0xfe, 0x0a]))[0]?.reason).toMatch(/not UTF-8/);
  });
});

describe('planning an import', () => {
  it('lists new users, updates field by field, and unchanged users', () => {
    const result = plan(
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

  it('rejects the whole file with every row error: unknown group, bad y/n, duplicate username, bad e-mail', () => {
    const csv = [
      HEADER,
      'ana,ana@example.org,Ana,Admins,local,y',
      'bo,bo@example.org,Bo,Agent,local,yes',
      'cy,cy@example,Cy,Agent,local,n',
      'Cy,cy@example.org,Cy,Agent,local,n',
      'dee,dee@example.org,Dee,Contractors,local,y',
      'ed,ed@example.org,Ed,Agent,ldap,n',
    ].join('\n');
    expect(errors(csv)).toEqual([
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

  it('refuses usernames and display names the user admin would refuse', () => {
    expect(
      errors(`${HEADER}
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

  it('keeps an address already stored even when it would not pass the check for new addresses', () => {
    const legacy = [{ ...existing[1], email: 'bo@localhost' } as ExistingUser];
    expect(
      plan(
        `${HEADER}
bo,bo@localhost,Bo,Agent,local,n
`,
        legacy,
      ).unchanged,
    ).toHaveLength(1);
    expect(
      planImportFromCsv(
        `${HEADER}
bo,bo2@localhost,Bo,Agent,local,n
`,
        legacy,
        groups,
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
  ])('treats the e-mail address %s as valid: %s', (email, valid) => {
    const result = planImportFromCsv(`${HEADER}\nzed,${email},Zed,Agent,local,n\n`, existing, groups);
    expect(result.ok).toBe(valid);
  });

  it('plans 10,000 rows', () => {
    const lines = [HEADER];
    for (let i = 0; i < 10_000; i++)
      lines.push(`user${i},user${i}@example.org,"User, ${i}",Agent,local,${i % 2 ? 'y' : 'n'}`);
    const result = plan(lines.join('\r\n'));
    expect(result.creates).toHaveLength(10_000);
    expect(result.creates[9_999]).toMatchObject({ row: 10_001, username: 'user9999' });
  });
});

describe('import properties', () => {
  it('answers any text or bytes with a plan or with row errors, never a crash', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc
        .array(
          fc.constantFrom(
            'ana',
            'bo',
            'x@y.org',
            'Agent',
            'local',
            'y',
            'n',
            ',',
            '"',
            '\r\n',
            '\n',
            ' ',
            '\uFEFF',
            "'=",
          ),
          { maxLength: 60 },
        )
        .map((parts) => `${HEADER}\n${parts.join('')}`),
    );
    fc.assert(
      fc.property(fc.oneof(text, fc.uint8Array()), (input) => {
        const result = planImportFromCsv(input, existing, groups);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) {
            expect(error.row).toBeGreaterThanOrEqual(1);
            expect(error.reason).toMatch(/\S/);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('imports an export of any valid users as unchanged', () => {
    const clean = (value: string) => value === value.trim() && !/\p{Cc}/u.test(value);
    const user = fc.record({
      username: fc.stringMatching(/^[A-Za-z0-9._@-]{1,20}$/).map((name) => name.toLowerCase()),
      email: fc.oneof(fc.emailAddress(), fc.constant(''), fc.constant('legacy@localhost')),
      displayName: fc.string({ unit: 'grapheme', maxLength: 20 }).filter(clean),
      group: fc.constantFrom(...groups),
      source: fc.constantFrom('local' as const, 'sso' as const),
      twoFactorEnabled: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(user, { selector: (u) => u.username.toLowerCase(), maxLength: 20 }),
        (users) => {
          const stored: ExistingUser[] = users.map((u, index) => ({
            id: index,
            username: u.username,
            email: u.email,
            displayName: u.displayName,
            groupId: u.group.id,
            source: u.source,
            twoFactorEnabled: u.twoFactorEnabled && u.group.twoFactorEnabled,
          }));
          const csv = exportUsersCsv(
            stored.map((u, index) => ({ ...u, group: users[index]?.group.name ?? '' })),
          );
          const result = planImport(
            (() => {
              const parsed = parseUsersCsv(csv);
              if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
              return parsed.rows;
            })(),
            stored,
            groups,
          );
          if (!result.ok) throw new Error(JSON.stringify(result.errors));
          expect(result.plan.creates).toEqual([]);
          expect(result.plan.updates).toEqual([]);
          expect(result.plan.unchanged.map((u) => u.id)).toEqual(stored.map((u) => u.id));
        },
      ),
      { numRuns: 200 },
    );
  });
});
