// Malicious and oversized files, generated here: zip bombs (by ratio, by declared size, by entry count),
// huge shared-string tables, huge cells, too many columns, and headers that try to pollute prototypes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mapHeaders } from './mapping.ts';
import { FileError, LIMITS, readRows } from './parsers.ts';
import { openSource } from './source.ts';
import { checkXlsx, zipEntries } from './xlsx-guard.ts';

const dir = mkdtempSync(join(tmpdir(), 'stratum-guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const path = (ext: string) => join(dir, `g${n++}.${ext}`);

interface ZipPart {
  name: string;
  data: Buffer;
  /** Claim another uncompressed size than the real one (a lying header). */
  declaredSize?: number;
}

/** A minimal zip writer (deflate, no data descriptors): enough to build hostile workbooks. */
function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const body = deflateRawSync(p.data);
    const crc = crc32(p.data);
    const size = p.declaredSize ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
);
const workbookZip = (parts: ZipPart[]) => {
  const p = path('xlsx');
  writeFileSync(p, zip([{ name: '[Content_Types].xml', data: CONTENT_TYPES }, ...parts]));
  return p;
};
const all = async (p: string, opts = {}) => {
  const out = [];
  for await (const r of readRows(p, opts)) out.push(r);
  return out;
};
const saved = { ...LIMITS };
afterEach(() => Object.assign(LIMITS, saved));

describe('zip bombs', () => {
  it('reads the central directory of a real workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['客户名称', '金额']);
    const p = path('xlsx');
    await wb.xlsx.writeFile(p);
    const entries = await zipEntries(p);
    expect(entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    expect(entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!.uncompressed).toBeGreaterThan(100);
    await expect(checkXlsx(p)).resolves.toBeUndefined();
  });

  it('refuses an entry compressed far beyond what a spreadsheet compresses', async () => {
    // 20 MB of one repeated cell: ~20 KB compressed, about 1000:1.
    const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
    const sheet = Buffer.from(`<worksheet><sheetData>${row.repeat(400_000)}</sheetData></worksheet>`);
    const p = workbookZip([{ name: 'xl/worksheets/sheet1.xml', data: sheet }]);
    const err = await all(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileError);
    expect(err).toMatchObject({ code: 'ZIP_BOMB' });
    expect((err as FileError).localized('zh')).toContain('压缩炸弹');
    expect((err as FileError).localized('en')).toMatch(/sheet1\.xml \d+:1.*zip bomb/);
  });

  it('refuses a workbook that declares gigabytes, before inflating anything', async () => {
    const p = workbookZip([
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>'), declaredSize: 0xfffffff0 },
    ]);
    await expect(all(p)).rejects.toMatchObject({ code: 'ZIP_BOMB' });
  });

  it('refuses a zip with thousands of entries', async () => {
    const parts = Array.from({ length: LIMITS.zipEntries + 1 }, (_, i) => ({
      name: `xl/media/${i}.bin`,
      data: Buffer.from('x'),
    }));
    await expect(all(workbookZip(parts))).rejects.toMatchObject({ code: 'ZIP_BOMB' });
  });

  it('refuses a zip without a central directory as unreadable', async () => {
    const p = path('xlsx');
    writeFileSync(p, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)]));
    await expect(all(p)).rejects.toMatchObject({ code: 'UNREADABLE_FILE' });
  });
});

describe('shared strings', () => {
  it('refuses a declared shared-string table beyond the limit', async () => {
    const p = workbookZip([
      {
        name: 'xl/sharedStrings.xml',
        data: Buffer.from('<sst/>'),
        declaredSize: LIMITS.sharedStringsBytes + 1,
      },
    ]);
    // The declared size is also far beyond the data: either check may fire first.
    await expect(all(p)).rejects.toMatchObject({ code: expect.stringMatching(/SHARED_STRINGS|ZIP_BOMB/) });
  });

  it('stops caching shared strings past the count and character caps while streaming', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    for (let i = 0; i < 300; i++) ws.addRow([`客户${i}`, `地址${'很长'.repeat(i)}`]);
    const p = path('xlsx');
    await wb.xlsx.writeFile(p);
    expect(await all(p)).toHaveLength(300);

    LIMITS.sharedStrings = 100;
    const err = await all(p).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SHARED_STRINGS_TOO_LARGE' });
    expect((err as FileError).localized('zh')).toContain('共享字符串表过大');

    Object.assign(LIMITS, saved);
    LIMITS.sharedStringChars = 10_000;
    await expect(all(p)).rejects.toMatchObject({ code: 'SHARED_STRINGS_TOO_LARGE' });
  });
});

