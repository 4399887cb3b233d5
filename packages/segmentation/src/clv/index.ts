export * from './special.ts';
export * from './optimize.ts';
export * from './summary.ts';
export * from './bgnbd.ts';
export * from './gamma-gamma.ts';
export * from './value.ts';
export * from './pareto-nbd.ts';
export * from './model.ts';
