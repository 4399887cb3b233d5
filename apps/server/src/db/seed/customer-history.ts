// The two-year story of one demo customer, as plain data (no ids, no database): who they are, when and
// what they ordered, who followed them up, their contracts, payments, invoices and service tickets.
// Pure and deterministic: the same context and Rng state give the same story.
import {
  contactsFor,
  contractTitle,
  customerFactory,
  externalId,
  followupContent,
  orderLinesFactory,
  pickFollowupType,
  pickTicketKind,
  preferredCategories,
  SOUTH_CHINA,
  ticketText,
  type CatalogueProduct,
  type ContactDraft,
  type CustomerDraft,
  type FollowupStage,
  type FollowupType,
  type LineDraft,
  type TicketKind,
} from './customer-factories.ts';
import { chance, gamma, logNormal, poisson, uniform, weighted, type Rng } from './random.ts';
import {
  addMonths,
  dateString,
  DayDistribution,
  dayOf,
  orderSeasonality,
  SECONDS_PER_DAY,
  workdayWeight,
  ymd,
} from './calendar.ts';

export interface DemoOwner {
  id: string;
  role: 'manager' | 'rep';
  team: string | null;
}

/** Shared, read-only inputs of every customer's story, plus the few counters that run across them. */
export interface HistoryContext {
  rng: Rng;
  /** The as-of moment (China time, see calendar.ts): nothing in the past happens after it. */
  asOf: number;
  asOfDay: number;
  /** First day of the two-year order window. */
  windowStart: number;
  orderDays: DayDistribution;
  workDays: DayDistribution;
  catalogue: readonly CatalogueProduct[];
  owners: readonly DemoOwner[];
  ownersByTeam: ReadonlyMap<string, { reps: DemoOwner[]; managers: DemoOwner[] }>;
  /** Customer names already used. */
  taken: Set<string>;
  /** Next ERP number. */
  nextExternal: number;
}

export function createHistoryContext(
  rng: Rng,
  asOf: number,
  catalogue: readonly CatalogueProduct[],
  owners: readonly DemoOwner[],
): HistoryContext {
  const asOfDay = Math.floor(asOf / SECONDS_PER_DAY);
  const windowStart = asOfDay - 730;
  const ownersByTeam = new Map<string, { reps: DemoOwner[]; managers: DemoOwner[] }>();
  for (const o of owners) {
    if (!o.team) continue;
    const t = ownersByTeam.get(o.team) ?? { reps: [], managers: [] };
    (o.role === 'rep' ? t.reps : t.managers).push(o);
    ownersByTeam.set(o.team, t);
  }
  return {
    rng,
    asOf,
    asOfDay,
    windowStart,
    orderDays: new DayDistribution(windowStart, asOfDay, orderSeasonality),
    // Follow-ups and tickets: from well before the window (older customers) to the as-of day.
    workDays: new DayDistribution(windowStart - 1500, asOfDay, workdayWeight),
    catalogue,
    owners,
    ownersByTeam,
    taken: new Set(),
    nextExternal: 1,
  };
}

export type OrderStatus = 'paid' | 'completed' | 'cancelled' | 'refunded';

export interface OrderPlan {
  at: number;
  status: OrderStatus;
  lines: LineDraft[];
  amountCents: number;
  notes: string | null;
}
export interface FollowupPlan {
  at: number;
  type: FollowupType;
  content: string;
  userId: string | null;
  contact: number | null;
  nextFollowupOn: string | null;
}
export interface ContractPlan {
  /** When it was drawn up (signing day for signed ones): numbering and created_at. */
  at: number;
  title: string;
  amountCents: number;
  signedOn: string | null;
  startsOn: string;
  endsOn: string;
  startDay: number;
  endDay: number;
  status: 'draft' | 'active' | 'completed' | 'terminated';
  notes: string | null;
}
export interface PaymentPlan {
  contract: number | null;
  order: number | null;
  amountCents: number;
  dueOn: string | null;
  receivedAt: number | null;
  method: string | null;
  notes: string | null;
  at: number;
}
export interface InvoicePlan {
  contract: number | null;
  order: number | null;
  kind: 'vat_special' | 'vat_general' | 'electronic';
  amountCents: number;
  /** Day issued; null while only requested. */
  issuedDay: number | null;
  status: 'requested' | 'issued' | 'void';
  notes: string | null;
  at: number;
}
export interface TicketPlan {
  kind: TicketKind;
  subject: string;
  description: string;
  status: 'open' | 'in_progress' | 'resolved' | 'closed';
  satisfaction: number | null;
  openedAt: number;
  resolvedAt: number | null;
  assigneeId: string | null;
  contact: number | null;
}
export interface OwnerChangePlan {
  from: string | null;
  to: string | null;
  changedBy: string | null;
  at: number;
}

