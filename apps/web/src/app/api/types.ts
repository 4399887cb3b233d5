import type { Page } from '@stratum/contracts';

/**
 * The request-body type of a contracts zod schema (its input, before transforms), without importing zod
 * at run time: the web bundle only uses the contracts' types.
 */
export type InputOf<S> = S extends { _zod: { input: infer I } } ? I : never;

export type { Page };

/** Query of every list endpoint. */
export interface ListParams {
  page: number;
  pageSize: number;
  /** `field` ascending or `-field` descending. */
  sort?: string;
  q?: string;
}

/** The response type of a contracts zod schema (its output). */
export type OutputOf<S> = S extends { _zod: { output: infer O } } ? O : never;
