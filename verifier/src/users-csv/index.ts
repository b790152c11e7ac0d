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
export { checkEmail } from './fields.ts';
export { type CsvParseResult, MAX_IMPORT_ROWS, parseUsersCsv } from './parse.ts';
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
