// A file opened for import: its header mapped to fields, then its data rows with cells by field.
import type { Cell } from './convert.ts';
import { describeField, mapHeaders, MappingError, type ImportKind, type Mapping } from './mapping.ts';
import { FileError, readRows, type ReadOptions, type SourceRow } from './parsers.ts';
import { text } from './convert.ts';

export interface DataRow {
  row: number;
  /** The cell of a field, or null when the field is not mapped or the cell is blank. */
  get(field: string): Cell;
}

export interface OpenedSource {
  mapping: Mapping;
  rows: AsyncGenerator<DataRow>;
}

const blank = (cells: Cell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/** Reads up to the header (the first non-blank row) and maps it; then yields non-blank data rows. */
export async function openSource(
  kind: ImportKind,
  path: string,
  opts: ReadOptions & { map?: readonly string[] | undefined },
): Promise<OpenedSource> {
  const it = readRows(path, opts);
  let header: SourceRow | undefined;
  for (;;) {
    const next = await it.next();
    if (next.done) throw new FileError('EMPTY_FILE', 'The file has no header row');
    if (!blank(next.value.cells)) {
      header = next.value;
      break;
    }
  }
  const mapping = mapHeaders(
    kind,
    header.cells.map((c) => text(c) ?? ''),
    opts.map,
  );
  if (mapping.missing.length > 0) {
    await it.return(undefined);
    throw new MappingError(
      `No column for the required field(s) ${mapping.missing.map((k) => describeField(kind, k)).join(', ')}: name the column so (or a synonym), or use --map "HEADER=field"`,
    );
  }
  const cols = mapping.columns;
  async function* rows(): AsyncGenerator<DataRow> {
    for await (const r of it) {
      if (blank(r.cells)) continue;
      const cells = r.cells;
      yield {
        row: r.row,
        get(field: string) {
          const i = cols.get(field);
          return i === undefined ? null : (cells[i] ?? null);
        },
      };
    }
  }
  return { mapping, rows: rows() };
}
