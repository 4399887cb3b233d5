import { describe, expect, it } from 'vitest';
import {
  decimalText,
  halfWidth,
  parseAmount,
  parseDate,
  parseDateTime,
  parseOrderStatus,
  parseQuantity,
  roundDecimal,
  wallClockToUtc,
} from './convert.ts';

describe('amounts', () => {
  it.each([
    ['¥1,234.50', '1234.50'],
    ['￥1,234.5', '1234.50'],
    ['1,234.5', '1234.50'],
    ['RMB 88', '88.00'],
    ['12元', '12.00'],
    ['１，２３４．５０', '1234.50'],
    ['-3.5', '-3.50'],
    ['(3.5)', '-3.50'],
    ['¥-2', '-2.00'],
    ['.5', '0.50'],
    ['0.005', '0.01'],
    ['-0.005', '-0.01'],
    ['2.344', '2.34'],
  ])('%s → %s', (input, expected) => {
    expect(parseAmount(input)).toEqual({ ok: true, value: expected });
  });

  it('takes numbers from Excel cells exactly as shown, and blanks as null', () => {
    expect(parseAmount(2.55)).toEqual({ ok: true, value: '2.55' });
    expect(parseAmount(0.1 + 0.2)).toEqual({ ok: true, value: '0.30' });
    expect(parseAmount(1e-7)).toEqual({ ok: true, value: '0.00' });
    expect(parseAmount(null)).toEqual({ ok: true, value: null });
    expect(parseAmount('  ')).toEqual({ ok: true, value: null });
  });

  it.each(['1,23,4', 'abc', '1.2.3', '¥', '12,34', '--1', '1e5'])('rejects %s', (input) => {
    expect(parseAmount(input)).toEqual({ ok: false, code: 'invalid_amount' });
  });

  it('rejects amounts beyond numeric(14,2)', () => {
    expect(parseAmount('1234567890123').ok).toBe(false);
    expect(parseAmount('123456789012.99').ok).toBe(true);
  });

  it('quantities keep three decimals', () => {
    expect(parseQuantity('1,000')).toEqual({ ok: true, value: '1000.000' });
    expect(parseQuantity(-12)).toEqual({ ok: true, value: '-12.000' });
    expect(parseQuantity('0.0005')).toEqual({ ok: true, value: '0.001' });
    expect(parseQuantity('x')).toEqual({ ok: false, code: 'invalid_quantity' });
  });

  it('rounds half away from zero, exactly', () => {
    expect(roundDecimal('1.005', 2)).toBe('1.01');
    expect(roundDecimal('-1.005', 2)).toBe('-1.01');
    expect(roundDecimal('999999999999.995', 2)).toBe('1000000000000.00');
    expect(roundDecimal('-0.004', 2)).toBe('0.00');
    expect(decimalText('+7')).toBe('7');
  });
});

describe('dates', () => {
  const SH = 'Asia/Shanghai';
  it.each([
    ['2024-03-01', '2024-02-29T16:00:00.000Z'],
    ['2024/3/1 14:05', '2024-03-01T06:05:00.000Z'],
    ['2024/03/01 14:05:09', '2024-03-01T06:05:09.000Z'],
    ['2024.3.1', '2024-02-29T16:00:00.000Z'],
    ['2024年3月1日', '2024-02-29T16:00:00.000Z'],
    ['2024年3月1日 14:05', '2024-03-01T06:05:00.000Z'],
    ['2024年3月1日 14时05分', '2024-03-01T06:05:00.000Z'],
    ['２０２４－０３－０１', '2024-02-29T16:00:00.000Z'],
    ['2024-03-01T14:05:00Z', '2024-03-01T14:05:00.000Z'],
    ['2024-03-01T14:05:00+08:00', '2024-03-01T06:05:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseDateTime(input, SH)).toEqual({ ok: true, value: expected });
  });

  it('reads Excel serials (numbers and numeric text) and date cells as wall clock in the zone', () => {
    expect(parseDateTime(45352, SH)).toEqual({ ok: true, value: '2024-02-29T16:00:00.000Z' }); // 2024-03-01
    expect(parseDateTime(45352.5, 'UTC')).toEqual({ ok: true, value: '2024-03-01T12:00:00.000Z' });
    expect(parseDateTime('45352', 'UTC')).toEqual({ ok: true, value: '2024-03-01T00:00:00.000Z' });
    // exceljs gives a date cell as the wall clock in UTC.
    expect(parseDateTime(new Date('2010-12-01T08:26:00Z'), 'Europe/London')).toEqual({
      ok: true,
      value: '2010-12-01T08:26:00.000Z',
    });
    expect(parseDateTime(new Date('2011-06-01T08:26:00Z'), 'Europe/London')).toEqual({
      ok: true,
      value: '2011-06-01T07:26:00.000Z',
    });
  });

  it.each(['2024-02-30', '2024/13/1', 'yesterday', '2024-03-01 25:00', '-5'])('rejects %s', (input) => {
    expect(parseDateTime(input, SH)).toEqual({ ok: false, code: 'invalid_date' });
  });

  it('blank is null; calendar dates', () => {
    expect(parseDateTime('', SH)).toEqual({ ok: true, value: null });
    expect(parseDate('2024年3月1日')).toEqual({ ok: true, value: '2024-03-01' });
    expect(parseDate(45352)).toEqual({ ok: true, value: '2024-03-01' });
  });

  it('handles daylight saving', () => {
    // New York, 2024-03-10 12:00 is EDT (UTC-4).
    expect(new Date(wallClockToUtc(Date.UTC(2024, 2, 10, 12), 'America/New_York')).toISOString()).toBe(
      '2024-03-10T16:00:00.000Z',
    );
  });
});

describe('statuses and text', () => {
  it.each([
    ['已付款', 'paid'],
    ['已支付', 'paid'],
    ['已完成', 'completed'],
    ['Completed', 'completed'],
    ['已取消', 'cancelled'],
    ['canceled', 'cancelled'],
    ['已退款', 'refunded'],
    ['退货', 'refunded'],
  ])('%s → %s', (input, expected) => {
    expect(parseOrderStatus(input)).toEqual({ ok: true, value: expected });
  });
  it('rejects unknown statuses', () => {
    expect(parseOrderStatus('maybe')).toEqual({ ok: false, code: 'invalid_status' });
    expect(parseOrderStatus('__proto__')).toEqual({ ok: false, code: 'invalid_status' });
    expect(parseOrderStatus(null)).toEqual({ ok: true, value: null });
  });
  it('folds full-width characters', () => {
    expect(halfWidth('ＡＢＣ１２３，．　x')).toBe('ABC123,. x');
  });
});
