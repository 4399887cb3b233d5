export * from './common.ts';
export * from './auth.ts';
export * from './users.ts';
export * from './teams.ts';
export * from './api-keys.ts';
export * from './audit.ts';
