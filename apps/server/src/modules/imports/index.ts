export { importsService } from './imports.service.ts';
export { importActor } from './imports.repository.ts';
export { FileError } from './parsers.ts';
export { MappingError, IMPORT_KINDS, FIELDS, type ImportKind } from './mapping.ts';
export {
  langOf,
  type ImportOptions,
  type ImportResult,
  type RowError,
  type DuplicatePolicy,
} from './report.ts';
