import type { NpsFigures, NpsResults } from '@stratum/contracts';
import type { Column } from '../exports/table-writer.ts';

type Lang = 'zh-CN' | 'en';
type Row = Record<string, unknown>;

const L = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);
const col = (header: string, key: string, width?: number): Column<Row> => ({
  header,
  value: (r) => r[key] ?? null,
  width,
});
/** Rates as percentages with two decimals. */
const pct = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 100);

const figureCells = (f: NpsFigures) => ({
  responses: f.responses,
  promoters: f.promoters,
  passives: f.passives,
  detractors: f.detractors,
  nps: f.nps,
  sent: f.sent,
  answered: f.answered,
  responseRate: pct(f.responseRate),
});

/**
 * The NPS page's data as one table: the overall figures, then one row per segment and per tier (the
 * same numbers as the charts), then the score distribution (responses per score).
 */
export function npsTable(d: NpsResults, lang: Lang): { columns: Column<Row>[]; rows: Row[] } {
  const columns = [
    col(L(lang, '维度', 'Dimension'), 'dimension', 14),
    col(L(lang, '分组', 'Group'), 'group', 24),
    col(L(lang, '回复数', 'Responses'), 'responses', 10),
    col(L(lang, '推荐者 (9–10)', 'Promoters (9–10)'), 'promoters', 14),
    col(L(lang, '被动者 (7–8)', 'Passives (7–8)'), 'passives', 14),
    col(L(lang, '贬损者 (0–6)', 'Detractors (0–6)'), 'detractors', 14),
    col('NPS', 'nps', 8),
    col(L(lang, '发出链接', 'Links sent'), 'sent', 10),
    col(L(lang, '已回复链接', 'Links answered'), 'answered', 12),
    col(L(lang, '回复率 %', 'Response rate %'), 'responseRate', 14),
  ];
  const rows: Row[] = [
    {
      dimension: L(lang, '总体', 'Overall'),
      group: `${d.period.from} – ${d.period.to}`,
      ...figureCells(d.summary),
    },
    ...d.bySegment.map((g) => ({
      dimension: L(lang, '客户分群', 'Segment'),
      group: g.name,
      ...figureCells(g),
    })),
    ...d.byTier.map((g) => ({
      dimension: `${L(lang, '分类', 'Tier')} (${d.scheme ?? ''})`,
      group: g.name,
      ...figureCells(g),
    })),
    ...d.distribution.map((x) => ({
      dimension: L(lang, '评分分布', 'Score'),
      group: String(x.score),
      responses: x.count,
    })),
  ];
  return { columns, rows };
}
