import { describe, expect, it } from 'vitest';
import {
  alternativesOf,
  assign,
  hasAllowedExtension,
  labelRowMessage,
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

describe('labelRowMessage', () => {
  it('names the field by its label where the server names it by key', () => {
    expect(labelRowMessage('必填项「name」为空', 'name', '客户名称')).toBe('必填项「客户名称」为空');
    expect(labelRowMessage('The required field "name" is empty', 'name', 'Name')).toBe(
      'The required field "Name" is empty',
    );
    expect(labelRowMessage('phone = 0574-1 已存在，无法新建', 'phone', '电话')).toBe(
      '电话 = 0574-1 已存在，无法新建',
    );
    expect(labelRowMessage('与文件第 3 行重复（email = a@b.cn）', 'email', '邮箱')).toBe(
      '与文件第 3 行重复（邮箱 = a@b.cn）',
    );
    expect(labelRowMessage('Duplicates row 3 of the file (email = a@b.cn)', 'email', 'Email')).toBe(
      'Duplicates row 3 of the file (Email = a@b.cn)',
    );
  });

  it('leaves values that merely contain the key alone', () => {
    expect(labelRowMessage('「amount」不是有效的金额：name', 'amount', '金额')).toBe(
      '「金额」不是有效的金额：name',
    );
    expect(labelRowMessage('客户 name 在回收站中，请先恢复', 'name', '客户名称')).toBe(
      '客户 name 在回收站中，请先恢复',
    );
    expect(labelRowMessage('订单 X 的各行客户不一致', null, '')).toBe('订单 X 的各行客户不一致');
  });
});
