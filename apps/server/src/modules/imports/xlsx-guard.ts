// Checks an .xlsx (a zip) before it is streamed: the central directory at the end of the file declares
// every entry's compressed and uncompressed size, so a zip bomb (a few KB that inflate to gigabytes), an
// oversized shared-string table or a zip with thousands of entries is refused before a byte is inflated.
// While streaming, the shared strings exceljs caches are capped too (count and characters), because the
// declared sizes are only what the file says.
import { open } from 'node:fs/promises';
import { FileError, LIMITS } from './parsers.ts';

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const MAX32 = 0xffffffff;

const unreadable = (why: string) =>
  new FileError('UNREADABLE_FILE', `Not a readable .xlsx workbook: ${why}`, { reason: why });

/** The entries of a zip file, from its central directory (ZIP64 understood). */
export async function zipEntries(path: string): Promise<ZipEntry[]> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const read = async (position: number, length: number) => {
      if (position < 0 || length < 0 || position + length > size) throw unreadable('truncated zip');
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, position);
      if (bytesRead !== length) throw unreadable('truncated zip');
      return buf;
    };
    const tailLength = Math.min(size, 22 + 65_535);
    const tail = await read(size - tailLength, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw unreadable('no zip central directory');
    let count: number = tail.readUInt16LE(at + 10);
    let cdSize: number = tail.readUInt32LE(at + 12);
    let cdOffset: number = tail.readUInt32LE(at + 16);
    if (count === 0xffff || cdSize === MAX32 || cdOffset === MAX32) {
      const locatorAt = size - tailLength + at - 20;
      const locator = await read(locatorAt, 20);
      if (locator.readUInt32LE(0) !== EOCD64_LOCATOR) throw unreadable('bad ZIP64 locator');
      const eocd64 = await read(Number(locator.readBigUInt64LE(8)), 56);
      if (eocd64.readUInt32LE(0) !== EOCD64) throw unreadable('bad ZIP64 directory');
      count = Number(eocd64.readBigUInt64LE(32));
      cdSize = Number(eocd64.readBigUInt64LE(40));
      cdOffset = Number(eocd64.readBigUInt64LE(48));
    }
    if (count > LIMITS.zipEntries) {
      throw new FileError(
        'ZIP_BOMB',
        `The workbook holds ${count} files (the limit is ${LIMITS.zipEntries}): it is not a plain spreadsheet`,
        { detail: `${count} > ${LIMITS.zipEntries} entries` },
      );
    }
    if (cdSize > 64 * count + 16 * 1024 * 1024) throw unreadable('oversized central directory');
    const cd = await read(cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw unreadable('bad central directory');
      let compressed = cd.readUInt32LE(p + 20);
      let uncompressed = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      // ZIP64 extra field: the 64-bit sizes of the fields set to 0xFFFFFFFF, uncompressed first.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let f = e + 4;
          if (uncompressed === MAX32 && f + 8 <= e + 4 + len) {
            uncompressed = Number(cd.readBigUInt64LE(f));
            f += 8;
          }
          if (compressed === MAX32 && f + 8 <= e + 4 + len) compressed = Number(cd.readBigUInt64LE(f));
        }
        e += 4 + len;
      }
      entries.push({ name, compressed, uncompressed });
      p = extraEnd + commentLength;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Refuses zip bombs and oversized parts by the sizes the zip declares (before anything is inflated). */
export async function checkXlsx(path: string): Promise<void> {
  const entries = await zipEntries(path);
  let total = 0;
  for (const e of entries) {
    total += e.uncompressed;
    const ratio = e.uncompressed / Math.max(e.compressed, 1);
    if (e.uncompressed > LIMITS.zipEntryBytes || total > LIMITS.zipTotalBytes) {
      throw new FileError(
        'ZIP_BOMB',
        `The workbook unpacks to more than ${mb(Math.min(LIMITS.zipEntryBytes, LIMITS.zipTotalBytes))} (${e.name}: ${mb(e.uncompressed)}); split the file or save it as .csv`,
        { detail: `${e.name}: ${mb(e.uncompressed)}` },
      );
    }
    if (e.uncompressed > LIMITS.zipRatioFloorBytes && ratio > LIMITS.zipRatio) {
      throw new FileError(
        'ZIP_BOMB',
        `${e.name} is compressed ${Math.round(ratio)}:1 (a spreadsheet is at most ${LIMITS.zipRatio}:1): this looks like a zip bomb`,
        { detail: `${e.name} ${Math.round(ratio)}:1` },
      );
    }
    if (/^xl\/sharedStrings\.xml$/i.test(e.name) && e.uncompressed > LIMITS.sharedStringsBytes) {
      throw new FileError(
        'SHARED_STRINGS_TOO_LARGE',
        `The workbook's shared-string table is ${mb(e.uncompressed)} (the limit is ${mb(LIMITS.sharedStringsBytes)})`,
        { detail: mb(e.uncompressed) },
      );
    }
  }
}

/**
 * An array exceljs fills with the shared strings, refusing more than LIMITS.sharedStrings strings or
 * LIMITS.sharedStringChars characters in all (checked as each string arrives).
 */
export class CappedStrings extends Array<unknown> {
  private chars = 0;
  override push(...items: unknown[]): number {
    for (const item of items) {
      const text =
        typeof item === 'string'
          ? item
          : item && typeof item === 'object' && Array.isArray((item as { richText?: unknown }).richText)
            ? (item as { richText: { text?: unknown }[] }).richText.map((r) => String(r.text ?? '')).join('')
            : '';
      this.chars += text.length;
      if (this.length + 1 > LIMITS.sharedStrings || this.chars > LIMITS.sharedStringChars) {
        throw new FileError(
          'SHARED_STRINGS_TOO_LARGE',
          `The workbook's shared-string table holds more than ${LIMITS.sharedStrings} strings or ${LIMITS.sharedStringChars} characters`,
          { detail: `${this.length + 1} strings, ${this.chars} characters` },
        );
      }
      super.push(item);
    }
    return this.length;
  }
}

/** Makes exceljs's WorkbookReader cache its shared strings in a CappedStrings. */
export function capSharedStrings(reader: object): void {
  let store: unknown[] | undefined;
  Object.defineProperty(reader, 'sharedStrings', {
    configurable: true,
    get: () => store,
    set: (v: unknown) => {
      store = Array.isArray(v) && v.length === 0 ? new CappedStrings() : (v as unknown[]);
    },
  });
}
