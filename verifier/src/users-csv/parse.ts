import { pipeline } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CsvError, type InfoRecord, parse } from 'csv-parse';
import {
  type ColumnKey,
  type CsvUserRow,
  normaliseHeader,
  READ_ONLY_COLUMNS,
  type RowError,
  USER_COLUMNS,
  unguardFormula,
} from './columns.ts';
import { InputScan } from './input-scan.ts';
import { fileTooLarge, type ImportLimit, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, tooManyRows } from './limits.ts';

export type CsvParseResult =
  | { readonly ok: true; readonly rows: readonly CsvUserRow[]; readonly ignoredColumns: readonly string[] }
  | { readonly ok: false; readonly errors: readonly RowError[] }
  | { readonly ok: false; readonly exceeded: ImportLimit };

/** A whole file in memory, or its bytes as they arrive (a file being read, an upload). */
export type CsvInput = string | Uint8Array | AsyncIterable<Uint8Array>;

const HEADER_ROW = 1;
const EXPECTED_HEADER = USER_COLUMNS.map((column) => column.label).join(', ');

const CSV_PROBLEMS: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'A quoted field that starts here is never closed.',
  CSV_INVALID_CLOSING_QUOTE:
    'A closing quote is followed by more text; put the whole field in quotes and double any quote inside it.',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    'A closing quote is followed by more text; put the whole field in quotes and double any quote inside it.',
  INVALID_OPENING_QUOTE: 'A quote appears inside an unquoted field; put the whole field in quotes.',
  CSV_MAX_RECORD_SIZE: 'A row is too long.',
};

const NOT_UTF8: CsvParseResult = {
  ok: false,
  errors: [
    { row: HEADER_ROW, reason: 'The file is not UTF-8 text; save it from the spreadsheet as "CSV UTF-8".' },
  ],
};

/** One record as the parser hands it on, with where it ends (`info.bytes`) to name rows by line. */
interface RawRecord {
  readonly record: string[];
  readonly info: InfoRecord;
}

const PARSER_OPTIONS = { bom: true, info: true, relax_column_count: true, max_record_size: 64 * 1024 };

/** Ends the reading early with the answer it carries; thrown by the byte checks, caught below. */
class Refused extends Error {
  constructor(readonly result: CsvParseResult) {
    super('refused');
  }
}

/** A file in memory goes in slices too, so that other requests are served while a large one is read. */
const SLICE = 64 * 1024;

function* slices(input: string | Uint8Array): Generator<Uint8Array> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  for (let start = 0; start < bytes.length; start += SLICE) yield bytes.subarray(start, start + SLICE);
}

/** The input's chunks, counted and checked before the parser sees them. */
async function* scanned(input: CsvInput, scan: InputScan): AsyncGenerator<Uint8Array> {
  const chunks = typeof input === 'string' || input instanceof Uint8Array ? slices(input) : input;
  for await (const chunk of chunks) {
    if (!scan.add(chunk)) throw new Refused(NOT_UTF8);
    if (scan.bytes > MAX_IMPORT_BYTES) throw new Refused({ ok: false, exceeded: fileTooLarge });
    yield chunk;
    await nextTurn();
  }
  if (!scan.end()) throw new Refused(NOT_UTF8);
}

function malformed(error: CsvError): CsvParseResult {
  const line = typeof error.lines === 'number' ? error.lines : HEADER_ROW;
  return {
    ok: false,
    errors: [{ row: line, reason: CSV_PROBLEMS[error.code] ?? 'The file is not valid CSV here.' }],
  };
}

type HeaderMap = {
  readonly indexes: Record<ColumnKey, number>;
  readonly ignored: string[];
  readonly width: number;
};

