import {
  AnalyticsQuery,
  Board,
  BoardQuery,
  CreateOpportunityBody,
  CreatePipelineBody,
  Forecast,
  ForecastQuery,
  Funnel,
  LoseOpportunityBody,
  MoveOpportunityBody,
  Opportunity,
  OpportunityDetail,
  OpportunityListQuery,
  page,
  Pipeline,
  Portrait,
  UpdateOpportunityBody,
  UpdatePipelineBody,
  WinOpportunityBody,
} from '@stratum/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctx } from '../../http/auth-hook.ts';
import { errorResponses, IdParams, NoContent, typed, type RouteDeps } from '../../http/route-kit.ts';
import { analyticsService } from './analytics.service.ts';
import { opportunitiesService } from './opportunities.service.ts';
import { pipelinesService } from './pipelines.service.ts';

/**
 * Pipelines (configuration: everyone reads, `pipeline.manage` changes), opportunities (read and written
 * through their customer's scope) and the pipeline dashboards (over the deals the caller may see).
 */
export function pipelineRoutes(app: FastifyInstance, { db }: RouteDeps) {
  const r = typed(app);
  const tags = ['pipeline'];

  r.get('/api/v1/pipelines', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Pipelines with their stages',
      response: { 200: z.array(Pipeline), ...errorResponses },
    },
    handler: async (request) => pipelinesService.list(db, ctx(request)),
  });
  r.post('/api/v1/pipelines', {
    config: { permission: 'pipeline.manage' },
    schema: {
      tags,
      summary: 'Create a pipeline (open stages, then one won and one lost stage)',
      body: CreatePipelineBody,
      response: { 201: Pipeline, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await pipelinesService.create(db, ctx(request), request.body)),
  });
  r.get('/api/v1/pipelines/:id', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Get a pipeline',
      params: IdParams,
      response: { 200: Pipeline, ...errorResponses },
    },
    handler: async (request) => pipelinesService.get(db, ctx(request), request.params.id),
  });
  r.patch('/api/v1/pipelines/:id', {
    config: { permission: 'pipeline.manage' },
    schema: {
      tags,
      summary: 'Rename, make default, or replace the stages and loss reasons (send the version you read)',
      params: IdParams,
      body: UpdatePipelineBody,
      response: { 200: Pipeline, ...errorResponses },
    },
    handler: async (request) => pipelinesService.update(db, ctx(request), request.params.id, request.body),
  });
  r.delete('/api/v1/pipelines/:id', {
    config: { permission: 'pipeline.manage' },
    schema: {
      tags,
      summary: 'Delete a pipeline without opportunities',
      params: IdParams,
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      await pipelinesService.delete(db, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/opportunities', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'List opportunities of the customers in your scope',
      querystring: OpportunityListQuery,
      response: { 200: page(Opportunity), ...errorResponses },
    },
    handler: async (request) => opportunitiesService.list(db, ctx(request), request.query),
  });
  r.get('/api/v1/opportunities/board', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'The kanban board: per stage its totals and first cards',
      querystring: BoardQuery,
      response: { 200: Board, ...errorResponses },
    },
    handler: async (request) => opportunitiesService.board(db, ctx(request), request.query),
  });
  r.post('/api/v1/opportunities', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary: 'Create an opportunity on a customer you may edit',
      body: CreateOpportunityBody,
      response: { 201: OpportunityDetail, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await opportunitiesService.create(db, ctx(request), request.body)),
  });
  r.get('/api/v1/opportunities/:id', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Get an opportunity with its stage history',
      params: IdParams,
      response: { 200: OpportunityDetail, ...errorResponses },
    },
    handler: async (request) => opportunitiesService.get(db, ctx(request), request.params.id),
  });
  r.patch('/api/v1/opportunities/:id', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary:
        'Update an opportunity (send the version you read; the stage moves through /move, /win, /lose)',
      params: IdParams,
      body: UpdateOpportunityBody,
      response: { 200: OpportunityDetail, ...errorResponses },
    },
    handler: async (request) =>
      opportunitiesService.update(db, ctx(request), request.params.id, request.body),
  });
  r.post('/api/v1/opportunities/:id/move', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary: 'Move to an open stage (reopens a closed deal); 409 when the version is stale',
      params: IdParams,
      body: MoveOpportunityBody,
      response: { 200: OpportunityDetail, ...errorResponses },
    },
    handler: async (request) =>
      opportunitiesService.transition(db, ctx(request), request.params.id, request.body.version, {
        kind: 'open',
        stageId: request.body.stageId,
      }),
  });
  r.post('/api/v1/opportunities/:id/win', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary: 'Mark as won',
      params: IdParams,
      body: WinOpportunityBody,
      response: { 200: OpportunityDetail, ...errorResponses },
    },
    handler: async (request) =>
      opportunitiesService.transition(db, ctx(request), request.params.id, request.body.version, {
        kind: 'won',
      }),
  });
  r.post('/api/v1/opportunities/:id/lose', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary: 'Mark as lost, with a loss reason of the pipeline',
      params: IdParams,
      body: LoseOpportunityBody,
      response: { 200: OpportunityDetail, ...errorResponses },
    },
    handler: async (request) =>
      opportunitiesService.transition(db, ctx(request), request.params.id, request.body.version, {
        kind: 'lost',
        lossReasonId: request.body.lossReasonId,
        note: request.body.note,
      }),
  });
  r.delete('/api/v1/opportunities/:id', {
    config: { permission: 'customers.write' },
    schema: {
      tags,
      summary: 'Delete an opportunity',
      params: IdParams,
      response: { 204: NoContent, ...errorResponses },
    },
    handler: async (request, reply) => {
      await opportunitiesService.delete(db, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/pipeline/funnel', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Funnel: per stage count and amount, conversion to the next stage, days in stage, win rate',
      querystring: AnalyticsQuery,
      response: { 200: Funnel, ...errorResponses },
    },
    handler: async (request) => analyticsService.funnel(db, ctx(request), request.query),
  });
  r.get('/api/v1/pipeline/forecast', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary: 'Weighted forecast by month of expected close',
      querystring: ForecastQuery,
      response: { 200: Forecast, ...errorResponses },
    },
    handler: async (request) => analyticsService.forecast(db, ctx(request), request.query),
  });
  r.get('/api/v1/pipeline/portrait', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary:
        'Won-customer portrait (赢单客户画像) with lift and the best-winning profile as a customer rule',
      querystring: AnalyticsQuery,
      response: { 200: Portrait, ...errorResponses },
    },
    handler: async (request) => analyticsService.portrait(db, ctx(request), request.query),
  });
}
