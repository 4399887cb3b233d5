import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatQuantity, fromCents, lineAmount, orderTotal, receivedPercent, toFixedInt } from './money.ts';

describe('toFixedInt', () => {
  it('reads decimal strings and numbers at a scale', () => {
    expect(toFixedInt('19.9', 2)).toBe(1990n);
    expect(toFixedInt('19.99', 2)).toBe(1999n);
    expect(toFixedInt('.5', 2)).toBe(50n);
    expect(toFixedInt('-3', 3)).toBe(-3000n);
    expect(toFixedInt(12.5, 2)).toBe(1250n);
    expect(toFixedInt(' 7 ', 2)).toBe(700n);
  });

  it('rejects too many decimals and non-numbers', () => {
    expect(toFixedInt('1.001', 2)).toBeNull();
    expect(toFixedInt('', 2)).toBeNull();
    expect(toFixedInt('.', 2)).toBeNull();
    expect(toFixedInt('12abc', 2)).toBeNull();
    expect(toFixedInt('1e3', 2)).toBeNull();
    expect(toFixedInt(null, 2)).toBeNull();
    expect(toFixedInt(undefined, 2)).toBeNull();
  });
});

describe('lineAmount', () => {
  it('multiplies exactly and rounds half away from zero to the cent, as the server does', () => {
    expect(lineAmount('3', '19.99')).toBe('59.97');
    expect(lineAmount('0.333', '10')).toBe('3.33');
    expect(lineAmount('0.5', '0.01')).toBe('0.01');
    expect(lineAmount('1', '0.1')).toBe('0.10');
    expect(lineAmount('2', '35.5')).toBe('71.00');
    expect(lineAmount('-0.5', '0.01')).toBe('-0.01');
    expect(lineAmount('0.125', '0.1')).toBe('0.01');
  });

  it('handles amounts far beyond float precision', () => {
    expect(lineAmount('1000000', '999999999999.99')).toBe('999999999999990000.00');
    // 0.1 + 0.2 style float errors cannot happen.
    expect(lineAmount('3', '0.1')).toBe('0.30');
  });

  it('is null while a line is incomplete or invalid', () => {
    expect(lineAmount('', '1')).toBeNull();
    expect(lineAmount('1', null)).toBeNull();
    expect(lineAmount('1.0001', '1')).toBeNull();
    expect(lineAmount('1', '1.001')).toBeNull();
  });

  it('agrees with cent arithmetic on random lines', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        (q, p) => {
          // q thousandths × p cents = q·p / 1000 cents, rounded half up.
          const expected = (BigInt(q) * BigInt(p) + 500n) / 1000n;
          const quantity = `${Math.floor(q / 1000)}.${String(q % 1000).padStart(3, '0')}`;
          const price = `${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`;
          expect(lineAmount(quantity, price)).toBe(fromCents(expected));
        },
      ),
    );
  });
});

describe('orderTotal', () => {
  it('sums the rounded line amounts', () => {
    expect(
      orderTotal([
        { quantity: '3', unitPrice: '19.99' },
        { quantity: '0.333', unitPrice: '10' },
        { quantity: '0.5', unitPrice: '0.01' },
        { quantity: '1', unitPrice: '0.1' },
      ]),
    ).toBe('63.41');
  });

  it('skips incomplete lines and is zero without lines', () => {
    expect(orderTotal([{ quantity: '2', unitPrice: '5' }, { quantity: '1' }, null, undefined])).toBe('10.00');
    expect(orderTotal([])).toBe('0.00');
    expect(orderTotal(undefined)).toBe('0.00');
  });
});

describe('receivedPercent', () => {
  it('is the received share, capped to 0–100', () => {
    expect(receivedPercent('500.00', '1000.00')).toBe(50);
    expect(receivedPercent('333.33', '1000.00')).toBe(33.3);
    expect(receivedPercent('1200.00', '1000.00')).toBe(100);
    expect(receivedPercent('0.00', '1000.00')).toBe(0);
    expect(receivedPercent('10.00', '0.00')).toBe(0);
  });
});

describe('formatQuantity', () => {
  it('drops trailing zeros', () => {
    expect(formatQuantity('3.000')).toBe('3');
    expect(formatQuantity('0.500')).toBe('0.5');
    expect(formatQuantity('12.345')).toBe('12.345');
    expect(formatQuantity('-2.100')).toBe('-2.1');
    expect(formatQuantity(null)).toBe('');
  });
});
