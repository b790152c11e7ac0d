export {
  type ColumnKey,
  type CsvUserRow,
  guardFormula,
  type RowError,
  type SignInSource,
  USER_COLUMNS,
  type UserCsvRecord,
  unguardFormula,
} from './columns.ts';
export { exportUsersCsv } from './export.ts';
export {
  fileTooLarge,
  type ImportLimit,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  tooManyRows,
} from './limits.ts';
export { type CsvInput, type CsvParseResult, parseUsersCsv } from './parse.ts';
export {
  type ChangedField,
  type ExistingUser,
  type FieldChange,
  type ImportGroup,
  type ImportPlan,
  type ImportPlanResult,
  type PlannedCreate,
  type PlannedUnchanged,
  type PlannedUpdate,
  planImport,
  planImportFromCsv,
  type UserFields,
} from './plan.ts';
