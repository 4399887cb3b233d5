import { ErrorBody } from '@stratum/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { Config } from '../config.ts';

/** What every route module receives. */
export interface RouteDeps {
  db: Db;
  config: Config;
}

export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

export const IdParams = z.strictObject({ id: z.uuid() });

/** The error responses every authenticated route may give, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  429: ErrorBody,
};
export const NoContent = z.null().describe('No content');
