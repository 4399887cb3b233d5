import { sql, type SQL } from 'drizzle-orm';
import {
  compileRule,
  customerRegistry,
  RuleError,
  type ClassificationDefs,
  type CustomFieldDef,
  type FieldRegistry,
  withoutFacets,
} from '@stratum/segmentation';
import type { Db } from '../../db/client.ts';
import { chunksToSql } from '../../db/raw.ts';
import { AppError } from '../../http/errors.ts';
import { customFieldsRepository } from '../custom-fields/custom-fields.repository.ts';
import { todayIn, workspaceTimeZone } from '../workspaces/workspaces.repository.ts';
import { loadClassification, type Classification } from './classification.repository.ts';

/**
 * A workspace's rule context: its custom fields, classification and time zone, and the registries each
 * kind of rule may use. Evaluation order is metrics → schemes (in position order) → auto-tags →
 * segments, so a rule may only test what is settled before it:
 *  - a tier rule: customer fields, metrics, custom fields and the tiers of schemes placed before it;
 *  - an auto-tag rule: the above and every scheme's tier (not tags, not segments);
 *  - a segment rule or a list filter: everything, segments included.
 */
export interface WorkspaceRules {
  workspaceId: string;
  timeZone: string;
  custom: CustomFieldDef[];
  classification: Classification;
}

/** A fresh, private copy of the workspace's rule context (for code that edits it before saving). */
export async function loadWorkspaceRules(
  db: Db,
  workspaceId: string,
  zone?: string,
): Promise<WorkspaceRules> {
  // One after the other: inside a transaction this runs on one connection.
  const defs = await customFieldsRepository.list(db, workspaceId);
  const timeZone = zone ?? (await workspaceTimeZone(db, workspaceId));
  const classification = await loadClassification(db, workspaceId);
  return {
    workspaceId,
    timeZone,
    custom: defs.map((d) => ({ ...d, options: d.options as string[] })),
    classification,
  };
}

/** What the rules cache is checked against: the workspace's rules version (see 0007) and its zone. */
export interface RulesVersion {
  version: string;
  timeZone: string;
}

export async function rulesVersion(db: Db, workspaceId: string): Promise<RulesVersion> {
  const { rows } = await db.execute<{ version: string; time_zone: string }>(
    sql`SELECT rules_version::text AS version, time_zone FROM workspaces WHERE workspace_id = ${workspaceId}`,
  );
  return { version: rows[0]?.version ?? '', timeZone: rows[0]?.time_zone ?? 'Asia/Shanghai' };
}

const RULES_CACHE_SIZE = 256;
const rulesCache = new Map<string, { key: string; rules: WorkspaceRules }>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The workspace's rule context, shared and read-only: reloaded only when the rules version or the zone
 * read in this transaction differs from the cached one (one small query instead of five). Every change
 * to what rules compile against gets a new version from a trigger, committed with it, so a stale or
 * uncommitted context is never served. Pass `known` when the caller already read the version.
 */
export async function workspaceRules(
  db: Db,
  workspaceId: string,
  known?: RulesVersion,
): Promise<WorkspaceRules> {
  const v = known ?? (await rulesVersion(db, workspaceId));
  const key = `${v.version}|${v.timeZone}`;
  const hit = rulesCache.get(workspaceId);
  if (hit?.key === key) return hit.rules;
  const rules = deepFreeze(await loadWorkspaceRules(db, workspaceId, v.timeZone));
  rulesCache.delete(workspaceId);
  rulesCache.set(workspaceId, { key, rules });
  if (rulesCache.size > RULES_CACHE_SIZE) rulesCache.delete(rulesCache.keys().next().value!);
  return rules;
}

function schemeDefs(
  w: WorkspaceRules,
  count = w.classification.schemes.length,
): ClassificationDefs['schemes'] {
  return w.classification.schemes.slice(0, count).map((s) => ({
    key: s.key,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    tiers: s.tiers.map((t) => ({ key: t.key, nameZh: t.nameZh, nameEn: t.nameEn })),
  }));
}

export type RuleUse = { kind: 'tier'; schemeKey: string } | { kind: 'autoTag' } | { kind: 'segment' };

const registries = new WeakMap<WorkspaceRules, Map<string, FieldRegistry>>();

/**
 * The registry a rule of this use may draw on (see above); remembered for a cached (frozen) context.
 * `facets: false` for rules evaluated per customer (placement, over one customer or a range of them):
 * every field on its own value, none looked up in the facets table, whose index serves selections
 * over the whole workspace (lists, previews, dashboards).
 */
export function registryFor(w: WorkspaceRules, use: RuleUse, opts: { facets?: boolean } = {}): FieldRegistry {
  const facets = opts.facets ?? true;
  if (!Object.isFrozen(w)) return buildRegistry(w, use, facets);
  const key = `${use.kind === 'tier' ? `tier:${use.schemeKey}` : use.kind}${facets ? '' : '|plain'}`;
  let byUse = registries.get(w);
  if (!byUse) registries.set(w, (byUse = new Map()));
  let registry = byUse.get(key);
  if (!registry) byUse.set(key, (registry = buildRegistry(w, use, facets)));
  return registry;
}

function buildRegistry(w: WorkspaceRules, use: RuleUse, facets: boolean): FieldRegistry {
  const registry = usableFields(w, use);
  return facets ? registry : withoutFacets(registry);
}

function usableFields(w: WorkspaceRules, use: RuleUse): FieldRegistry {
  if (use.kind === 'tier') {
    const index = w.classification.schemes.findIndex((s) => s.key === use.schemeKey);
    return customerRegistry(w.custom, { schemes: schemeDefs(w, index < 0 ? undefined : index) });
  }
  const schemes = schemeDefs(w);
  const tags = w.classification.tags.map((t) => ({
    id: t.id,
    name: t.name,
    groupZh: t.groupZh,
    groupEn: t.groupEn,
  }));
  if (use.kind === 'autoTag') return customerRegistry(w.custom, { schemes });
  return customerRegistry(w.custom, {
    schemes,
    tags,
    segments: w.classification.segments.map((s) => ({ id: s.id, name: s.name })),
  });
}

/** Compiles a stored or submitted rule; a RuleError becomes a located 400 under `path`. */
export function compileFor(
  w: WorkspaceRules,
  use: RuleUse,
  rule: unknown,
  opts: { asOf?: string; path: string; in?: 'body' | 'querystring'; facets?: boolean },
): SQL {
  try {
    return chunksToSql(
      compileRule(rule, {
        registry: registryFor(w, use, { facets: opts.facets }),
        asOf: opts.asOf ?? todayIn(w.timeZone),
        timeZone: w.timeZone,
      }),
    );
  } catch (err) {
    if (err instanceof RuleError) {
      throw new AppError('VALIDATION_FAILED', {}, [
        {
          in: opts.in ?? 'body',
          path: `${opts.path}${err.path ? `.${err.path}` : ''}`,
          code: 'invalid_rule',
          params: { problem: err.code, reason: err.reason },
        },
      ]);
    }
    throw err;
  }
}
