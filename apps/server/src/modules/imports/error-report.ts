// The error report of an import: the failed rows as they were in the file (every original column, so it
// can be fixed and imported again) plus the error, as xlsx or csv through the exports writer (so no cell
// can run as a formula). Written once when the job ends, from the upload, to an NDJSON file; served from it.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Lang } from '../../http/messages.ts';
import { writeTable, type Column } from '../exports/table-writer.ts';
import type { Cell } from './convert.ts';
import { readRows } from './parsers.ts';
import type { RowError } from './report.ts';

/** A cell for people: Excel dates (wall-clock, carried as UTC) as `YYYY-MM-DD[ HH:mm:ss]`. */
export function cellOut(cell: Cell): string | number | boolean | null {
  if (!(cell instanceof Date)) return cell;
  if (Number.isNaN(cell.getTime())) return null;
  const iso = cell.toISOString();
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}

const blank = (cells: Cell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

interface ReportLine {
  row: number;
  cells: (string | number | boolean | null)[];
  code: string;
  field: string | null;
  message: string;
}

/** Reads the file again and writes its header and the failed rows, in file order, to `out`. */
export async function writeErrorRows(
  file: string,
  sheet: string | undefined,
  errors: readonly RowError[],
  out: string,
): Promise<void> {
  const byRow = new Map(errors.map((e) => [e.row, e]));
  // Opened first, so a file that cannot be created fails here (an error event on a stream nobody listens
  // to would crash the process); a write error later rejects `done`.
  const handle = await open(out, 'w');
  const stream = handle.createWriteStream();
  const done = finished(stream);
  done.catch(() => {}); // awaited below; a failure mid-write surfaces through `write` first
  const write = async (line: unknown) => {
    if (!stream.write(JSON.stringify(line) + '\n')) await Promise.race([once(stream, 'drain'), done]);
  };
  try {
    let header: Cell[] | null = null;
    let left = byRow.size;
    for await (const r of readRows(file, { sheet })) {
      if (header === null) {
        if (blank(r.cells)) continue;
        header = r.cells;
        await write({ header: header.map(cellOut) });
        continue;
      }
      const e = byRow.get(r.row);
      if (!e) continue;
      await write({
        row: r.row,
        cells: r.cells.map(cellOut),
        code: e.code,
        field: e.field,
        message: e.message,
      });
      if (--left === 0) break;
    }
  } finally {
    stream.end();
  }
  await done;
}

async function* pages(path: string, size = 500): AsyncGenerator<ReportLine[]> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let page: ReportLine[] = [];
  let first = true;
  for await (const line of lines) {
    if (first) {
      first = false;
      continue;
    }
    if (!line) continue;
    page.push(JSON.parse(line) as ReportLine);
    if (page.length === size) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}

async function readHeader(path: string): Promise<(string | number | boolean | null)[]> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return (JSON.parse(line) as { header: (string | number | boolean | null)[] }).header;
  }
  return [];
}

const LABELS: Record<Lang, { error: string; code: string; row: string; column: string }> = {
  'zh-CN': { error: '错误原因', code: '错误代码', row: '原文件行号', column: '列' },
  en: { error: 'Error', code: 'Error code', row: 'Row in file', column: 'Column' },
};

/** The report as a stream: original columns, then the error, its code and the row number in the file. */
export async function errorReportStream(path: string, format: 'xlsx' | 'csv', lang: Lang): Promise<Readable> {
  const header = await readHeader(path);
  const l = LABELS[lang];
  const columns: Column<ReportLine>[] = [
    ...header.map((h, i): Column<ReportLine> => ({
      header: h === null || h === '' ? `${l.column} ${i + 1}` : String(h),
      value: (r) => r.cells[i] ?? null,
    })),
    { header: l.error, value: (r) => r.message, width: 48 },
    { header: l.code, value: (r) => r.code },
    { header: l.row, value: (r) => r.row, width: 12 },
  ];
  return writeTable(format, columns, pages(path));
}
