import { describe, expect, it } from 'vitest';
import { isOneOf, ORDER_STATUSES, parseTicketDetail } from './enums.ts';

describe('enum helpers', () => {
  it('recognises enum values', () => {
    expect(isOneOf(ORDER_STATUSES, 'paid')).toBe(true);
    expect(isOneOf(ORDER_STATUSES, 'shipped')).toBe(false);
    expect(isOneOf(ORDER_STATUSES, null)).toBe(false);
  });

  it('parses a ticket timeline detail', () => {
    expect(parseTicketDetail('complaint:in_progress')).toEqual({ kind: 'complaint', status: 'in_progress' });
    expect(parseTicketDetail('complaint')).toBeNull();
    expect(parseTicketDetail('other:open')).toBeNull();
    expect(parseTicketDetail(null)).toBeNull();
  });
});
