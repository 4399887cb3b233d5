// Streaming readers: a file → its header and then one row at a time, as plain arrays of cells (never
// objects keyed by header text, so a column named "__proto__" is just a string). Memory stays flat with
// the file; huge cells and oversized sheets are refused with a clear error.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Cell } from './convert.ts';
import { capSharedStrings, checkXlsx } from './xlsx-guard.ts';

/**
 * Excel's own limits (32,767 characters per cell, 1,048,576 rows, 16,384 columns), and what a workbook
 * may unpack to: a real spreadsheet compresses about 5–20:1, a zip bomb 1000:1.
 */
export const LIMITS = {
  cellChars: 32_767,
  rows: 1_048_576,
  columns: 16_384,
  zipEntries: 10_000,
  zipEntryBytes: 1024 * 1024 * 1024,
  zipTotalBytes: 2 * 1024 * 1024 * 1024,
  /** Entries larger than this may not be compressed more than zipRatio:1. */
  zipRatioFloorBytes: 1024 * 1024,
  zipRatio: 200,
  sharedStringsBytes: 256 * 1024 * 1024,
  sharedStrings: 2_000_000,
  sharedStringChars: 64 * 1024 * 1024,
};

export interface SourceRow {
  /** The row number as a spreadsheet user sees it (header = 1 when it is the first line). */
  row: number;
  cells: Cell[];
}

export type FileErrorCode =
  | 'UNREADABLE_FILE'
  | 'SHEET_NOT_FOUND'
  | 'CELL_TOO_LARGE'
  | 'TOO_MANY_ROWS'
  | 'TOO_MANY_COLUMNS'
  | 'EMPTY_FILE'
  | 'UNSUPPORTED_FORMAT'
  | 'ZIP_BOMB'
  | 'SHARED_STRINGS_TOO_LARGE';

/** What the user reads, in zh and en; {detail} etc. come from the error's params. */
const FILE_MESSAGES: Record<FileErrorCode, { zh: string; en: string }> = {
  UNREADABLE_FILE: {
    zh: '无法读取该文件（不是有效的 .xlsx 或 .csv）：{reason}',
    en: 'The file cannot be read (not a valid .xlsx or .csv): {reason}',
  },
  SHEET_NOT_FOUND: { zh: '工作簿中没有工作表「{sheet}」', en: 'The workbook has no sheet "{sheet}"' },
  CELL_TOO_LARGE: {
    zh: '第 {row} 行第 {column} 列的单元格有 {length} 个字符，超过上限 {limit}，未导入任何数据',
    en: 'Row {row}, column {column}: a cell holds {length} characters (the limit is {limit}); nothing was imported',
  },
  TOO_MANY_ROWS: { zh: '文件超过 {limit} 行', en: 'The file has more than {limit} rows' },
  TOO_MANY_COLUMNS: {
    zh: '第 {row} 行超过 {limit} 列',
    en: 'Row {row} has more than {limit} columns',
  },
  EMPTY_FILE: { zh: '文件是空的（没有表头行）', en: 'The file is empty (no header row)' },
  UNSUPPORTED_FORMAT: {
    zh: '不支持旧版 .xls 工作簿，请另存为 .xlsx 或 .csv',
    en: 'Old .xls workbooks are not supported: save as .xlsx or .csv',
  },
  ZIP_BOMB: {
    zh: '该工作簿解压后过大或压缩比异常（{detail}），疑似压缩炸弹，已拒绝',
    en: 'The workbook unpacks to too much data or is compressed abnormally ({detail}); refused as a possible zip bomb',
  },
  SHARED_STRINGS_TOO_LARGE: {
    zh: '该工作簿的共享字符串表过大（{detail}），已拒绝；请拆分文件或另存为 .csv',
    en: "The workbook's shared-string table is too large ({detail}); split the file or save it as .csv",
  },
};

/** A file that cannot be imported at all (nothing is written): unreadable, malicious or oversized. */
export class FileError extends Error {
  override name = 'FileError';
  constructor(
    readonly code: FileErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
  /** The message in zh or en, for people (`message` is the English one, for logs). */
  localized(lang: 'zh' | 'en'): string {
    const params: Record<string, string | number> = { reason: this.message, sheet: '', ...this.params };
    return FILE_MESSAGES[this.code][lang].replace(/\{(\w+)\}/g, (_, k: string) =>
      String(Object.hasOwn(params, k) ? params[k] : ''),
    );
  }
}

export type Encoding = 'utf-8' | 'gb18030' | 'utf-16le';

export interface ReadOptions {
  sheet?: string | undefined;
  /** CSV only; detected when omitted (BOM, else valid UTF-8, else GB18030). */
  encoding?: Encoding | undefined;
}

export async function detectFormat(path: string): Promise<'xlsx' | 'csv'> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    if (bytesRead === 4 && buf.readUInt32BE(0) === 0x504b0304) return 'xlsx'; // a zip (PK\3\4)
    if (bytesRead >= 4 && buf.readUInt32BE(0) === 0xd0cf11e0) {
      throw new FileError(
        'UNSUPPORTED_FORMAT',
        'Old .xls workbooks are not supported: save as .xlsx or .csv',
      );
    }
    return 'csv';
  } finally {
    await fh.close();
  }
}

