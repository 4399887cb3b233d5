import { z } from 'zod';

const Day = z.iso.date();
const Status = z.enum(['fitted', 'too_few_repeat_customers', 'fit_failed']);
const BgNbd = z.object({
  r: z.number(),
  alpha: z.number(),
  a: z.number(),
  b: z.number(),
  logLikelihood: z.number(),
});

export const ClvAnalyticsQuery = z.strictObject({
  /** Weeks held out at the end for the validation (fit on the data before them). */
  holdoutWeeks: z.coerce.number().int().min(4).max(104).default(26),
  /** How many top customers to list. */
  top: z.coerce.number().int().min(1).max(100).default(20),
});

export const ClvAnalyticsBody = z.object({
  asOf: Day,
  timeZone: z.string(),
  clvHorizonWeeks: z.number(),
  annualDiscountRate: z.number(),
  expectedPurchasesWeeks: z.number(),
  minRepeatCustomers: z.number().int(),
  params: z.object({
    calibrationEnd: Day,
    status: Status,
    message: z.string().nullable(),
    customers: z.number().int(),
    repeatCustomers: z.number().int(),
    bgnbd: BgNbd.nullable(),
    gammagamma: z.object({ p: z.number(), q: z.number(), v: z.number() }).nullable(),
  }),
  totals: z.object({
    customers: z.number().int(),
    withClv: z.number().int(),
    totalClv: z.string(),
    meanClv: z.string().nullable(),
    meanPAlive: z.number().nullable(),
    expectedPurchases: z.number(),
    storedAsOf: Day.nullable(),
  }),
  distribution: z.array(z.object({ from: z.number(), to: z.number().nullable(), count: z.number().int() })),
  top: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      ownerName: z.string().nullable(),
      clv: z.string(),
      pAlive: z.number().nullable(),
      expectedPurchases: z.number().nullable(),
      orderCount: z.number().int(),
      totalSpend: z.string(),
    }),
  ),
  validation: z.object({
    holdoutWeeks: z.number().int(),
    calibrationEnd: Day,
    end: Day,
    status: Status,
    message: z.string().nullable(),
    bgnbd: BgNbd.nullable(),
    customers: z.number().int(),
    holdoutPredicted: z.number(),
    holdoutActual: z.number().int(),
    weeks: z.array(
      z.object({
        week: z.number().int(),
        end: Day,
        holdout: z.boolean(),
        predicted: z.number(),
        actual: z.number().int(),
      }),
    ),
  }),
});

export const CustomerClvBody = z.object({
  customerId: z.uuid(),
  clv: z.string().nullable(),
  pAlive: z.number().nullable(),
  expectedPurchases: z.number().nullable(),
  asOf: Day.nullable(),
  clvHorizonWeeks: z.number(),
  expectedPurchasesWeeks: z.number(),
});
