import type zhCN from './clv.zh-CN.ts';

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

/** English strings of the lifetime-value page and the customer card: the key tree of `clv.zh-CN.ts`. */
const clv: Messages<typeof zhCN> = {
  title: 'Customer lifetime value',
  subtitle:
    "Each customer's future purchases, chance of still being a customer and lifetime value, predicted from their purchase history with the BG/NBD and Gamma-Gamma models.",
  scopeHint:
    'Covers the customers you may see (for sales reps: your own customers and the public pool); the models are fitted on the whole workspace.',
  asOf: 'As of {{day}} (refreshed by the daily recompute)',
  notComputed: 'Not computed yet: it appears after the next classification recompute (daily).',
  kpi: {
    withClv: 'Customers with a prediction',
    withClvHint: '{{total}} customers in all',
    totalClv: 'Total predicted lifetime value',
    totalClvHint: 'Next {{weeks}} weeks, discounted at {{rate}} a year',
    meanClv: 'Mean lifetime value',
    meanPAlive: 'Mean P(alive)',
    expected: 'Expected purchases',
    expectedHint: 'Next {{weeks}} weeks',
  },
  insufficient: 'Not enough data to fit the models yet',
  insufficientHint: 'At least {{min}} customers with a repeat purchase are needed ({{n}} so far).',
  fitFailed: 'The model fit failed',
  params: {
    title: 'Model parameters',
    calibrationEnd: 'Fitted up to',
    customers: 'Customers in the fit',
    repeatCustomers: 'With a repeat purchase',
    bgnbd: 'BG/NBD (purchase count)',
    gammagamma: 'Gamma-Gamma (order value)',
    loglik: 'Log-likelihood',
    none: 'Not fitted (no repeat spend)',
    explain:
      'r and α describe how often customers buy, a and b how likely they drop out after a purchase; p, q and v describe the value of each purchase.',
  },
  distribution: {
    title: 'Lifetime value distribution',
    customers: 'Customers',
    range: 'Lifetime value',
    empty: 'No lifetime value figures yet',
  },
  top: {
    title: 'Highest lifetime value',
    name: 'Customer',
    owner: 'Owner',
    clv: 'Lifetime value',
    pAlive: 'P(alive)',
    expected: 'Expected purchases ({{weeks}} weeks)',
    orders: 'Orders',
    spend: 'Lifetime spend',
    pool: 'Public pool',
  },
  validation: {
    title: 'Validation: predicted vs actual cumulative repeat purchases',
    holdout: 'Holdout',
    weeks: '{{n}} weeks',
    explain:
      'Fitted on the data up to {{end}}, then the cumulative repeat purchases of each week of the holdout ({{start}} to {{last}}) are predicted and compared with what happened. Computed on demand; meant for small and mid-size workspaces.',
    predicted: 'Predicted',
    actual: 'Actual',
    split: 'Fitted up to',
    cumulative: 'Cumulative repeat purchases',
    week: 'Week ending',
    holdoutPredicted: 'Predicted in the holdout',
    holdoutActual: 'Actual in the holdout',
    cohort: 'Customers in the validation',
    error: 'Difference',
    empty:
      'Not enough data to validate (at least {{min}} customers with a repeat purchase are needed before the holdout).',
  },
  customer: {
    title: 'Lifetime value prediction',
    clv: 'Lifetime value',
    clvHint: 'Next {{weeks}} weeks, discounted',
    pAlive: 'P(alive)',
    pAliveHint: 'Chance the customer is still active',
    expected: 'Expected purchases',
    expectedHint: 'Next {{weeks}} weeks',
    asOf: 'As of {{day}}',
    none: 'No prediction: the customer has no counted purchase, or the workspace has too little data to fit.',
    more: 'Lifetime value analysis',
  },
};

export default clv;
