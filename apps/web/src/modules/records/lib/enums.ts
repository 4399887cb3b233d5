import type {
  Contract,
  Customer,
  Followup,
  Invoice,
  Order,
  Payment,
  Ticket,
  TimelineEntry,
} from '@stratum/contracts';

/**
 * Enum values (mirroring the contracts' zod enums, which the web bundle only imports as types) and the
 * antd tag colour of each. Labels live in the `records` i18n namespace under the same names.
 */
export const FOLLOWUP_TYPES: readonly Followup['type'][] = [
  'call',
  'visit',
  'wechat',
  'email',
  'meeting',
  'note',
];
export const ORDER_STATUSES: readonly Order['status'][] = ['paid', 'completed', 'cancelled', 'refunded'];
export const CONTRACT_STATUSES: readonly Contract['status'][] = [
  'draft',
  'active',
  'completed',
  'terminated',
];
export const INVOICE_KINDS: readonly Invoice['kind'][] = ['vat_special', 'vat_general', 'electronic'];
export const INVOICE_STATUSES: readonly Invoice['status'][] = ['requested', 'issued', 'void'];
export const TICKET_KINDS: readonly Ticket['kind'][] = ['complaint', 'consultation', 'repair'];
export const TICKET_STATUSES: readonly Ticket['status'][] = ['open', 'in_progress', 'resolved', 'closed'];
export const PAYMENT_METHODS = ['bank', 'wechat', 'alipay', 'cash', 'acceptance'] as const;

export const SIZE_BANDS = ['1-9', '10-49', '50-199', '200-999', '1000+'] as const;
export const SOURCES = [
  'referral',
  'website',
  'exhibition',
  'cold_call',
  'wechat',
  'partner',
  'advertising',
  'other',
] as const;

export const CUSTOMER_STATUS_COLOR: Record<Customer['status'], string> = {
  potential: 'blue',
  active: 'green',
  dormant: 'gold',
  lost: 'default',
};
export const ORDER_STATUS_COLOR: Record<Order['status'], string> = {
  paid: 'blue',
  completed: 'green',
  cancelled: 'default',
  refunded: 'orange',
};
export const CONTRACT_STATUS_COLOR: Record<Contract['status'], string> = {
  draft: 'default',
  active: 'processing',
  completed: 'success',
  terminated: 'error',
};
export const PAYMENT_STATE_COLOR: Record<Payment['state'], string> = {
  planned: 'blue',
  received: 'green',
  overdue: 'red',
};
export const INVOICE_STATUS_COLOR: Record<Invoice['status'], string> = {
  requested: 'gold',
  issued: 'green',
  void: 'default',
};
export const TICKET_KIND_COLOR: Record<Ticket['kind'], string> = {
  complaint: 'red',
  consultation: 'blue',
  repair: 'orange',
};
export const TICKET_STATUS_COLOR: Record<Ticket['status'], string> = {
  open: 'error',
  in_progress: 'processing',
  resolved: 'success',
  closed: 'default',
};
/** Timeline dot colour per kind (antd Timeline colours or CSS colours). */
export const TIMELINE_COLOR: Record<TimelineEntry['kind'], string> = {
  followup: '#1f6feb',
  order: '#2da44e',
  payment: '#d4a017',
  ticket: '#cf222e',
  contract: '#8250df',
  owner_change: '#8c8c8c',
};

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** A ticket's timeline detail is `kind:status`; null when it does not parse. */
export function parseTicketDetail(
  detail: string | null,
): { kind: Ticket['kind']; status: Ticket['status'] } | null {
  const [kind, status] = (detail ?? '').split(':');
  return isOneOf(TICKET_KINDS, kind) && isOneOf(TICKET_STATUSES, status) ? { kind, status } : null;
}