export interface CustomerPlan {
  customer: CustomerDraft & {
    ownerId: string | null;
    createdBy: string | null;
    createdAt: number;
    updatedAt: number;
  };
  contacts: (ContactDraft & { createdAt: number })[];
  ownerChanges: OwnerChangePlan[];
  orders: OrderPlan[];
  followups: FollowupPlan[];
  contracts: ContractPlan[];
  payments: PaymentPlan[];
  invoices: InvoicePlan[];
  tickets: TicketPlan[];
}

// ─── Time of day ────────────────────────────────────────────────────────────────────────────────────

const orderHour = weighted([
  [8, 1],
  [9, 3],
  [10, 4],
  [11, 3],
  [12, 1],
  [13, 2],
  [14, 4],
  [15, 4],
  [16, 3],
  [17, 2],
  [18, 1],
  [19, 0.5],
  [20, 0.5],
  [21, 0.3],
] as const);
const officeHour = weighted([
  [9, 3],
  [10, 4],
  [11, 3],
  [13, 1],
  [14, 4],
  [15, 4],
  [16, 3],
  [17, 2],
  [18, 0.5],
] as const);

const at = (rng: Rng, day: number, hour: (rng: Rng) => number) =>
  day * SECONDS_PER_DAY + hour(rng) * 3600 + rng.int(0, 3599);

/** A moment on `day` in office hours, never after the as-of moment (moved back a day if it would be). */
function momentOn(ctx: HistoryContext, day: number, hour: (rng: Rng) => number = officeHour): number {
  const m = at(ctx.rng, day, hour);
  return m > ctx.asOf ? Math.min(m - SECONDS_PER_DAY, ctx.asOf - 60) : m;
}

// ─── The story ──────────────────────────────────────────────────────────────────────────────────────

const pickLifecycle = weighted([
  ['prospect', 14],
  ['new', 7],
  ['churned', 17],
  ['regular', 62],
] as const);

/** How much bigger companies buy: a multiplier on order value and (under a square root) on frequency. */
const SIZE_SCALE: Record<string, number> = {
  '1-9': 0.5,
  '10-49': 0.8,
  '50-199': 1.3,
  '200-999': 2.2,
  '1000+': 3.6,
};

const ORDER_NOTES = [
  '加急，请优先发货',
  '送货前电话联系仓库',
  '开增值税专用发票',
  '分两批发货',
  '按合同价结算',
  '随货附质检报告',
];
const CONTRACT_NOTES = [
  '含运费，月结30天',
  '按季度回款，到期前开票',
  '年度框架，按实际订单结算',
  '价格年内锁定',
];

const complaintStars = weighted([
  [1, 6],
  [2, 12],
  [3, 27],
  [4, 33],
  [5, 22],
] as const);
const serviceStars = weighted([
  [1, 2],
  [2, 4],
  [3, 14],
  [4, 40],
  [5, 40],
] as const);

const clampDay = (d: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, d));

