import ExcelJS from 'exceljs';
import { PassThrough, type Readable } from 'node:stream';
import { safeCell } from './cell-safety.ts';

export interface Column<T> {
  header: string;
  value: (row: T) => unknown;
  width?: number;
}

const csvField = (v: string | number | null) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/**
 * Streams pages of rows to CSV (UTF-8 with BOM, so Excel reads Chinese correctly) or XLSX (exceljs's
 * streaming writer): rows are written as they come, so memory does not grow with the export.
 */
export function writeTable<T>(
  format: 'csv' | 'xlsx',
  columns: Column<T>[],
  pages: AsyncIterable<T[]>,
): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      if (format === 'csv') {
        out.write('\uFEFF' + columns.map((c) => csvField(safeCell(c.header))).join(',') + '\r\n');
        for await (const page of pages) {
          const chunk = page
            .map((row) => columns.map((c) => csvField(safeCell(c.value(row)))).join(','))
            .join('\r\n');
          if (!out.write(chunk + '\r\n')) await new Promise((r) => out.once('drain', r));
        }
        out.end();
        return;
      }
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useSharedStrings: false,
        useStyles: true,
      });
      const sheet = workbook.addWorksheet('Export');
      sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 18 }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      for await (const page of pages) {
        for (const row of page) sheet.addRow(columns.map((c) => safeCell(c.value(row)))).commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}