const checkCell = (cell: Cell, row: number, col: number) => {
  if (typeof cell === 'string' && cell.length > LIMITS.cellChars) {
    throw new FileError(
      'CELL_TOO_LARGE',
      `Row ${row}, column ${col + 1}: a cell holds ${cell.length} characters (the limit is ${LIMITS.cellChars})`,
      { row, column: col + 1, length: cell.length, limit: LIMITS.cellChars },
    );
  }
};

const tooManyColumns = (row: number) =>
  new FileError('TOO_MANY_COLUMNS', `Row ${row} has more than ${LIMITS.columns} columns`, {
    row,
    limit: LIMITS.columns,
  });
const tooManyRows = () =>
  new FileError('TOO_MANY_ROWS', `More than ${LIMITS.rows} rows`, { limit: LIMITS.rows });

/** exceljs cell value → a primitive: rich text, formulas, hyperlinks and errors flattened. */
function plain(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return (o.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
    if ('result' in o) return plain(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if ('text' in o) return plain(o.text);
    if ('error' in o) return null;
  }
  return null;
}

async function* readXlsx(path: string, opts: ReadOptions): AsyncGenerator<SourceRow> {
  await checkXlsx(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // needed to tell date cells from numbers
    worksheets: 'emit',
    entries: 'emit',
  });
  capSharedStrings(reader);
  let found = false;
  let index = 0;
  try {
    for await (const ws of reader) {
      index++;
      const name = (ws as unknown as { name?: string }).name;
      if (
        found ||
        (opts.sheet !== undefined ? name !== opts.sheet && String(index) !== opts.sheet : index > 1)
      ) {
        // Drain sheets we do not read (the zip is a stream).
        for await (const _ of ws) void _;
        continue;
      }
      found = true;
      for await (const r of ws) {
        const row = r as unknown as { number: number; values: unknown[] };
        if (row.number > LIMITS.rows) throw tooManyRows();
        const values = row.values;
        if (values.length - 1 > LIMITS.columns) throw tooManyColumns(row.number);
        const cells: Cell[] = new Array<Cell>(Math.max(0, values.length - 1));
        for (let i = 1; i < values.length; i++) {
          const c = plain(values[i]);
          checkCell(c, row.number, i - 1);
          cells[i - 1] = c;
        }
        yield { row: row.number, cells };
      }
    }
  } catch (err) {
    if (err instanceof FileError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new FileError('UNREADABLE_FILE', `Not a readable .xlsx workbook: ${reason}`, { reason });
  }
  if (!found) {
    throw new FileError(
      'SHEET_NOT_FOUND',
      opts.sheet !== undefined
        ? `No sheet named "${opts.sheet}" in the workbook`
        : 'The workbook has no sheet',
      { sheet: opts.sheet ?? '' },
    );
  }
}

/** BOM, else UTF-8 if the first 64 KiB decode cleanly, else GB18030 (what Excel on Chinese Windows saves). */
export function sniffEncoding(head: Uint8Array): { encoding: Encoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  // Cut at the last complete line so a multi-byte character split by the sample does not count as invalid.
  let end = head.length;
  const nl = head.lastIndexOf(0x0a);
  if (head.length >= 65_536 && nl > 0) end = nl;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'gb18030', bom: 0 };
  }
}

/** Bytes → text chunks in the given encoding (streaming: a character split across chunks is kept). */
export function decoderStream(encoding: Encoding, skip: number): Transform {
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  let toSkip = skip;
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      let bytes: Uint8Array = chunk;
      if (toSkip > 0) {
        const n = Math.min(toSkip, bytes.length);
        bytes = bytes.subarray(n);
        toSkip -= n;
      }
      const s = decoder.decode(bytes, { stream: true });
      done(null, s === '' ? undefined : s);
    },
    flush(done) {
      const s = decoder.decode();
      done(null, s === '' ? undefined : s);
    },
  });
}

async function* readCsv(path: string, opts: ReadOptions): AsyncGenerator<SourceRow> {
  const fh = await open(path, 'r');
  const head = Buffer.alloc(65_536);
  const { bytesRead } = await fh.read(head, 0, head.length, 0);
  await fh.close();
  const sniffed = sniffEncoding(head.subarray(0, bytesRead));
  const encoding = opts.encoding ?? sniffed.encoding;
  const skip = sniffed.encoding === encoding ? sniffed.bom : 0;
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { header: false, skipEmptyLines: false });
  const source = createReadStream(path).pipe(decoderStream(encoding, skip));
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    row++;
    if (row > LIMITS.rows) throw tooManyRows();
    if (record.length > LIMITS.columns) throw tooManyColumns(row);
    if (record.length === 1 && record[0] === '') {
      yield { row, cells: [] };
      continue;
    }
    const cells: Cell[] = new Array<Cell>(record.length);
    for (let i = 0; i < record.length; i++) {
      checkCell(record[i]!, row, i);
      cells[i] = record[i]!;
    }
    yield { row, cells };
  }
}

/**
 * The rows of a file (.xlsx or .csv, told apart by content), header first. Blank rows are yielded too
 * (with no cells), so row numbers stay those the user sees.
 */
export async function* readRows(path: string, opts: ReadOptions = {}): AsyncGenerator<SourceRow> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new FileError('UNREADABLE_FILE', `No such file: ${path}`);
  if (info.size === 0) throw new FileError('EMPTY_FILE', 'The file is empty');
  const format = await detectFormat(path);
  yield* format === 'xlsx' ? readXlsx(path, opts) : readCsv(path, opts);
}