describe('huge cells and too many columns', () => {
  it('names the row and column of a huge cell, in zh and en', async () => {
    const p = path('csv');
    writeFileSync(p, `a,b\n1,2\n3,${'长'.repeat(LIMITS.cellChars + 1)}\n`);
    const err = (await all(p).catch((e: unknown) => e)) as FileError;
    expect(err).toMatchObject({ code: 'CELL_TOO_LARGE', params: { row: 3, column: 2 } });
    expect(err.localized('zh')).toBe(
      `第 3 行第 2 列的单元格有 ${LIMITS.cellChars + 1} 个字符，超过上限 ${LIMITS.cellChars}，未导入任何数据`,
    );
    expect(err.localized('en')).toContain('Row 3, column 2');
  });

  it('refuses a huge shared-string cell in a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRows([['名称'], ['x'.repeat(LIMITS.cellChars + 1)]]);
    const p = path('xlsx');
    await wb.xlsx.writeFile(p);
    await expect(all(p)).rejects.toMatchObject({ code: 'CELL_TOO_LARGE', params: { row: 2, column: 1 } });
  });

  it('refuses rows with more columns than Excel allows, in csv and xlsx', async () => {
    const csv = path('csv');
    writeFileSync(csv, `${'h,'.repeat(LIMITS.columns)}h\n`);
    await expect(all(csv)).rejects.toMatchObject({ code: 'TOO_MANY_COLUMNS', params: { row: 1 } });

    LIMITS.columns = 20;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRows([['a'], Array.from({ length: 21 }, (_, i) => i)]);
    const xlsx = path('xlsx');
    await wb.xlsx.writeFile(xlsx);
    const err = (await all(xlsx).catch((e: unknown) => e)) as FileError;
    expect(err).toMatchObject({ code: 'TOO_MANY_COLUMNS', params: { row: 2 } });
    expect(err.localized('zh')).toBe('第 2 行超过 20 列');
  });
});

describe('prototype pollution', () => {
  const hostile = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'];

  it('maps hostile headers to nothing and --map can still name them', () => {
    const m = mapHeaders('customers', [...hostile, '客户名称']);
    expect([...m.columns]).toEqual([['name', 6]]);
    expect(m.unmapped).toEqual(hostile);
    const forced = mapHeaders('customers', ['__proto__', 'constructor'], ['__proto__=name', 'constructor=-']);
    expect([...forced.columns]).toEqual([['name', 0]]);
    expect(() => mapHeaders('customers', ['a'], ['a=__proto__'])).toThrow(/not a field/);
  });

  it('reads csv and xlsx rows with hostile headers and values without touching Object.prototype', async () => {
    const payload = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}';
    const csv = path('csv');
    writeFileSync(
      csv,
      `${hostile.join(',')},name\n${hostile.map(() => `"${payload.replaceAll('"', '""')}"`).join(',')},A\n`,
    );
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRows([
      [...hostile, 'name'],
      [...hostile.map(() => payload), 'B'],
    ]);
    const xlsx = path('xlsx');
    await wb.xlsx.writeFile(xlsx);
    for (const [file, name] of [
      [csv, 'A'],
      [xlsx, 'B'],
    ] as const) {
      const src = await openSource('customers', file, {});
      const rows = [];
      for await (const r of src.rows) rows.push([r.get('name'), r.get('__proto__'), r.get('constructor')]);
      expect(rows).toEqual([[name, null, null]]);
    }
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('fills a FileError message only from its own parameters', () => {
    const err = new FileError('SHEET_NOT_FOUND', 'x', { sheet: '__proto__' });
    expect(err.localized('en')).toBe('The workbook has no sheet "__proto__"');
  });
});
