import { describe, expect, it } from 'vitest';
import { parseUsersCsv } from './index.ts';
import { errors, HEADER, plan } from './test-fixtures.ts';

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
