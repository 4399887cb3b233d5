export { loadConfig, type Config } from './config.ts';
export { openDatabase, type Database, type Db } from './db/client.ts';
export { FolderLockedError } from './db/folder-lock.ts';
export { migrate } from './db/migrate.ts';
export { buildApp } from './app.ts';
export { startServer, type RunningServer } from './server.ts';
export { usersService } from './modules/users/users.service.ts';
export { teamsService } from './modules/teams/teams.service.ts';
export { authService } from './modules/auth/auth.service.ts';
export { workspacesRepository } from './modules/workspaces/workspaces.repository.ts';
export { loadDemo } from './db/seed/demo.ts';
export { teamsRepository } from './modules/teams/teams.repository.ts';
export { usersRepository } from './modules/users/users.repository.ts';
export { computeRfm, workspaceRfmConfig, type RfmRow } from './modules/segmentation/rfm.repository.ts';
export { recomputeAndTidy, recomputeWorkspace, placeCustomers } from './modules/segmentation/placement.ts';
export { todayIn, workspaceTimeZone } from './modules/workspaces/workspaces.repository.ts';
export {
  importsService,
  importActor,
  FileError,
  MappingError,
  IMPORT_KINDS,
  langOf,
  type ImportKind,
  type ImportResult,
  type DuplicatePolicy,
} from './modules/imports/index.ts';
export {
  clvService,
  ClvDataError,
  type ClvFitResult,
  type ClvPredictionRow,
  type DiscountPeriod,
} from './modules/clv/clv.service.ts';
