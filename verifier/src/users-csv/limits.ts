/**
 * How much one import file may hold. Both limits are checked while the file is read, so a file over
 * either is refused without being read to its end.
 */

/** Rows after the header, blank ones included; 10,000 rows apply in well under a second. */
export const MAX_IMPORT_ROWS = 50_000;

/**
 * 50,000 rows of a full name, an address and a group are about 5 MiB; 8 MiB leaves room for long
 * names in scripts that take two or three bytes a letter.
 */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

/** A file refused as a whole for its size, before its rows are checked. */
export interface ImportLimit {
  readonly code: 'file_too_large' | 'too_many_rows';
  readonly message: string;
}

const SPLIT = 'the most one import takes; split it into smaller files.';

export const fileTooLarge: ImportLimit = {
  code: 'file_too_large',
  message: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB, ${SPLIT}`,
};

export const tooManyRows: ImportLimit = {
  code: 'too_many_rows',
  message: `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows, ${SPLIT}`,
};
