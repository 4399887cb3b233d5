import { describe, expect, it } from 'vitest';
import { describeField, mapHeaders, MappingError } from './mapping.ts';

const fields = (m: ReturnType<typeof mapHeaders>) => Object.fromEntries(m.columns);

describe('header mapping', () => {
  it('maps Chinese headers', () => {
    const m = mapHeaders('customers', [
      '客户编号',
      '客户名称',
      '手机号',
      '电子邮箱',
      '省份',
      '城市',
      '备注',
      '无关列',
    ]);
    expect(fields(m)).toEqual({
      external_id: 0,
      name: 1,
      phone: 2,
      email: 3,
      province: 4,
      city: 5,
      notes: 6,
    });
    expect(m.unmapped).toEqual(['无关列']);
    expect(m.missing).toEqual([]);
  });

  it('maps English headers and field keys, ignoring case, width, spaces and underscores', () => {
    const m = mapHeaders('orders', [
      'Order No',
      'customer_external_id',
      'ORDERED_AT',
      'Amount',
      'Status',
      'Ｑｔｙ',
      'Unit Price',
    ]);
    expect(fields(m)).toEqual({
      order_no: 0,
      customer_external_id: 1,
      ordered_at: 2,
      amount: 3,
      status: 4,
      quantity: 5,
      unit_price: 6,
    });
  });

  it('maps the Online Retail export', () => {
    const m = mapHeaders('orders', [
      'InvoiceNo',
      'StockCode',
      'Description',
      'Quantity',
      'InvoiceDate',
      'UnitPrice',
      'CustomerID',
      'Country',
    ]);
    expect(fields(m)).toEqual({
      order_no: 0,
      sku: 1,
      product_name: 2,
      quantity: 3,
      ordered_at: 4,
      unit_price: 5,
      customer_external_id: 6,
    });
    expect(m.unmapped).toEqual(['Country']);
  });

  it('maps Chinese order headers', () => {
    const m = mapHeaders('orders', [
      '订单号',
      '客户编号',
      '下单时间',
      '商品名称',
      '数量',
      '单价',
      '订单状态',
    ]);
    expect(m.missing).toEqual([]);
    expect(fields(m)).toMatchObject({ order_no: 0, customer_external_id: 1, ordered_at: 2, status: 6 });
  });

  it('applies --map overrides, including ignoring a column', () => {
    const m = mapHeaders('customers', ['公司', '联系电话', '编号'], ['公司=name', '编号=-']);
    expect(fields(m)).toEqual({ name: 0, phone: 1 });
    expect(m.unmapped).toEqual(['编号']);
  });

  it('reports missing required fields and rejects bad overrides', () => {
    expect(mapHeaders('orders', ['客户编号']).missing).toEqual(['order_no', 'ordered_at']);
    expect(() => mapHeaders('customers', ['a'], ['a=nope'])).toThrow(MappingError);
    expect(() => mapHeaders('customers', ['a'], ['noequals'])).toThrow(MappingError);
  });

  it('lets contacts and follow-ups name their customer by external id, phone or email', () => {
    const byPhone = mapHeaders('contacts', ['客户电话', '联系人', '电话']);
    expect(fields(byPhone)).toEqual({ customer_phone: 0, name: 1, phone: 2 });
    expect(byPhone.missing).toEqual([]);
    expect(
      fields(mapHeaders('followups', ['Customer Email', '跟进方式', '跟进内容', '跟进时间'])),
    ).toMatchObject({
      customer_email: 0,
    });
    expect(mapHeaders('followups', ['客户邮箱', '跟进方式', '跟进内容', '跟进时间']).missing).toEqual([]);
    // None of the three: reported once, by the first.
    expect(mapHeaders('contacts', ['联系人']).missing).toEqual(['customer_external_id']);
    expect(describeField('contacts', 'customer_external_id')).toBe(
      'customer_external_id (or customer_phone, customer_email)',
    );
    expect(describeField('contacts', 'name')).toBe('name');
  });

  it('is not fooled by prototype keys', () => {
    const m = mapHeaders('customers', ['__proto__', 'constructor', 'name'], ['constructor=-']);
    expect(fields(m)).toEqual({ name: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
