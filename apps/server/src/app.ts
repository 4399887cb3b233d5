import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { webDistFolder } from './db/paths.ts';
import { registerAuthHook } from './http/auth-hook.ts';
import { registerErrorHandler, sendError } from './http/error-handler.ts';
import { registerServerTiming } from './http/server-timing.ts';
import type { RoutePermission } from './http/permissions.ts';
import type { RouteDeps } from './http/route-kit.ts';
import { apiKeysRoutes } from './modules/api-keys/api-keys.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { teamsRoutes } from './modules/teams/teams.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { customersRoutes } from './modules/customers/customers.routes.ts';
import { contactsResource } from './modules/contacts/contacts.resource.ts';
import { followupsResource } from './modules/followups/followups.resource.ts';
import { ordersResource } from './modules/orders/orders.resource.ts';
import { contractsResource } from './modules/contracts/contracts.resource.ts';
import { paymentsResource } from './modules/payments/payments.resource.ts';
import { invoicesResource } from './modules/invoices/invoices.resource.ts';
import { ticketsResource } from './modules/tickets/tickets.resource.ts';
import { productsRoutes } from './modules/products/products.routes.ts';
import { customFieldsRoutes } from './modules/custom-fields/custom-fields.routes.ts';
import { savedViewsRoutes } from './modules/saved-views/saved-views.routes.ts';
import { rfmRoutes } from './modules/segmentation/rfm.routes.ts';
import { segmentationRoutes } from './modules/segmentation/segmentation.routes.ts';
import { pipelineRoutes } from './modules/pipeline/pipeline.routes.ts';
import { jobsRoutes } from './modules/jobs/jobs.routes.ts';
import { importsRoutes } from './modules/imports/imports.routes.ts';
import { dashboardsRoutes } from './modules/analytics/dashboards.routes.ts';
import { clvAnalyticsRoutes } from './modules/analytics/clv.routes.ts';
import { npsRoutes } from './modules/nps/nps.routes.ts';
import { clustersRoutes } from './modules/analytics/clusters.routes.ts';

/** Each domain's routes; a new domain adds its module here. */
const ROUTE_MODULES = [
  healthRoutes,
  authRoutes,
  usersRoutes,
  teamsRoutes,
  apiKeysRoutes,
  auditRoutes,
  customersRoutes,
  contactsResource.routes,
  followupsResource.routes,
  ordersResource.routes,
  contractsResource.routes,
  paymentsResource.routes,
  invoicesResource.routes,
  ticketsResource.routes,
  productsRoutes,
  customFieldsRoutes,
  savedViewsRoutes,
  rfmRoutes,
  segmentationRoutes,
  pipelineRoutes,
  jobsRoutes,
  importsRoutes,
  dashboardsRoutes,
  clvAnalyticsRoutes,
  clustersRoutes,
  npsRoutes,
];

export interface RouteEntry {
  method: string;
  url: string;
  permission: RoutePermission;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its declared permission, for the route-table permission test. */
    routeTable: RouteEntry[];
  }
}

const DOCS_PREFIX = '/api/docs';

export interface AppOptions {
  db: Db;
  config: Config;
  logger?: boolean;
  /** Serve the built SPA (production); tests leave it off. */
  serveWeb?: boolean;
}

export async function buildApp({
  db,
  config,
  logger = false,
  serveWeb = false,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel } : false,
    trustProxy: process.env.STRATUM_TRUST_PROXY === 'true',
    // One log line per request is for debugging, not for a terminal someone is reading.
    logController: new LogController({
      disableRequestLogging: !(config.logLevel === 'debug' || config.logLevel === 'trace'),
    }),
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('routeTable', [] as RouteEntry[]);

  // Every API route must declare who may call it: a route without a rule does not start.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const config = (route.config ?? {}) as { permission?: RoutePermission };
    if (route.url.startsWith(DOCS_PREFIX) || route.url === '/api/v1/openapi.json') {
      route.config = { ...config, permission: 'public' };
    } else if (!config.permission) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no permission`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      app.routeTable.push({
        method,
        url: route.url,
        permission: (route.config as { permission: RoutePermission }).permission,
      });
    }
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Stratum API',
        version: '1',
        description:
          'REST API of Stratum. Authenticate with the session cookie from POST /api/v1/auth/login (send the ' +
          'csrfToken back in the x-csrf-token header on writes) or with an API key in `Authorization: Bearer`. ' +
          'Errors are {"error":{"code","message","details"}}, the message in the Accept-Language (zh-CN or en).',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'stratum_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });

  registerServerTiming(app);
  registerAuthHook(app, db, config);
  registerErrorHandler(app);

  const deps: RouteDeps = { db, config };
  for (const routes of ROUTE_MODULES) routes(app, deps);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webDir = webDistFolder();
  const hasWeb = serveWeb && existsSync(join(webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api') && request.method === 'GET' && hasWeb) {
      // The SPA owns every other path (client-side routing); assets are served above with their types.
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(reply, request.lang ?? 'zh-CN', 'NOT_FOUND');
  });
  return app;
}
