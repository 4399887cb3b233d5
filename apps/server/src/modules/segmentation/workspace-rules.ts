import type { SQL } from 'drizzle-orm';
import {
  compileRule,
  customerRegistry,
  RuleError,
  type ClassificationDefs,
  type CustomFieldDef,
  type FieldRegistry,
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

export async function loadWorkspaceRules(db: Db, workspaceId: string): Promise<WorkspaceRules> {
  // One after the other: inside a transaction this runs on one connection.
  const defs = await customFieldsRepository.list(db, workspaceId);
  const timeZone = await workspaceTimeZone(db, workspaceId);
  const classification = await loadClassification(db, workspaceId);
  return {
    workspaceId,
    timeZone,
    custom: defs.map((d) => ({ ...d, options: d.options as string[] })),
    classification,
  };
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

/** The registry a rule of this use may draw on (see above). */
export function registryFor(w: WorkspaceRules, use: RuleUse): FieldRegistry {
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
  opts: { asOf?: string; path: string; in?: 'body' | 'querystring' },
): SQL {
  try {
    return chunksToSql(
      compileRule(rule, {
        registry: registryFor(w, use),
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
