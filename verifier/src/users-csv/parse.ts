import { CsvError, parse } from 'csv-parse/sync';
import {
  type ColumnKey,
  type CsvUserRow,
  normaliseHeader,
  type RowError,
  USER_COLUMNS,
  unguardFormula,
} from './columns.ts';

export const MAX_IMPORT_ROWS = 50_000;

export type CsvParseResult =
  | { readonly ok: true; readonly rows: readonly CsvUserRow[]; readonly ignoredColumns: readonly string[] }
  | { readonly ok: false; readonly errors: readonly RowError[] };

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

function decode(input: string | Uint8Array): Buffer | RowError {
  if (typeof input === 'string') return Buffer.from(input, 'utf8');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return {
      row: HEADER_ROW,
      reason: 'The file is not UTF-8 text; save it from the spreadsheet as "CSV UTF-8".',
    };
  }
  return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

/** Line numbers (1-based) at which each record starts, from the byte offsets where the records end. */
function lineCounter(bytes: Buffer): (offset: number) => number {
  let position = 0;
  let line = 1;
  return (offset) => {
    for (; position < offset && position < bytes.length; position++) {
      const byte = bytes[position];
      if (byte === 0x0a || (byte === 0x0d && bytes[position + 1] !== 0x0a)) line++;
    }
    return line;
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
 * Reads an uploaded users CSV: comma-separated, UTF-8 with or without a byte order mark, CRLF or LF line
 * ends, quoted fields (with commas, quotes and line breaks inside). Header names are matched loosely;
 * unknown columns are ignored and listed. Blank lines and rows of empty cells are skipped.
 */
export function parseUsersCsv(input: string | Uint8Array): CsvParseResult {
  const bytes = decode(input);
  if (!Buffer.isBuffer(bytes)) return { ok: false, errors: [bytes] };
  let records: Array<{ record: string[]; info: { bytes: number } }>;
  try {
    records = parse(bytes, {
      bom: true,
      info: true,
      relax_column_count: true,
      max_record_size: 64 * 1024,
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : HEADER_ROW;
    return {
      ok: false,
      errors: [{ row: line, reason: CSV_PROBLEMS[error.code] ?? 'The file is not valid CSV here.' }],
    };
  }
  const lineAt = lineCounter(bytes);
  const [first, ...data] = records;
  if (!first) {
    return {
      ok: false,
      errors: [{ row: HEADER_ROW, reason: `The file is empty; it needs a header row: ${EXPECTED_HEADER}.` }],
    };
  }
  const header = readHeader(first.record);
  if (Array.isArray(header)) return { ok: false, errors: header };
  if (data.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      errors: [{ row: HEADER_ROW, reason: `The file has more than ${MAX_IMPORT_ROWS} rows; split it.` }],
    };
  }
  const rows: CsvUserRow[] = [];
  const errors: RowError[] = [];
  let previousEnd = first.info.bytes;
  for (const { record, info } of data) {
    const row = lineAt(previousEnd);
    previousEnd = info.bytes;
    if (record.every((cell) => cell.trim() === '')) continue;
    const parsed = toRow(row, record, header, errors);
    if (parsed) rows.push(parsed);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows, ignoredColumns: header.ignored };
}
