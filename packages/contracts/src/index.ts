export * from './common.ts';
export * from './auth.ts';
export * from './users.ts';
export * from './teams.ts';
export * from './api-keys.ts';
export * from './audit.ts';
export * from './customers.ts';
export * from './records.ts';
