import type zhCN from './zh-CN.ts';

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

/** English strings of the segmentation (RFM) pages: exactly the key tree of `zh-CN.ts`. */
const en: Messages<typeof zhCN> = {
  rfm: {
    title: 'RFM analysis',
    subtitle:
      'Customers in eight classes by how recently (R), how often (F) and how much (M) they buy, with what to do about each.',
    scopeHint: 'Covers the customers you may see (for sales reps: your own customers and the public pool).',
    asOf: 'As of',
    asOfHint: 'Days counted in the {{zone}} time zone',
    kpi: {
      scored: 'Scored customers',
      scoredHint: 'At least one counted order',
      unscored: 'Unscored customers',
      unscoredHint: 'No counted order yet',
      revenue: 'Counted revenue',
      revenueHint: 'Amount of paid or completed orders',
    },
    classes: 'Customer classes',
    card: {
      customers: 'Customers',
      share: '{{share}} of customers',
      revenue: 'Revenue',
      revenueShare: '{{share}} of revenue',
      meanR: 'Mean R',
      meanF: 'Mean F',
      meanM: 'Mean M',
      days: '{{value}} days',
      orders: '{{value}} orders',
      strategy: 'Strategy: ',
      none: '—',
    },
    chart: {
      classesTitle: 'Class size vs revenue share',
      customerShare: 'Share of customers',
      revenueShare: 'Share of revenue',
      customers: 'Customers',
      revenue: 'Revenue',
      heatmapTitle: 'R × F distribution',
      heatmapHint:
        'Customers per combination of R and F score; higher rows bought more recently, columns further right buy more often.',
      fAxis: 'F score (frequency)',
      rAxis: 'R score (5 = most recent)',
      fScore: 'F {{score}}',
      rScore: 'R {{score}}',
      cell: 'Customers',
    },
    method: {
      title: 'How it works',
      intro:
        'Only counted orders are used: paid or completed, with a positive amount, ordered on or before the as-of date. Customers without a counted order are not scored.',
      r: 'R (recency): days from the last counted order to the as-of date; fewer days score higher.',
      f: 'F (frequency): the number of counted orders; more score higher.',
      m: 'M (monetary): the total of the counted orders; more scores higher.',
      scores:
        'Each measure is scored 1–5 by quintile cut points over the whole workspace. A score above the mean score of that measure counts as high; the high/low pattern of R, F and M gives the eight classes.',
      dimension: 'Measure',
      cuts: 'Quintile cut points',
      direction: 'Scoring',
      mean: 'Mean score',
      rName: 'R recency (days)',
      fName: 'F frequency (orders)',
      mName: 'M monetary',
      rDirection: 'Fewer days, higher score',
      fDirection: 'More orders, higher score',
      mDirection: 'More spent, higher score',
    },
    empty: {
      title: 'No scored customers yet',
      description:
        'A customer needs at least one paid or completed order with a positive amount to get an RFM score. Enter orders and come back, or pick another as-of date.',
    },
  },
};

export default en;
