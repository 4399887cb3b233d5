import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { typed, type RouteDeps } from '../../http/route-kit.ts';

const Health = z.object({ status: z.enum(['ok', 'error']), database: z.enum(['ok', 'unreachable']) });

export function healthRoutes(app: FastifyInstance, { db }: RouteDeps) {
  typed(app).get('/api/health', {
    config: { permission: 'public' },
    schema: {
      tags: ['health'],
      summary: 'Liveness and database reachability',
      response: { 200: Health, 503: Health },
    },
    handler: async (_request, reply) => {
      try {
        await db.execute(sql`SELECT 1`);
        return { status: 'ok' as const, database: 'ok' as const };
      } catch {
        return reply.status(503).send({ status: 'error', database: 'unreachable' });
      }
    },
  });
}
