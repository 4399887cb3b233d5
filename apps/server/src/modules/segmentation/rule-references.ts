import type { Classification } from './classification.repository.ts';

/** Every condition of a rule (walking and / or / not). */
export function conditionsOf(rule: unknown, out: { field: string; value?: unknown }[] = []) {
  if (!rule || typeof rule !== 'object') return out;
  const r = rule as Record<string, unknown>;
  if (Array.isArray(r.and)) for (const x of r.and) conditionsOf(x, out);
  if (Array.isArray(r.or)) for (const x of r.or) conditionsOf(x, out);
  if (r.not) conditionsOf(r.not, out);
  if (typeof r.field === 'string') out.push({ field: r.field, value: r.value });
  return out;
}

const mentions = (rule: unknown, test: (c: { field: string; value?: unknown }) => boolean) =>
  conditionsOf(rule).some(test);

const hasValue = (value: unknown, id: string) => (Array.isArray(value) ? value.includes(id) : value === id);

/**
 * The names of the rules (tiers, auto-tags, segments) that test something — a scheme's tiers, a tag or
 * a segment — so it is not deleted from under them.
 */
export function rulesUsing(
  c: Classification,
  what: { scheme: string } | { tag: string } | { segment: string },
): string[] {
  const test = (cond: { field: string; value?: unknown }) =>
    'scheme' in what
      ? cond.field === `tier.${what.scheme}`
      : 'tag' in what
        ? cond.field === 'tags' && hasValue(cond.value, what.tag)
        : cond.field === 'segments' && hasValue(cond.value, what.segment);
  const names: string[] = [];
  for (const s of c.schemes)
    for (const t of s.tiers) if (t.rule && mentions(t.rule, test)) names.push(`${s.nameZh} / ${t.nameZh}`);
  for (const t of c.tags) if (t.rule && mentions(t.rule, test)) names.push(`${t.groupZh} / ${t.name}`);
  for (const s of c.segments) if (s.rule && mentions(s.rule, test)) names.push(s.name);
  return names;
}
