import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { gb18030 } from './gb18030.test-helper.ts';
import { FileError, readRows, sniffEncoding } from './parsers.ts';
import { openSource } from './source.ts';

const dir = mkdtempSync(join(tmpdir(), 'stratum-parsers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (content: Buffer | string, ext = 'csv') => {
  const p = join(dir, `f${n++}.${ext}`);
  writeFileSync(p, content);
  return p;
};
const all = async (path: string, opts = {}) => {
  const out = [];
  for await (const r of readRows(path, opts)) out.push(r);
  return out;
};

describe('GB18030', () => {
  it('Node decodes known byte sequences', () => {
    const d = new TextDecoder('gb18030');
    expect(d.decode(new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]))).toBe('你好');
    expect(d.decode(new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7]))).toBe('客户');
    expect([...gb18030('你好')]).toEqual([0xc4, 0xe3, 0xba, 0xc3]);
  });

  it('sniffs BOM, UTF-8 and GB18030', () => {
    expect(sniffEncoding(Buffer.from('\ufeffa,b', 'utf8'))).toEqual({ encoding: 'utf-8', bom: 3 });
    expect(sniffEncoding(Buffer.from('客户,b', 'utf8'))).toEqual({ encoding: 'utf-8', bom: 0 });
    expect(sniffEncoding(gb18030('客户名称,金额'))).toEqual({ encoding: 'gb18030', bom: 0 });
  });
});

describe('CSV', () => {
  it('reads UTF-8 with a BOM, quoted cells and CRLF', async () => {
    const rows = await all(file('\ufeff客户名称,备注\r\n"张三, 李四","说""好"""\r\n\r\n王五,\r\n'));
    expect(rows).toEqual([
      { row: 1, cells: ['客户名称', '备注'] },
      { row: 2, cells: ['张三, 李四', '说"好"'] },
      { row: 3, cells: [] },
      { row: 4, cells: ['王五', ''] },
    ]);
  });

  // 20,000 rows: about 1.5 s alone, several times that on a loaded machine.
  it(
    'reads GB18030 as saved by Excel on Chinese Windows, across chunk boundaries',
    { timeout: 30_000 },
    async () => {
      const body = Array.from({ length: 20_000 }, (_, i) => `客户${i},上海市`).join('\r\n');
      const rows = await all(file(gb18030(`客户名称,城市\r\n${body}\r\n`)));
      expect(rows[0]!.cells).toEqual(['客户名称', '城市']);
      expect(rows).toHaveLength(20_001); // a final line break ends the last row, it is not a row
      expect(rows[20_000]!.cells).toEqual(['客户19999', '上海市']);
    },
  );

  it('refuses huge cells', async () => {
    const path = file(`a,b\n1,${'x'.repeat(40_000)}\n`);
    await expect(all(path)).rejects.toMatchObject({ code: 'CELL_TOO_LARGE' });
  });

  it('keeps a __proto__ header as plain text', async () => {
    const src = await openSource('customers', file('__proto__,name\n{"polluted":1},A\n'), {});
    const rows = [];
    for await (const r of src.rows) rows.push([r.get('name'), r.get('__proto__')]);
    expect(rows).toEqual([['A', null]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('says which file is missing or empty', async () => {
    await expect(all(join(dir, 'nope.csv'))).rejects.toBeInstanceOf(FileError);
    await expect(all(file(''))).rejects.toMatchObject({ code: 'EMPTY_FILE' });
  });
});

describe('xlsx', () => {
  const workbook = async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet('说明');
    a.addRow(['this sheet is notes']);
    const s = wb.addWorksheet('订单');
    s.addRow(['订单号', '下单时间', '金额', '客户']);
    s.addRow([
      1001,
      new Date(Date.UTC(2024, 2, 1, 14, 5)),
      1234.5,
      { richText: [{ text: '张' }, { text: '三' }] },
    ]);
    s.addRow(['A-2', 45352, '¥1,234.50', { formula: '"李"&"四"', result: '李四' }]);
    const p = join(dir, `w${n++}.xlsx`);
    await wb.xlsx.writeFile(p);
    return p;
  };

  it('streams the chosen sheet, flattening rich text and formulas', async () => {
    const rows = await all(await workbook(), { sheet: '订单' });
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(rows[1]!.cells).toEqual([1001, new Date(Date.UTC(2024, 2, 1, 14, 5)), 1234.5, '张三']);
    expect(rows[2]!.cells).toEqual(['A-2', 45352, '¥1,234.50', '李四']);
  });

  it('reads the first sheet by default, and names a missing one', async () => {
    const p = await workbook();
    expect((await all(p))[0]!.cells).toEqual(['this sheet is notes']);
    expect((await all(p, { sheet: '2' }))[0]!.cells[0]).toBe('订单号');
    await expect(all(p, { sheet: '客户' })).rejects.toMatchObject({ code: 'SHEET_NOT_FOUND' });
  });

  it('rejects a broken workbook and huge cells with a clear error', async () => {
    await expect(all(file(Buffer.from('PK\x03\x04garbage-garbage-garbage'), 'xlsx'))).rejects.toMatchObject({
      code: 'UNREADABLE_FILE',
    });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['a', 'y'.repeat(40_000)]);
    const p = join(dir, `big${n++}.xlsx`);
    await wb.xlsx.writeFile(p);
    await expect(all(p)).rejects.toMatchObject({ code: 'CELL_TOO_LARGE' });
  });
});
