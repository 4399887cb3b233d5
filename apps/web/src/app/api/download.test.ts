import { describe, expect, it } from 'vitest';
import { attachmentName } from './download.ts';

describe('attachmentName', () => {
  it('takes the RFC 6266 name first, then the plain one, else the fallback', () => {
    expect(
      attachmentName(
        `attachment; filename="import-errors-1.csv"; filename*=UTF-8''${encodeURIComponent('导入错误报告-1.csv')}`,
        'x.csv',
      ),
    ).toBe('导入错误报告-1.csv');
    expect(attachmentName('attachment; filename="customers-2026-11-23.xlsx"', 'x.xlsx')).toBe(
      'customers-2026-11-23.xlsx',
    );
    expect(attachmentName('attachment; filename="a.csv"; filename*=UTF-8\'\'%E0%A4%A', 'x')).toBe('a.csv');
    expect(attachmentName(null, 'fallback.xlsx')).toBe('fallback.xlsx');
  });
});
