import type {
  Cohorts,
  Conversion,
  Migration,
  Pareto,
  Retention,
  SegmentDistribution,
  TierDistribution,
} from '@stratum/contracts';
import type { FastifyReply } from 'fastify';
import { sendDownload } from '../exports/download.ts';
import { writeTable, type Column } from '../exports/table-writer.ts';

type Lang = 'zh-CN' | 'en';
type Row = Record<string, unknown>;
export interface Table {
  columns: Column<Row>[];
  rows: Row[];
}

const col = (header: string, key: string, width?: number): Column<Row> => ({
  header,
  value: (r) => r[key] ?? null,
  width,
});
const L = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);
/** Shares as percentages with two decimals (what a spreadsheet reader expects to see). */
const pct = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 100);

/** Each dashboard's data as the table its xlsx holds: the same numbers as the chart, one row per point. */
export const dashboardTables = {
  tierDistribution(d: TierDistribution, lang: Lang): Table {
    return {
      columns: [
        col(L(lang, '快照', 'Snapshot'), 'label', 28),
        col(L(lang, '日期', 'As of'), 'asOf', 12),
        ...d.tiers.map((t) => col(t.name, t.key, 12)),
        col(L(lang, '合计', 'Total'), 'total', 10),
      ],
      rows: d.points.map((p) => ({ label: p.label, asOf: p.asOf, total: p.total, ...p.counts })),
    };
  },

  segmentDistribution(d: SegmentDistribution, lang: Lang): Table {
    return {
      columns: [
        col(L(lang, '月末 / 当前', 'Month end / now'), 'label', 16),
        col(L(lang, '日期', 'As of'), 'asOf', 12),
        ...d.segments.map((s) => col(s.name, s.id, 14)),
      ],
      rows: d.points.map((p) => ({ label: p.label, asOf: p.asOf, ...p.counts })),
    };
  },

  pareto(d: Pareto, lang: Lang): Table {
    return {
      columns: [
        col(L(lang, '客户分段（按收入排名）', 'Customer band (by revenue rank)'), 'band', 26),
        col(L(lang, '客户数', 'Customers'), 'customers', 10),
        col(L(lang, '收入', 'Revenue'), 'revenue', 14),
        col(L(lang, '收入占比 %', 'Revenue share %'), 'share', 14),
        col(L(lang, '累计收入占比 %', 'Cumulative share %'), 'cumulativeShare', 16),
      ],
      rows: d.deciles.map((b) => ({
        band: `${(b.band - 1) * 10}–${b.band * 10}%`,
        customers: b.customers,
        revenue: Number(b.revenue),
        share: pct(b.share),
        cumulativeShare: pct(b.cumulativeShare),
      })),
    };
  },

  retention(d: Retention, lang: Lang): Table {
    return {
      columns: [
        col(L(lang, '月份', 'Month'), 'month', 10),
        col(L(lang, '上月购买客户', 'Bought last month'), 'base', 16),
        col(L(lang, '本月复购', 'Bought again'), 'retained', 12),
        col(L(lang, '流失', 'Churned'), 'churned', 10),
        col(L(lang, '留存率 %', 'Retention %'), 'retentionRate', 12),
        col(L(lang, '流失率 %', 'Churn %'), 'churnRate', 12),
      ],
      rows: d.months.map((m) => ({
        ...m,
        retentionRate: pct(m.retentionRate),
        churnRate: pct(m.churnRate),
      })),
    };
  },

  cohorts(d: Cohorts, lang: Lang): Table {
    const offsets = d.cohorts[0]?.cells.map((c) => c.offset) ?? [];
    return {
      columns: [
        col(L(lang, '首购月份', 'First order month'), 'month', 14),
        col(L(lang, '客户数', 'Customers'), 'size', 10),
        ...offsets.map((o) => col(L(lang, `第 ${o} 月 %`, `Month ${o} %`), `m${o}`, 10)),
      ],
      rows: d.cohorts.map((c) => ({
        month: c.month,
        size: c.size,
        ...Object.fromEntries(c.cells.map((x) => [`m${x.offset}`, pct(x.rate)])),
      })),
    };
  },

  /** The segmentation migration (Sankey) between two pictures: one row per from tier × to tier. */
  migration(d: Migration, lang: Lang): Table {
    const name = new Map(d.tiers.map((t) => [t.key, t.name]));
    return {
      columns: [
        col(L(lang, '起始层级', 'From tier'), 'from', 18),
        col(L(lang, '目标层级', 'To tier'), 'to', 18),
        col(L(lang, '客户数', 'Customers'), 'count', 10),
        col(L(lang, '期间收入', 'Revenue between'), 'revenue', 14),
      ],
      rows: d.flows.map((f) => ({
        from: name.get(f.from) ?? f.from,
        to: name.get(f.to) ?? f.to,
        count: f.count,
        revenue: Number(f.revenue),
      })),
    };
  },

  conversion(d: Conversion, lang: Lang): Table {
    return {
      columns: [
        col(d.by === 'scheme' ? L(lang, '层级', 'Tier') : L(lang, '分群', 'Segment'), 'name', 24),
        col(L(lang, '客户数', 'Members'), 'members', 10),
        col(L(lang, '期内赢单客户', 'Won in period'), 'converted', 14),
        col(L(lang, '转化率 %', 'Conversion %'), 'rate', 12),
      ],
      rows: d.groups.map((g) => ({ ...g, rate: pct(g.rate) })),
    };
  },
};

/** Sends a chart's table as an xlsx (or csv with BOM) attachment named `<name>.<format>`. */
export function sendTable(reply: FastifyReply, format: 'xlsx' | 'csv', table: Table, name: string) {
  const rows = table.rows;
  const stream = writeTable(
    format,
    table.columns,
    (async function* () {
      yield rows;
    })(),
  );
  return sendDownload(reply, format, stream, `${name}.${format}`);
}
