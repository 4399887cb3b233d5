import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, todayIn } from './format.ts';

describe('formatMoney', () => {
  it('formats decimal strings with the currency sign, grouping and two decimals', () => {
    expect(formatMoney('12345.6')).toBe('¥12,345.60');
    expect(formatMoney('0')).toBe('¥0.00');
    expect(formatMoney('1000000')).toBe('¥1,000,000.00');
    expect(formatMoney('999.99')).toBe('¥999.99');
    expect(formatMoney('.5')).toBe('¥0.50');
    expect(formatMoney('007.10')).toBe('¥7.10');
  });

  it('is exact beyond double precision and rounds half away from zero', () => {
    expect(formatMoney('123456789012345678.91')).toBe('¥123,456,789,012,345,678.91');
    expect(formatMoney('0.005')).toBe('¥0.01');
    expect(formatMoney('1.004')).toBe('¥1.00');
    expect(formatMoney('999.995')).toBe('¥1,000.00');
    expect(formatMoney('-1.005')).toBe('-¥1.01');
  });

  it('handles signs, other currencies and empty values', () => {
    expect(formatMoney('-2500.5')).toBe('-¥2,500.50');
    expect(formatMoney('-0.001')).toBe('¥0.00');
    expect(formatMoney('10', 'USD')).toBe('$10.00');
    expect(formatMoney('10', 'CHF')).toBe('CHF 10.00');
    expect(formatMoney(null)).toBe('');
    expect(formatMoney(undefined)).toBe('');
    expect(formatMoney('abc')).toBe('abc');
  });
});

describe('dates in the workspace time zone', () => {
  it('shows instants in the given zone', () => {
    expect(formatDateTime('2025-03-01T16:30:00Z', 'Asia/Shanghai')).toBe('2025-03-02 00:30');
    expect(formatDateTime('2025-03-01T16:30:00Z', 'UTC')).toBe('2025-03-01 16:30');
    expect(formatDate('2025-03-01T16:30:00Z', 'Asia/Shanghai')).toBe('2025-03-02');
  });

  it('shows calendar dates as they are, and nothing for empty values', () => {
    expect(formatDate('2025-03-01', 'America/New_York')).toBe('2025-03-01');
    expect(formatDate('2025-03-01')).toBe('2025-03-01');
    expect(formatDateTime(null, 'Asia/Shanghai')).toBe('');
    expect(formatDate(undefined)).toBe('');
  });

  it('gives today as a calendar date', () => {
    expect(todayIn('Asia/Shanghai')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