function readHeader(cells: readonly string[]): HeaderMap | RowError[] {
  const indexes: Partial<Record<ColumnKey, number>> = {};
  const ignored: string[] = [];
  const errors: RowError[] = [];
  cells.forEach((cell, index) => {
    const name = normaliseHeader(cell);
    const column = USER_COLUMNS.find((candidate) => (candidate.aliases as readonly string[]).includes(name));
    const readOnly = READ_ONLY_COLUMNS.some((c) => (c.aliases as readonly string[]).includes(name));
    if (readOnly) return;
    if (!column) {
      if (cell.trim() !== '') ignored.push(cell.trim());
    } else if (indexes[column.key] !== undefined) {
      errors.push({
        row: HEADER_ROW,
        column: column.key,
        reason: `The column "${column.label}" appears twice.`,
      });
    } else {
      indexes[column.key] = index;
    }
  });
  for (const column of USER_COLUMNS) {
    if (indexes[column.key] === undefined) {
      errors.push({
        row: HEADER_ROW,
        column: column.key,
        reason: `The header has no "${column.label}" column; the columns are: ${EXPECTED_HEADER}.`,
      });
    }
  }
  return errors.length > 0
    ? errors
    : { indexes: indexes as Record<ColumnKey, number>, ignored, width: cells.length };
}

function toRow(
  row: number,
  cells: readonly string[],
  header: HeaderMap,
  errors: RowError[],
): CsvUserRow | null {
  const values: Partial<Record<ColumnKey, string>> = {};
  let complete = true;
  // Extra cells usually mean an unquoted comma shifted the columns; trailing empty cells are harmless.
  if (cells.slice(header.width).some((cell) => cell.trim() !== '')) {
    errors.push({
      row,
      reason: `The row has ${cells.length} values but the header has ${header.width}; put values that contain commas in quotes.`,
    });
    return null;
  }
  for (const column of USER_COLUMNS) {
    const cell = cells[header.indexes[column.key]];
    if (cell === undefined) {
      errors.push({
        row,
        column: column.key,
        reason: `The row has no "${column.label}" value (missing column).`,
      });
      complete = false;
    } else {
      values[column.key] = unguardFormula(cell.trim());
    }
  }
  return complete ? ({ row, ...values } as CsvUserRow) : null;
}

/**
 * Reads a users CSV: comma-separated, UTF-8 with or without a byte order mark, CRLF or LF line ends,
 * quoted fields (with commas, quotes and line breaks inside). Header names are matched loosely; unknown
 * columns are ignored and listed. Blank lines and rows of empty cells are skipped. Reading stops at the
 * first byte or row past the limits, so an oversized file costs no more than a file at the limit.
 */
export async function parseUsersCsv(input: CsvInput): Promise<CsvParseResult> {
  const scan = new InputScan();
  let closed!: () => void;
  const inputClosed = new Promise<void>((resolve) => {
    closed = resolve;
  });
  // Errors reach the loop through the records; the callback only tells when the input is closed.
  const records = pipeline(scanned(input, scan), parse(PARSER_OPTIONS), () => closed());
  try {
    return await readRows(records, scan);
  } catch (error) {
    if (error instanceof Refused) return error.result;
    if (error instanceof CsvError) return malformed(error);
    throw error;
  } finally {
    // Leaving early (a bad header, too many rows) stops the reading; the input is closed before we answer.
    records.destroy();
    await inputClosed;
  }
}

async function readRows(records: AsyncIterable<RawRecord>, scan: InputScan): Promise<CsvParseResult> {
  let header: HeaderMap | undefined;
  let dataRecords = 0;
  let nextStart = 0;
  const rows: CsvUserRow[] = [];
  const errors: RowError[] = [];
  for await (const { record: cells, info } of records) {
    const row = scan.lineAt(nextStart);
    nextStart = info.bytes;
    if (header === undefined) {
      const read = readHeader(cells);
      if (Array.isArray(read)) return { ok: false, errors: read };
      header = read;
      continue;
    }
    if (++dataRecords > MAX_IMPORT_ROWS) return { ok: false, exceeded: tooManyRows };
    if (cells.every((cell) => cell.trim() === '')) continue;
    const parsed = toRow(row, cells, header, errors);
    if (parsed) rows.push(parsed);
  }
  if (!header) {
    return {
      ok: false,
      errors: [{ row: HEADER_ROW, reason: `The file is empty; it needs a header row: ${EXPECTED_HEADER}.` }],
    };
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows, ignoredColumns: header.ignored };
}
