import type { Segment } from '@stratum/contracts';
import type { Db } from '../../db/client.ts';
import type { Actor, RequestContext } from '../../http/actor.ts';
import { AppError, invalidField } from '../../http/errors.ts';
import { segmentsService } from '../segmentation/segments.service.ts';
import { todayIn, workspaceTimeZone } from '../workspaces/workspaces.repository.ts';
import { clusterCustomers, type ClusterRow, type ModelResult } from './clusters.model.ts';
import { clustersRepository } from './clusters.repository.ts';
import {
  AUTO_K_RANGE,
  CLUSTER_FIELDS,
  type ClusterField,
  type ClustersBody,
  type ClustersResult,
  type SaveClusterBody,
} from './clusters.schemas.ts';
import { dashboardCustomers } from './dashboards.repository.ts';

type Lang = 'zh-CN' | 'en';

/** Fewer scored customers than this: nothing is clustered (the page shows an empty state). */
export const MIN_CUSTOMERS = 10;
/**
 * The bound on the work of one request: k-means (8 k-means++ starts per k tried) and the silhouettes run
 * on at most this many customers — a seeded sample above it — and every customer then joins the nearest
 * centre, one O(n·k) pass. Measured here (2 cores, Node 20): 1.3 s to try k = 2…8 at this size, 0.3 s
 * with k given; placing 200,000 customers at their nearest centre adds under 0.5 s.
 */
export const FIT_SAMPLE = 5000;
/** The clustering's seed: the same data and parameters give the same clusters, on every instance. */
const SEED = 7;

const round = (v: number, places = 4) => Math.round(v * 10 ** places) / 10 ** places;

const FEATURE_LABELS: Record<string, { zh: string; en: string }> = {
  recencyDays: { zh: '未购天数', en: 'days since last order' },
  frequency: { zh: '订单数', en: 'orders' },
  monetary: { zh: '累计消费', en: 'lifetime spend' },
};
const FEATURE_FIELDS: Record<string, string> = {
  recencyDays: 'recency_days',
  frequency: 'order_count',
  monetary: 'total_spend',
};

interface Computed {
  asOf: string;
  timeZone: string;
  fields: ClusterField[];
  customers: number;
  skipped: number;
  model: ModelResult | null;
}

/** Scored customers of the caller's scope (narrowed by owner / team) clustered with the given parameters. */
async function compute(db: Db, actor: Actor, p: ClustersBody): Promise<Computed> {
  const timeZone = await workspaceTimeZone(db, actor.workspaceId);
  const asOf = p.asOf ?? todayIn(timeZone);
  const fields = p.fields;
  const source = await clustersRepository.rows(db, dashboardCustomers(actor, p), fields, {
    asOf,
    timeZone,
  });
  const rows: ClusterRow[] = [];
  for (const r of source) {
    if (fields.every((f) => r.extra[f] !== null && Number.isFinite(r.extra[f])))
      rows.push({ ...r, extra: r.extra as Record<string, number> });
  }
  const base = { asOf, timeZone, fields, customers: rows.length, skipped: source.length - rows.length };
  if (rows.length < MIN_CUSTOMERS) return { ...base, model: null };
  const model = clusterCustomers(rows, {
    k: p.k,
    kRange: AUTO_K_RANGE,
    extra: fields.map((key) => ({ key, label: CLUSTER_FIELDS[key] })),
    seed: SEED,
    fitSample: FIT_SAMPLE,
  });
  return { ...base, model };
}

/** AI 自动分群 (issue #7): k-means on standardised log R/F/M plus chosen fields, over the caller's customers. */
export const clustersService = {
  async run(db: Db, actor: Actor, p: ClustersBody): Promise<ClustersResult> {
    const c = await compute(db, actor, p);
    const m = c.model;
    const extraLabels = Object.fromEntries(c.fields.map((f) => [f, CLUSTER_FIELDS[f]]));
    const features = ['recencyDays', 'frequency', 'monetary', ...c.fields].map((key) => ({
      key,
      field: FEATURE_FIELDS[key] ?? key,
      label: FEATURE_LABELS[key] ?? extraLabels[key]!,
    }));
    return {
      asOf: c.asOf,
      timeZone: c.timeZone,
      status: m ? 'clustered' : 'too_few_customers',
      minCustomers: MIN_CUSTOMERS,
      customers: c.customers,
      skipped: c.skipped,
      fittedOn: m?.fittedOn ?? 0,
      sampled: m?.sampled ?? false,
      k: m?.k ?? 0,
      kSource: p.k === undefined ? 'silhouette' : 'override',
      silhouettes: (m?.silhouettes ?? []).map((s) => ({ k: s.k, silhouette: round(s.silhouette) })),
      features,
      clusters: (m?.clusters ?? []).map((cl) => ({
        index: cl.index,
        size: cl.size,
        sizeShare: round(cl.sizeShare),
        revenue: cl.revenue.toFixed(2),
        revenueShare: round(cl.revenueShare),
        means: Object.fromEntries(Object.entries(cl.means).map(([k, v]) => [k, round(v, 2)])),
        centroid: Object.fromEntries(Object.entries(cl.z).map(([k, v]) => [k, round(v)])),
        description: cl.description,
      })),
      params: {
        k: m?.k ?? null,
        fields: c.fields,
        asOf: c.asOf,
        ...(p.teamId ? { teamId: p.teamId } : {}),
        ...(p.ownerId ? { ownerId: p.ownerId } : {}),
      },
    };
  },

  /**
   * Saves one cluster as a static segment: the clustering is recomputed here from the parameters, within
   * the caller's scope, and its members are that cluster's customers — never a list sent by the client.
   */
  async save(db: Db, rc: RequestContext, body: SaveClusterBody, lang: Lang): Promise<Segment> {
    const { cluster, name, description, expectedSize, ...params } = body;
    const c = await compute(db, rc.actor, params);
    if (!c.model) throw new AppError('CLUSTERS_TOO_FEW_CUSTOMERS', { min: MIN_CUSTOMERS });
    const found = c.model.clusters.find((cl) => cl.index === cluster);
    if (!found) throw invalidField({ in: 'body', path: 'cluster', code: 'not_found' });
    if (expectedSize !== undefined && expectedSize !== found.size)
      throw new AppError('CLUSTERS_CHANGED', { size: found.size, expected: expectedSize });
    const members = [...c.model.clusterOf].filter(([, j]) => j === cluster).map(([id]) => id);
    const words = lang === 'en' ? found.description.en : found.description.zh;
    const generated =
      lang === 'en'
        ? `Customer clustering (k = ${c.model.k}, as of ${c.asOf}): ${words}`
        : `智能分群（k=${c.model.k}，截至 ${c.asOf}）：${words}`;
    return segmentsService.create(db, rc, {
      name,
      description: description ?? generated,
      kind: 'static',
      customerIds: members,
    });
  },
};
