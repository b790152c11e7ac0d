import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errors, HEADER, plan } from '../../test-support/users-csv-fixtures.ts';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, parseUsersCsv } from './index.ts';

describe('reading an import file', () => {
  it('accepts a BOM, CRLF, quoted commas, quotes and line breaks, and reports the line each row starts on', async () => {
    const csv = `\uFEFF${HEADER}\r\n"ana","ana@example.org","Lima, ""Ana""",Admin,local,y\r\n\r\ncy,cy@example.org,"two\r\nlines",Agent,local,n\r\ndee,dee@example.org,Dee,Agent,local,n\r\n`;
    const parsed = await parseUsersCsv(csv);
    expect(parsed.ok && parsed.rows.map((row) => [row.row, row.username, row.displayName])).toEqual([
      [2, 'ana', 'Lima, "Ana"'],
      [4, 'cy', 'two\r\nlines'],
      [6, 'dee', 'Dee'],
    ]);
  });

  it('matches header names loosely, in any order, and lists the columns it ignores', async () => {
    const csv =
      'E-mail,USERNAME,group,2FA enabled,Notes,Sign in source,Display name\nbo@example.org,bo,Agent,n,hi,local,Bo\n';
    const parsed = await parseUsersCsv(csv);
    expect(parsed).toMatchObject({
      ok: true,
      ignoredColumns: ['Notes'],
      rows: [{ row: 2, username: 'bo', email: 'bo@example.org' }],
    });
    expect((await plan(csv)).unchanged).toEqual([{ row: 2, id: 11, username: 'bo' }]);
  });

  it('skips blank lines and rows of empty cells that spreadsheets leave at the end', async () => {
    expect((await plan(`${HEADER}\nbo,bo@example.org,Bo,Agent,local,n\n,,,,,\n\n`)).unchanged).toHaveLength(
      1,
    );
  });

  it('names every missing column in the header', async () => {
    expect(await errors('Username,Email,Group\nbo,bo@example.org,Agent\n')).toEqual([
      expect.objectContaining({
        row: 1,
        column: 'displayName',
        reason: expect.stringMatching(/no "Display Name" column/),
      }),
      expect.objectContaining({ row: 1, column: 'source' }),
      expect.objectContaining({ row: 1, column: 'twoFactorEnabled' }),
    ]);
  });

  it('refuses a row that is missing values or has more values than the header', async () => {
    expect(
      await errors(`${HEADER}\nbo,bo@example.org,Bo,Agent\nann,ann@example.org,Smith, Ann,Agent,local,n\n`),
    ).toEqual([
      { row: 2, column: 'source', reason: 'The row has no "Sign-in Source" value (missing column).' },
      { row: 2, column: 'twoFactorEnabled', reason: 'The row has no "2FA Enabled" value (missing column).' },
      {
        row: 3,
        reason: 'The row has 7 values but the header has 6; put values that contain commas in quotes.',
      },
    ]);
  });

  it('refuses malformed CSV with the line of the problem', async () => {
    expect(
      await errors(`${HEADER}\nbo,bo@example.org,Bo,Agent,local,n\nann,"ann@example.org,Ann,Agent,local,n\n`),
    ).toEqual([{ row: 3, reason: 'A quoted field that starts here is never closed.' }]);
    expect((await errors(`${HEADER}\nbo,"bo"x,Bo,Agent,local,n\n`))[0]).toMatchObject({
      row: 2,
      reason: expect.stringMatching(/closing quote/),
    });
  });

  it('refuses an empty file and a file that is not UTF-8', async () => {
    expect(await errors('')).toEqual([
      { row: 1, reason: expect.stringMatching(/^The file is empty; it needs a header row: Username, Email/) },
    ]);
    expect((await errors(new Uint8Array([0x55, 0x73, 0xff, 0xfe, 0x0a])))[0]?.reason).toMatch(/not UTF-8/);
  });
});

/** A file that never ends: reading it to the end first would never answer. */
function endless(row: (index: number) => string) {
  const source = { closed: false, chunks: chunks() };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      yield Buffer.from(`${HEADER}\r\n`);
      for (let index = 0; ; index += 100) {
        yield Buffer.from(Array.from({ length: 100 }, (_, i) => `${row(index + i)}\r\n`).join(''));
      }
    } finally {
      source.closed = true;
    }
  }
  return source;
}

async function* inPieces(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    yield bytes.subarray(start, cut);
    start = cut;
  }
  yield bytes.subarray(start);
}

describe('reading a file as it arrives', () => {
  it('reads the same rows and line numbers wherever the chunks are cut, even inside a letter', async () => {
    const csv = Buffer.from(
      `\uFEFF${HEADER}\r\nzoë,,"Zoë ""Z"" Ødegård",Agent,local,n\r\n\r\ncy,,"two\r\nlines",Agent,local,n\r\ned,,"one\rtwo",Agent,local,n\r\ndee,,Dee 😀,Agent,local,y`,
    );
    const whole = await parseUsersCsv(csv);
    expect(whole.ok && whole.rows.map((row) => row.row)).toEqual([2, 4, 6, 8]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: csv.length }), { maxLength: 12 }), async (cuts) => {
        expect(await parseUsersCsv(inPieces(csv, cuts))).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the limits of one import file', () => {
  it(`reads a file of exactly ${MAX_IMPORT_ROWS} rows`, async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `u${i},,U,Agent,local,n`);
    const parsed = await parseUsersCsv(`${HEADER}\n${rows.join('\n')}\n`);
    expect(parsed.ok && parsed.rows.length).toBe(MAX_IMPORT_ROWS);
  });

  it('stops reading at the first row past the cap and names the cap', async () => {
    const source = endless((i) => `user${i},,User,Agent,local,n`);
    const parsed = await parseUsersCsv(source.chunks);
    expect(source.closed).toBe(true);
    expect(parsed).toEqual({
      ok: false,
      exceeded: {
        code: 'too_many_rows',
        message:
          'The file has more than 50,000 rows, the most one import takes; split it into smaller files.',
      },
    });
  });

  it('stops reading past the byte limit and names the limit', async () => {
    const source = endless((i) => `user${i},,${'x'.repeat(2000)},Agent,local,n`);
    const parsed = await parseUsersCsv(source.chunks);
    expect(source.closed).toBe(true);
    expect(parsed).toEqual({
      ok: false,
      exceeded: {
        code: 'file_too_large',
        message: 'The file is larger than 8 MiB, the most one import takes; split it into smaller files.',
      },
    });
    expect(MAX_IMPORT_BYTES).toBe(8 * 1024 * 1024);
  });
});
