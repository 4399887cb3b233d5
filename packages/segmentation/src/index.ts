export * from './rule.ts';
export * from './fields.ts';
export * from './compile.ts';
export * from './customer-fields.ts';
export * from './evaluate.ts';
export * from './rfm.ts';
export * from './clv/index.ts';
export * from './cluster/index.ts';
