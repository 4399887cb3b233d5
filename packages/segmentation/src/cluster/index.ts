export * from './random.ts';
export * from './kmeans.ts';
export * from './auto-cluster.ts';