/** Draws one customer's whole story. */
export function planCustomer(ctx: HistoryContext): CustomerPlan {
  const { rng, asOf, asOfDay, windowStart } = ctx;
  const draft = customerFactory(rng, {
    taken: ctx.taken,
    externalId: chance(rng, 0.65) ? externalId(ctx.nextExternal++) : null,
  });
  const company = draft.kind === 'company';
  const scale = company ? (SIZE_SCALE[draft.sizeBand ?? '10-49'] ?? 1) : 0.3;
  const categories = preferredCategories(rng, draft.industry);
  const contacts = contactsFor(rng, draft);
  const lifecycle = pickLifecycle(rng);

  // Purchase behaviour, heavy-tailed on both axes: a few customers buy often *and* big.
  const ratePerMonth = gamma(rng, 1.4, 0.4 * Math.sqrt(scale)); // orders a month in an average month
  const aovCents = Math.round(logNormal(rng, Math.log(180_000 * scale), 0.65)); // median ¥1 800 × size
  const discount =
    aovCents > 2_000_000 ? rng.pick([0.9, 0.92, 0.95]) : aovCents > 500_000 ? rng.pick([0.95, 0.98, 1]) : 1;
  const annualCents = ratePerMonth * 12 * aovCents;

  // The order window.
  let existing = false;
  let from = windowStart;
  let to = asOfDay;
  if (lifecycle === 'new') from = asOfDay - rng.int(5, 88);
  else if (lifecycle === 'churned') {
    to = asOfDay - rng.int(150, 600);
    existing = chance(rng, 0.6);
    from = existing ? windowStart : rng.int(windowStart, Math.max(windowStart, to - 60));
  } else if (lifecycle === 'regular') {
    existing = chance(rng, 0.55);
    from = existing ? windowStart : rng.int(windowStart, asOfDay - 100);
  }

  // Orders: an inhomogeneous Poisson process — how many from the window's seasonal mass, when from the
  // seasonal distribution itself.
  const orders: OrderPlan[] = [];
  if (lifecycle !== 'prospect') {
    const meanDay = ctx.orderDays.mass(windowStart, asOfDay) / (asOfDay - windowStart + 1);
    const expected = (ratePerMonth * ctx.orderDays.mass(from, to)) / meanDay / 30.44;
    const n = Math.min(400, Math.max(1, poisson(rng, expected)));
    const moments: number[] = [];
    for (let i = 0; i < n; i++) {
      const day = ctx.orderDays.draw(rng.next(), from, to);
      moments.push(momentOn(ctx, day, orderHour));
    }
    // A new customer's first order comes soon after they start.
    if (lifecycle === 'new') moments[0] = momentOn(ctx, Math.min(asOfDay, from + rng.int(0, 5)), orderHour);
    moments.sort((a, b) => a - b);
    for (const m of moments) {
      const lines = orderLinesFactory(rng, ctx.catalogue, aovCents * logNormal(rng, 0, 0.45), {
        categories,
        discount,
      });
      const amountCents = lines.reduce((s, l) => s + l.amountCents, 0);
      const age = asOfDay - Math.floor(m / SECONDS_PER_DAY);
      const r = rng.next();
      const status: OrderStatus =
        r < 0.04
          ? 'cancelled'
          : r < 0.06
            ? 'refunded'
            : age < 10
              ? chance(rng, 0.7)
                ? 'paid'
                : 'completed'
              : chance(rng, 0.02)
                ? 'paid'
                : 'completed';
      orders.push({
        at: m,
        status,
        lines,
        amountCents,
        notes: chance(rng, 0.08) ? rng.pick(ORDER_NOTES) : null,
      });
    }
  }
  // A buyer has bought: if every order happened to be cancelled or refunded, the last one went through.
  if (orders.length && orders.every((o) => o.status === 'cancelled' || o.status === 'refunded'))
    orders.at(-1)!.status =
      asOfDay - Math.floor(orders.at(-1)!.at / SECONDS_PER_DAY) < 10 ? 'paid' : 'completed';
  const counted = orders.filter((o) => o.status === 'paid' || o.status === 'completed');
  const firstOrder = orders[0]?.at;
  const lastCounted = counted.at(-1)?.at;
  const firstOrderDay = firstOrder === undefined ? undefined : Math.floor(firstOrder / SECONDS_PER_DAY);
  const lastOrderDay = orders.length ? Math.floor(orders.at(-1)!.at / SECONDS_PER_DAY) : undefined;

  // Status follows from the orders, as the product would classify it.
  const sinceLast =
    lastCounted === undefined ? Infinity : asOfDay - Math.floor(lastCounted / SECONDS_PER_DAY);
  const status: CustomerDraft['status'] =
    lastCounted === undefined
      ? 'potential'
      : sinceLast <= 180
        ? 'active'
        : sinceLast <= 365
          ? 'dormant'
          : 'lost';

  // When the customer was entered: before their first order; long ago for established ones.
  let createdDay: number;
  if (firstOrderDay === undefined) createdDay = asOfDay - Math.floor(420 * rng.next() ** 1.6);
  else if (existing) createdDay = windowStart - rng.int(20, 1400);
  else createdDay = firstOrderDay - rng.int(lifecycle === 'new' ? 0 : 3, lifecycle === 'new' ? 20 : 90);
  // (At least two hours before the as-of moment, so that what follows it fits in.)
  const createdAt = Math.min(momentOn(ctx, createdDay), (firstOrder ?? asOf) - 600, asOf - 7200);

  // Ownership: most customers with a rep of the team for their region or size; some in the public pool.
  const poolChance = { potential: 0.17, active: 0.06, dormant: 0.26, lost: 0.34 }[status];
  const inPool = chance(rng, poolChance);
  const everOwned = !inPool || status !== 'potential' || chance(rng, 0.5);
  const team =
    company && (scale >= 2.2 || annualCents > 30_000_000) && chance(rng, 0.7)
      ? '大客户部'
      : status === 'active' && chance(rng, 0.12)
        ? '客户成功部'
        : SOUTH_CHINA.has(draft.province ?? '')
          ? chance(rng, 0.85)
            ? '华南销售部'
            : '华东销售部'
          : chance(rng, 0.85)
            ? '华东销售部'
            : '华南销售部';
  const pickOwner = (): string | null => {
    const members = ctx.ownersByTeam.get(team);
    const pool = members && (members.reps.length || members.managers.length) ? members : null;
    if (!pool) return ctx.owners.length ? rng.pick(ctx.owners).id : null;
    const useManager = !pool.reps.length || (pool.managers.length > 0 && chance(rng, 0.15));
    return rng.pick(useManager ? pool.managers : pool.reps).id;
  };
  const firstOwner = everOwned ? pickOwner() : null;
  let currentOwner = inPool ? null : firstOwner;
  const ownerChanges: OwnerChangePlan[] = [];
  const lastActivity = Math.max(createdAt, orders.at(-1)?.at ?? 0);
  let transfer: { at: number; from: string | null } | null = null;
  let releaseAt = Infinity;
  if (firstOwner)
    ownerChanges.push({ from: null, to: firstOwner, changedBy: firstOwner, at: createdAt + 60 });
  if (firstOwner && !inPool && status !== 'potential' && chance(rng, 0.08)) {
    const next = pickOwner();
    if (next && next !== firstOwner) {
      const tAt = Math.floor(uniform(rng, createdAt + SECONDS_PER_DAY, asOf - SECONDS_PER_DAY * 7));
      if (tAt > createdAt + SECONDS_PER_DAY) {
        const manager = ctx.ownersByTeam.get(team)?.managers[0]?.id ?? null;
        ownerChanges.push({ from: firstOwner, to: next, changedBy: manager, at: tAt });
        transfer = { at: tAt, from: firstOwner };
        currentOwner = next;
      }
    }
  }
  if (inPool && firstOwner) {
    // Reclaimed to the pool (公海) some weeks after the last activity, or when the rep left.
    const earliest = lastActivity + SECONDS_PER_DAY * rng.int(20, 120);
    releaseAt = Math.max(createdAt + 3600, Math.min(earliest, asOf - rng.int(60, 3600)));
    ownerChanges.push({ from: firstOwner, to: null, changedBy: null, at: releaseAt });
  }
  const handlerAt = (m: number): string | null => {
    if (m >= releaseAt) return null;
    if (transfer && m < transfer.at) return transfer.from;
    return inPool ? firstOwner : currentOwner;
  };

  // Contacts join over the relationship (the decision maker first).
  const contactRows = contacts.map((c, i) => ({
    ...c,
    createdAt:
      i === 0
        ? createdAt + 120
        : Math.min(asOf - 60, createdAt + Math.floor(rng.next() * 200 * SECONDS_PER_DAY)),
  }));
  const pickContact = (decision = false): number | null => {
    if (!contacts.length || chance(rng, 0.2)) return null;
    return decision || contacts.length === 1 ? 0 : rng.int(0, contacts.length - 1);
  };
  const productOf = () => {
    const line = counted.length ? rng.pick(rng.pick(counted).lines) : undefined;
    return line?.productName ?? rng.pick(ctx.catalogue.filter((p) => categories.includes(p.category))).name;
  };

  // ── Follow-ups: phases of the relationship, each at its own pace.
  const followups: FollowupPlan[] = [];
  const endOfFollowups = Math.min(asOfDay, Math.floor(Math.min(releaseAt, asOf) / SECONDS_PER_DAY));
  const startOfFollowups = Math.max(Math.floor(createdAt / SECONDS_PER_DAY), windowStart);
  const meanWork = ctx.workDays.mass(windowStart, asOfDay) / (asOfDay - windowStart + 1);
  const phase = (fromDay: number, toDay: number, perMonth: number, stage: FollowupStage) => {
    fromDay = Math.max(fromDay, startOfFollowups);
    toDay = Math.min(toDay, endOfFollowups);
    if (toDay < fromDay || perMonth <= 0) return;
    const n = Math.min(40, poisson(rng, (perMonth * ctx.workDays.mass(fromDay, toDay)) / meanWork / 30.44));
    for (let i = 0; i < n; i++) {
      const day = ctx.workDays.draw(rng.next(), fromDay, toDay);
      const m = momentOn(ctx, day);
      const userId = handlerAt(m);
      if (!userId) continue;
      const type = pickFollowupType(rng);
      const contact = pickContact(type === 'visit' || type === 'meeting');
      const c = contact === null ? null : contacts[contact]!;
      followups.push({
        at: m,
        type,
        content: followupContent(rng, type, stage, {
          contact: c?.name,
          title: c?.title,
          category: rng.pick(categories),
          product: productOf(),
          month: ymd(day).month,
        }),
        userId,
        contact,
        nextFollowupOn: chance(rng, 0.25) ? dateString(day + rng.int(3, 21)) : null,
      });
    }
  };
  const intensity = Math.min(1.6, 0.45 + 0.5 * Math.sqrt(ratePerMonth));
  if (firstOrderDay === undefined) phase(startOfFollowups, asOfDay, 0.9, 'prospect');
  else {
    phase(startOfFollowups, firstOrderDay - 1, 1.2, 'prospect');
    const activeUntil = (lastOrderDay ?? firstOrderDay) + 30;
    phase(firstOrderDay, activeUntil, intensity, 'customer');
    phase(activeUntil + 1, activeUntil + 270, 0.3, 'slipping');
    phase(activeUntil + 271, asOfDay, 0.08, 'lost');
  }
  followups.sort((a, b) => a.at - b.at);
  const lastFollowup = followups.at(-1);
  if (lastFollowup) {
    // Today's call list: reminders on the newest follow-up, mostly for active and prospective customers.
    // Some reminders have already passed unheeded (overdue on the call list).
    const owned = currentOwner !== null;
    const p = !owned
      ? 0
      : status === 'active' || status === 'potential'
        ? 0.55
        : status === 'dormant'
          ? 0.3
          : 0.05;
    const lastDay = Math.floor(lastFollowup.at / SECONDS_PER_DAY);
    const r = rng.next();
    if (r < p) lastFollowup.nextFollowupOn = dateString(asOfDay + rng.int(1, 14));
    else if (r < p + 0.08 && owned && lastDay + 1 < asOfDay)
      lastFollowup.nextFollowupOn = dateString(rng.int(Math.max(lastDay + 1, asOfDay - 10), asOfDay - 1));
  }

  // ── Contracts: annual framework agreements for the bigger accounts.
  const contracts: ContractPlan[] = [];
  const payments: PaymentPlan[] = [];
  const invoices: InvoicePlan[] = [];
  const terminatedAfter = lifecycle === 'churned' && lastOrderDay !== undefined ? lastOrderDay : Infinity;
  if (
    company &&
    firstOrderDay !== undefined &&
    (annualCents >= 12_000_000 || (scale >= 3.6 && counted.length >= 3))
  ) {
    // A chain of one-year contracts: the first signed when the relationship started (or already running
    // when the window opens), each renewed the day the previous one ends, while the customer still buys.
    let next = existing ? windowStart - rng.int(0, 300) : firstOrderDay - rng.int(0, 7);
    const lastUseful = Math.min(asOfDay + 45, lastOrderDay! + 30);
    while (next <= lastUseful) {
      const startDay = next;
      const isDraft = startDay > asOfDay;
      if (isDraft && lifecycle === 'churned') break;
      const signedDay = startDay - rng.int(0, 10);
      const endDay = addMonths(startDay, 12) - 1;
      const year = ymd(startDay + 182).year; // the year it mostly covers
      const amountCents = Math.max(
        5_000_000,
        Math.round((annualCents * uniform(rng, 0.8, 1.2)) / 1_000_000) * 1_000_000,
      );
      const statusOf: ContractPlan['status'] = isDraft
        ? 'draft'
        : terminatedAfter < endDay - 90
          ? 'terminated'
          : endDay < asOfDay
            ? 'completed'
            : 'active';
      const drawnUp = momentOn(ctx, Math.min(isDraft ? asOfDay - rng.int(0, 20) : signedDay, asOfDay));
      contracts.push({
        at: drawnUp,
        title: contractTitle(rng, year, rng.pick(categories)),
        amountCents,
        signedOn: isDraft ? null : dateString(signedDay),
        startsOn: dateString(startDay),
        endsOn: dateString(endDay),
        startDay,
        endDay,
        status: statusOf,
        notes: chance(rng, 0.3) ? rng.pick(CONTRACT_NOTES) : null,
      });
      next = statusOf === 'terminated' ? Infinity : endDay + 1;
      if (isDraft) continue;
      // Quarterly instalments (回款计划), invoiced (增值税专票) shortly before each falls due.
      const ci = contracts.length - 1;
      const quarter = Math.floor(amountCents / 4);
      for (let q = 0; q < 4; q++) {
        const dueDay = addMonths(startDay, 3 * (q + 1)) - 1;
        if (statusOf === 'terminated' && dueDay > terminatedAfter + 60) break;
        const amount = q === 3 ? amountCents - 3 * quarter : quarter;
        const overdueChance = lifecycle === 'churned' ? 0.35 : 0.07;
        let receivedAt: number | null = null;
        if (dueDay <= asOfDay && !chance(rng, overdueChance)) {
          const day = clampDay(dueDay + rng.int(-5, 20), startDay, asOfDay);
          receivedAt = momentOn(ctx, day);
        }
        payments.push({
          contract: ci,
          order: null,
          amountCents: amount,
          dueOn: dateString(dueDay),
          receivedAt,
          method: chance(rng, 0.85) ? '银行转账' : '承兑汇票',
          notes: `第${q + 1}期回款`,
          at: drawnUp + 300 + q,
        });
        const issueDay = dueDay - rng.int(0, 10);
        if (issueDay <= asOfDay + 10) {
          const issued = issueDay <= asOfDay;
          invoices.push({
            contract: ci,
            order: null,
            kind: 'vat_special',
            amountCents: amount,
            issuedDay: issued ? issueDay : null,
            status: issued ? 'issued' : 'requested',
            notes: `第${q + 1}期`,
            at: issued ? momentOn(ctx, issueDay) : asOf - rng.int(3600, 86_000),
          });
        }
      }
    }
  }
  const covered = (m: number) => {
    const day = Math.floor(m / SECONDS_PER_DAY);
    return contracts.some((c) => c.status !== 'draft' && c.startDay <= day && day <= c.endDay);
  };

  // ── Per-order payments and invoices for everything not under a contract.
  const terms = company ? rng.pick([0, 0, 0, 30, 30, 30, 30, 30, 60, 60]) : 0;
  const invoiceKind: InvoicePlan['kind'] =
    company && draft.sizeBand !== '1-9' && chance(rng, 0.75) ? 'vat_special' : 'vat_general';
  const electronicFrom = dayOf(2024, 12, 1); // 全电发票 rolled out nationwide
  orders.forEach((o, oi) => {
    if (o.status === 'cancelled' || covered(o.at)) return;
    const orderDay = Math.floor(o.at / SECONDS_PER_DAY);
    const dueDay = orderDay + terms;
    let receivedAt: number | null = null;
    if (!company || o.status === 'paid' || o.status === 'refunded')
      receivedAt = Math.min(asOf - 30, o.at + rng.int(60, 4 * 3600));
    else if (dueDay <= asOfDay) {
      if (!chance(rng, status === 'lost' || status === 'dormant' ? 0.25 : 0.05))
        receivedAt = momentOn(ctx, clampDay(dueDay + rng.int(-5, 15), orderDay, asOfDay));
    } else if (chance(rng, 0.2)) receivedAt = momentOn(ctx, rng.int(orderDay, asOfDay));
    if (receivedAt !== null && receivedAt < o.at) receivedAt = o.at + 60;
    const method = !company
      ? rng.pick(['微信支付', '支付宝'])
      : o.amountCents >= 5_000_000 && chance(rng, 0.15)
        ? '承兑汇票'
        : o.amountCents < 100_000 && chance(rng, 0.2)
          ? '现金'
          : '银行转账';
    payments.push({
      contract: null,
      order: oi,
      amountCents: o.amountCents,
      dueOn: dateString(dueDay),
      receivedAt,
      method,
      notes: null,
      at: o.at + 120,
    });
    if (o.status === 'refunded' && receivedAt !== null) {
      const refundAt = Math.min(asOf - 10, receivedAt + rng.int(1, 20) * SECONDS_PER_DAY);
      payments.push({
        contract: null,
        order: oi,
        amountCents: -o.amountCents,
        dueOn: null,
        receivedAt: refundAt,
        method,
        notes: '订单退款',
        at: refundAt,
      });
    }
    if (company ? chance(rng, 0.9) : chance(rng, 0.25)) {
      const issueDay = orderDay + rng.int(0, 7);
      const issued = issueDay <= asOfDay;
      const electronic = !company || (issueDay >= electronicFrom ? chance(rng, 0.75) : chance(rng, 0.15));
      invoices.push({
        contract: null,
        order: oi,
        kind: electronic ? 'electronic' : invoiceKind,
        amountCents: o.amountCents,
        issuedDay: issued ? issueDay : null,
        status: !issued ? 'requested' : o.status === 'refunded' || chance(rng, 0.01) ? 'void' : 'issued',
        notes: o.status === 'refunded' ? '订单退款，已红冲' : null,
        at: issued ? momentOn(ctx, issueDay) : o.at + 600,
      });
    }
  });

  // ── Service tickets, mostly resolved; the recent ones still open.
  const tickets: TicketPlan[] = [];
  if (firstOrderDay !== undefined) {
    const fromDay = Math.max(firstOrderDay, windowStart);
    const toDay = Math.min(asOfDay, (lastOrderDay ?? firstOrderDay) + 60);
    const years = Math.max(0.1, (toDay - fromDay) / 365);
    const n = Math.min(12, poisson(rng, 0.28 * years * Math.sqrt(scale) * (1 + Math.min(2, ratePerMonth))));
    const service = ctx.ownersByTeam.get('客户成功部');
    for (let i = 0; i < n; i++) {
      const day = ctx.workDays.draw(rng.next(), fromDay, toDay);
      const openedAt = momentOn(ctx, day);
      const product = productOf();
      let kind = pickTicketKind(rng);
      if (kind === 'repair' && !/机|钻|打印|投影|空压|碎纸/.test(product)) kind = 'consultation';
      const text = ticketText(rng, kind, product);
      const age = asOfDay - day;
      const r = rng.next();
      const status: TicketPlan['status'] =
        age < 10
          ? r < 0.4
            ? 'open'
            : r < 0.8
              ? 'in_progress'
              : 'resolved'
          : r < 0.03
            ? 'in_progress'
            : r < 0.55
              ? 'resolved'
              : 'closed';
      const done = status === 'resolved' || status === 'closed';
      const resolvedAt = done
        ? Math.min(asOf - 60, openedAt + Math.round(logNormal(rng, Math.log(20 * 3600), 1.1)))
        : null;
      const stars = kind === 'complaint' ? complaintStars : serviceStars;
      const assignee =
        service && service.reps.length && chance(rng, 0.7)
          ? rng.pick(service.reps).id
          : (handlerAt(openedAt) ?? firstOwner);
      tickets.push({
        kind,
        subject: text.subject,
        description: text.description,
        status,
        satisfaction: done && chance(rng, 0.8) ? stars(rng) : null,
        openedAt,
        resolvedAt,
        assigneeId: assignee,
        contact: pickContact(),
      });
    }
  }

  const updatedAt = Math.max(
    createdAt,
    lastFollowup?.at ?? 0,
    ...ownerChanges.map((c) => c.at),
    orders.at(-1)?.at ?? 0,
  );
  return {
    customer: {
      ...draft,
      status,
      ownerId: currentOwner,
      createdBy: firstOwner,
      createdAt,
      updatedAt: Math.min(updatedAt, asOf),
    },
    contacts: contactRows,
    ownerChanges,
    orders,
    followups,
    contracts,
    payments,
    invoices,
    tickets,
  };
}
