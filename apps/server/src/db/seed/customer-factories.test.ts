import { describe, expect, it } from 'vitest';
import { CreateContactBody, CreateCustomerBody, CreateProductBody } from '@stratum/contracts';
import { createRng } from './random.ts';
import {
  centsToMoney,
  contactsFor,
  customerFactory,
  externalId,
  moneyToCents,
  orderLinesFactory,
  PRODUCT_CATALOGUE,
  productCatalogue,
} from './customer-factories.ts';
import { DayDistribution, dayOf, isoAt, orderSeasonality, springFestival } from './calendar.ts';

const ID = '00000000-0000-4000-8000-000000000001';

describe('customer factories', () => {
  it('are deterministic by seed', () => {
    const names = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 50 }, () => customerFactory(rng).name);
    };
    expect(names(3)).toEqual(names(3));
    expect(names(3)).not.toEqual(names(4));
  });

  it('make customers and contacts the API accepts, with believable Chinese details', () => {
    const rng = createRng(11);
    const taken = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const customer = customerFactory(rng, { taken, externalId: externalId(i + 1) });
      expect(() => CreateCustomerBody.parse(customer)).not.toThrow();
      if (customer.kind === 'company') {
        expect(customer.name).toMatch(/^[\u4e00-\u9fff]+(有限公司|股份有限公司|集团有限公司)$/);
        expect(customer.name.startsWith(customer.city!)).toBe(true);
      } else expect(customer.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(customer.phone).toMatch(/^(1[3-9]\d{9}|0\d{2,3}-[2-8]\d{7})$/);
      expect(customer.externalId).toBe(`ERP-${String(i + 1).padStart(6, '0')}`);
      const contacts = contactsFor(rng, customer);
      expect(contacts.length).toBeGreaterThanOrEqual(1);
      expect(contacts.length).toBeLessThanOrEqual(4);
      expect(contacts.filter((c) => c.isDecisionMaker)).toHaveLength(1);
      for (const c of contacts) expect(() => CreateContactBody.parse({ customerId: ID, ...c })).not.toThrow();
    }
    expect(taken.size).toBeGreaterThan(440); // company names rarely repeat
  });

  it('price order lines exactly in cents', () => {
    expect(centsToMoney(123_456)).toBe('1234.56');
    expect(centsToMoney(-5)).toBe('-0.05');
    expect(moneyToCents('1234.5')).toBe(123_450);
    for (const p of productCatalogue()) expect(() => CreateProductBody.parse(p)).not.toThrow();
    const rng = createRng(5);
    for (let i = 0; i < 300; i++) {
      const target = Math.round(10_000 + rng.next() * 5_000_000);
      const lines = orderLinesFactory(rng, PRODUCT_CATALOGUE, target, {
        categories: ['办公用品'],
        discount: 0.95,
      });
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(4);
      expect(new Set(lines.map((l) => l.product)).size).toBe(lines.length);
      for (const l of lines) {
        expect(Number.isInteger(l.quantity) && l.quantity > 0).toBe(true);
        expect(l.amountCents).toBe(l.quantity * l.unitPriceCents);
      }
    }
  });

  it('know the Chinese calendar the seasons follow', () => {
    expect(springFestival(2025)).toBe(dayOf(2025, 1, 29));
    expect(isoAt(dayOf(2025, 11, 11) * 86_400 + 9 * 3600 + 5)).toBe('2025-11-11T09:00:05+08:00');
    const days = new DayDistribution(dayOf(2024, 1, 1), dayOf(2025, 12, 31), orderSeasonality);
    const perDay = (y: number, m: number, d: number, y2: number, m2: number, d2: number) =>
      days.mass(dayOf(y, m, d), dayOf(y2, m2, d2)) / (dayOf(y2, m2, d2) - dayOf(y, m, d) + 1);
    const year = perDay(2025, 1, 1, 2025, 12, 31);
    expect(perDay(2025, 11, 1, 2025, 11, 11)).toBeGreaterThan(2 * year); // 双11
    expect(perDay(2025, 6, 1, 2025, 6, 18)).toBeGreaterThan(1.3 * year); // 618
    expect(perDay(2025, 1, 8, 2025, 1, 26)).toBeGreaterThan(1.5 * year); // stocking up before 春节
    expect(perDay(2025, 1, 27, 2025, 2, 4)).toBeLessThan(0.3 * year); // the holiday itself
  });
});
