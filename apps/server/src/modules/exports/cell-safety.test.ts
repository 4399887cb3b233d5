import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { neutralise } from './cell-safety.ts';
import { writeTable } from './table-writer.ts';

/** What a spreadsheet would run as a formula: = + - @ tab or CR first, after any spaces, also full-width. */
const runsAsFormula = (s: string) => /^[\s\u3000]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(s);

/** Text that often starts with something dangerous: prefixes, spaces, full-width forms, CJK and quotes. */
const cellText = fc
  .tuple(
    fc.constantFrom('', ' ', '  ', '\u3000', '\t', '\r'),
    fc.constantFrom('', '=', '+', '-', '@', '＝', '＋', '－', '＠', "'", '"', '王'),
    fc.string({
      unit: fc.constantFrom('a', '1', '=', '+', '(', ')', '"', ',', ';', ' ', '客', '户', '\n', 'HYPERLINK'),
      maxLength: 12,
    }),
  )
  .map(([space, head, rest]) => space + head + rest);

async function readBack(format: 'csv' | 'xlsx', values: string[]): Promise<unknown[]> {
  const stream = writeTable(
    format,
    [{ header: 'v', value: (row: { v: string }) => row.v }],
    (async function* () {
      yield values.map((v) => ({ v }));
    })(),
  );
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  const bytes = Buffer.concat(chunks);
  if (format === 'csv') {
    const text = bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff); // BOM, so Excel reads Chinese correctly
    const parsed = Papa.parse<string[]>(text.slice(1), { delimiter: ',', newline: '\r\n' });
    return parsed.data.slice(1, values.length + 1).map((r) => r[0]);
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  return values.map((_, i) => sheet.getRow(i + 2).getCell(1).value);
}

describe('exports never produce a formula', () => {
  it('neutralises exactly the cells a spreadsheet would run', () => {
    fc.assert(
      fc.property(cellText, (s) => {
        const out = neutralise(s);
        expect(out).toBe(runsAsFormula(s) ? `'${s}` : s);
        expect(runsAsFormula(out)).toBe(false);
      }),
    );
  });

  for (const format of ['csv', 'xlsx'] as const) {
    it(`reading a ${format} back gives plain text, never a formula`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(cellText, { minLength: 1, maxLength: 20 }), async (values) => {
          const cells = await readBack(format, values);
          cells.forEach((cell, i) => {
            const original = values[i]!;
            // A formula cell would read back as an object ({ formula }) in xlsx.
            expect(typeof cell === 'string' || cell === null || cell === undefined).toBe(true);
            const text = (cell ?? '') as string;
            expect(runsAsFormula(text)).toBe(false);
            const expected = runsAsFormula(original) ? `'${original}` : original;
            // XML (the inside of an xlsx) turns a CR in text into LF; that is not the cell's meaning changing.
            const lineEnds = (v: string) => (format === 'xlsx' ? v.replace(/\r\n?/g, '\n') : v);
            expect(lineEnds(text)).toBe(lineEnds(expected));
          });
        }),
        { numRuns: format === 'xlsx' ? 40 : 100 },
      );
    });
  }
});
