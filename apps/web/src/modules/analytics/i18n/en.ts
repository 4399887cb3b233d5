import type zhCN from './zh-CN.ts';

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

/** English strings of the analytics pages: exactly the key tree of `zh-CN.ts`. */
const en: Messages<typeof zhCN> = {
  dashboards: {
    title: 'Analytics dashboards',
    subtitle:
      'Tiers over time, revenue contribution, retention and churn, cohort retention and conversion by segment.',
    scopeHint:
      "Covers the customers you may see (for sales reps: your own customers and the public pool); owner and team filter by the customer's owner.",
    periodHint: 'Days are counted in the {{zone}} time zone; the default period is the last 12 months.',
    filters: {
      owner: 'Owner',
      ownerAll: 'All owners',
      ownerMe: 'Mine',
      ownerUser: 'A colleague',
      pickUser: 'Pick a colleague',
      team: 'Team',
      allTeams: 'All teams',
      period: 'Period',
      reset: 'Reset',
    },
    view: {
      chart: 'Chart',
      table: 'Table',
    },
    export: {
      button: 'Export',
      png: 'Image (PNG)',
      xlsx: 'Excel (xlsx)',
      done: 'Download started',
      pngTableHint: 'Switch to the chart to export an image',
    },
    empty: {
      noData: 'No data in this period',
      noSnapshots:
        'No tier snapshots yet, so only the current distribution shows: take one on the Tier migration page to see tiers over time.',
      noSegments: 'No segments yet',
    },
    tiers: {
      title: 'Tier distribution',
      hint: 'Customers per tier in each snapshot; the last column is now.',
      scheme: 'Scheme',
      point: 'Point in time',
      asOf: 'Date',
      total: 'Total',
    },
    pareto: {
      title: 'Revenue contribution (Pareto)',
      hint: 'Customers ranked by revenue in the period: cumulative share of customers against cumulative share of revenue.',
      top20: 'Revenue from the top 20% of customers',
      customers: 'Customers who bought',
      revenue: 'Revenue in the period',
      customerShare: 'Cumulative share of customers',
      revenueShare: 'Cumulative share of revenue',
      equality: 'Equal shares',
      band: 'Customer band (by revenue rank)',
      bandCustomers: 'Customers',
      bandRevenue: 'Revenue',
      bandShare: 'Share of revenue',
      cumulativeShare: 'Cumulative share',
    },
    retention: {
      title: 'Retention and churn by month',
      hint: 'Of the customers who bought last month, the share who bought again this month (retention) and who did not (churn).',
      month: 'Month',
      base: 'Bought last month',
      retained: 'Bought again',
      churned: 'Churned',
      retentionRate: 'Retention',
      churnRate: 'Churn',
    },
    cohorts: {
      title: 'Cohort retention',
      hint: 'Customers grouped by the month of their first order: the share buying in each of the 0–11 months after.',
      cohort: 'First order',
      size: 'Customers',
      offset: 'Month {{n}}',
      offsetAxis: 'Months since first order',
    },
    conversion: {
      title: 'Conversion by segment',
      hint: "Of each segment's (or tier's) current customers, the share with a deal won in the period.",
      by: 'Group by',
      bySegment: 'By segment',
      byScheme: 'By {{scheme}}',
      group: 'Segment / tier',
      members: 'Customers',
      converted: 'Won in period',
      rate: 'Conversion',
    },
  },
};

export default en;
