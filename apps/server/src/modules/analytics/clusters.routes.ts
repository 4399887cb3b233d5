import { Segment } from '@stratum/contracts';
import type { FastifyInstance } from 'fastify';
import { ctx } from '../../http/auth-hook.ts';
import { errorResponses, typed, type RouteDeps } from '../../http/route-kit.ts';
import { ClustersBody, ClustersResult, SaveClusterBody } from './clusters.schemas.ts';
import { clustersService, FIT_SAMPLE, MIN_CUSTOMERS } from './clusters.service.ts';

/** AI 自动分群 (issue #7): cluster the customers you may see; save a cluster as a static segment. */
export function clustersRoutes(app: FastifyInstance, { db }: RouteDeps) {
  const r = typed(app);
  const tags = ['analytics'];

  r.post('/api/v1/analytics/clusters', {
    config: { permission: 'customers.read' },
    schema: {
      tags,
      summary:
        'Customer clustering: k-means on standardised log R/F/M (plus chosen numeric fields) over the scored ' +
        'customers you may see, narrowed by owner/team; k by silhouette over 2–8 unless given; each cluster ' +
        `with its size, revenue share, means and a zh/en description. Seeded: the same data and parameters ` +
        `give the same clusters. Needs ${MIN_CUSTOMERS} scored customers; k and the centres are fitted on a ` +
        `seeded sample of ${FIT_SAMPLE} above that many, then every customer joins its nearest centre.`,
      body: ClustersBody,
      response: { 200: ClustersResult, ...errorResponses },
    },
    handler: async (request) => clustersService.run(db, ctx(request).actor, request.body),
  });

  r.post('/api/v1/analytics/clusters/save', {
    config: { permission: 'segments.manage' },
    schema: {
      tags,
      summary:
        'Save one cluster as a static segment: the clustering is recomputed from the same parameters within ' +
        'your scope and the cluster’s customers become the members (409 CLUSTERS_CHANGED when `expectedSize` ' +
        'no longer matches).',
      body: SaveClusterBody,
      response: { 201: Segment, ...errorResponses },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return clustersService.save(db, ctx(request), request.body, request.lang);
    },
  });
}
