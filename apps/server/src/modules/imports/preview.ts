// What the import wizard shows before running: the sheets, the header mapped to fields automatically
// (mapping.ts, as the CLI does) and the first rows. Reads only the start of the file.
import type { ImportPreview } from '@stratum/contracts';
import type { Cell } from './convert.ts';
import { cellOut } from './error-report.ts';
import { mapHeaders, type ImportKind } from './mapping.ts';
import { FileError, readRows } from './parsers.ts';
import { listSheets } from './xlsx-sheets.ts';

const blank = (cells: Cell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

export async function previewUpload(
  path: string,
  format: 'xlsx' | 'csv',
  kind: ImportKind,
  sheet: string | undefined,
  maxRows: number,
): Promise<Omit<ImportPreview, 'fields'>> {
  const sheets = format === 'xlsx' ? await listSheets(path) : [];
  let sheetName: string | null = null;
  if (format === 'xlsx') {
    const chosen =
      sheet === undefined
        ? sheets[0]
        : (sheets.find((s) => s.name === sheet) ??
          (/^\d+$/.test(sheet) ? sheets[Number(sheet) - 1] : undefined));
    if (sheet !== undefined && !chosen && sheets.length > 0)
      throw new FileError('SHEET_NOT_FOUND', `No sheet named "${sheet}"`);
    sheetName = chosen?.name ?? sheet ?? null;
  }
  const it = readRows(path, { sheet: sheetName ?? undefined });
  let header: { row: number; cells: Cell[] } | null = null;
  const rows: ImportPreview['rows'] = [];
  try {
    for await (const r of it) {
      if (blank(r.cells)) continue;
      if (!header) {
        header = r;
        if (maxRows === 0) break;
        continue;
      }
      rows.push({ row: r.row, cells: r.cells.map(cellOut) });
      if (rows.length >= maxRows) break;
    }
  } finally {
    await it.return(undefined);
  }
  if (!header) throw new FileError('EMPTY_FILE', 'The file has no header row');
  const headers = header.cells.map((c) => {
    const v = cellOut(c);
    return v === null ? '' : String(v).trim();
  });
  const mapping = mapHeaders(kind, headers);
  const byIndex = new Map([...mapping.columns].map(([field, i]) => [i, field]));
  return {
    sheets,
    sheet: sheetName,
    columns: headers.map((h, index) => ({ index, header: h, field: byIndex.get(index) ?? null })),
    missing: mapping.missing,
    headerRow: header.row,
    rows,
  };
}
