import type { CreateCustomerBody, Customer } from '@stratum/contracts';

// The enum values of the API (the contracts' zod enums are not imported at run time: types only).
export type CustomerStatus = Customer['status'];
export type CustomerKind = Customer['kind'];
export type SizeBand = NonNullable<CreateCustomerBody['sizeBand']>;
export type SourceChannel = NonNullable<CreateCustomerBody['source']>;

export const CUSTOMER_KINDS: readonly CustomerKind[] = ['company', 'individual'];
export const CUSTOMER_STATUSES: readonly CustomerStatus[] = ['potential', 'active', 'dormant', 'lost'];
export const SIZE_BANDS: readonly SizeBand[] = ['1-9', '10-49', '50-199', '200-999', '1000+'];
export const SOURCE_CHANNELS: readonly SourceChannel[] = [
  'referral',
  'website',
  'exhibition',
  'cold_call',
  'wechat',
  'partner',
  'advertising',
  'other',
];

/** antd Tag colours of the customer statuses. */
export const STATUS_COLORS: Record<CustomerStatus, string> = {
  potential: 'blue',
  active: 'green',
  dormant: 'orange',
  lost: 'default',
};

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);
export const isCustomerStatus = (v: string): v is CustomerStatus => isOneOf(CUSTOMER_STATUSES, v);
export const isCustomerKind = (v: string): v is CustomerKind => isOneOf(CUSTOMER_KINDS, v);
export const isSizeBand = (v: string): v is SizeBand => isOneOf(SIZE_BANDS, v);
export const isSourceChannel = (v: string): v is SourceChannel => isOneOf(SOURCE_CHANNELS, v);
