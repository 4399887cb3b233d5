import { AuditEntry, AuditListQuery, page } from '@stratum/contracts';
import type { FastifyInstance } from 'fastify';
import { ctx } from '../../http/auth-hook.ts';
import { errorResponses, typed, type RouteDeps } from '../../http/route-kit.ts';
import { auditService } from './audit.service.ts';

export function auditRoutes(app: FastifyInstance, { db }: RouteDeps) {
  typed(app).get('/api/v1/audit-log', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'Who did what to which record, newest first',
      querystring: AuditListQuery,
      response: { 200: page(AuditEntry), ...errorResponses },
    },
    handler: async (request) => {
      const { page: p, pageSize, entityType, entityId, actorId, q } = request.query;
      return auditService.list(
        db,
        ctx(request).actor.workspaceId,
        { entityType, entityId, actorId, q },
        p,
        pageSize,
      );
    },
  });
}
