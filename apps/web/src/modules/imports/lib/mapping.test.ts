import { describe, expect, it } from 'vitest';
import {
  alternativesOf,
  assign,
  hasAllowedExtension,
  mappingBody,
  missingFields,
  percentOf,
} from './mapping.ts';

const fields = [
  { key: 'external_id', label: '客户编号', required: false, group: null, options: null },
  { key: 'name', label: '客户名称', required: true, group: null, options: null },
  { key: 'phone', label: '电话', required: false, group: null, options: null },
];
const followupFields = [
  { key: 'customer_external_id', label: '客户编号', required: false, group: 'customer', options: null },
  { key: 'customer_phone', label: '客户电话', required: false, group: 'customer', options: null },
  { key: 'type', label: '跟进方式', required: true, group: null, options: null },
];

describe('import mapping', () => {
  it('keeps one column per field', () => {
    expect(assign(['external_id', 'name', null], 2, 'name')).toEqual(['external_id', null, 'name']);
    expect(assign(['external_id', 'name', null], 0, null)).toEqual([null, 'name', null]);
  });

  it('lists required fields without a column', () => {
    expect(missingFields(fields, ['external_id', null, 'phone'])).toEqual(['name']);
    expect(missingFields(fields, [null, 'name', null])).toEqual([]);
  });

  it('needs one field of a group of alternatives, reported by its first', () => {
    expect(missingFields(followupFields, [null, null, 'type'])).toEqual(['customer_external_id']);
    expect(missingFields(followupFields, ['customer_phone', null, 'type'])).toEqual([]);
    expect(alternativesOf(followupFields, 'customer_external_id').map((f) => f.key)).toEqual([
      'customer_phone',
    ]);
  });

  it('sends every named column with its field', () => {
    const columns = [
      { index: 0, header: '编号', field: 'external_id' },
      { index: 1, header: '', field: null },
      { index: 2, header: '公司', field: null },
    ];
    expect(mappingBody(columns, ['external_id', null, 'name'])).toEqual([
      { header: '编号', field: 'external_id' },
      { header: '公司', field: 'name' },
    ]);
  });

  it('accepts xlsx and csv only, and caps progress below 100', () => {
    expect(hasAllowedExtension('客户.XLSX')).toBe(true);
    expect(hasAllowedExtension('a.csv')).toBe(true);
    expect(hasAllowedExtension('old.xls')).toBe(false);
    expect(percentOf({ done: 50, total: 200 })).toBe(25);
    expect(percentOf({ done: 200, total: 200 })).toBe(99);
    expect(percentOf({ done: 5 })).toBeNull();
  });
});
