// What a workbook holds without reading it: sheet names (xl/workbook.xml) and each sheet's declared size
// (the <dimension> at the top of its XML), from the zip's central directory. Only small, bounded parts
// are inflated, so a huge or malicious workbook costs nothing here; the streaming reader does the rest.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw, inflateRawSync } from 'node:zlib';

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const MAX_XML = 4 * 1024 * 1024;

async function entries(path: string): Promise<{
  list: Map<string, Entry>;
  read: (e: Entry) => Promise<Buffer>;
  dataStart: (e: Entry) => Promise<number>;
} | null> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) return null;
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdSize > 16 * 1024 * 1024 || cdOffset + cdSize > size) return null;
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const list = new Map<string, Entry>();
    let p = 0;
    for (let i = 0; i < count && p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50; i++) {
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      list.set(name, {
        name,
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        localOffset: cd.readUInt32LE(p + 42),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    const dataStart = async (e: Entry) => {
      const h = await open(path, 'r');
      try {
        const local = Buffer.alloc(30);
        await h.read(local, 0, 30, e.localOffset);
        return e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      } finally {
        await h.close();
      }
    };
    const read = async (e: Entry) => {
      if (e.compressedSize > MAX_XML) throw new Error(`${e.name} is too large`);
      const start = await dataStart(e);
      const h = await open(path, 'r');
      try {
        const raw = Buffer.alloc(e.compressedSize);
        await h.read(raw, 0, e.compressedSize, start);
        return e.method === 0 ? raw : inflateRawSync(raw, { maxOutputLength: MAX_XML });
      } finally {
        await h.close();
      }
    };
    return { list, read, dataStart };
  } finally {
    await fh.close();
  }
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (e[0] === '#')
      return String.fromCodePoint(
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
      );
    return named[e.toLowerCase()] ?? _;
  });

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]!) : undefined;
};

export interface SheetInfo {
  name: string;
  /** Rows the sheet declares (its last row number), when it says; a hint for progress, not a limit. */
  rows: number | null;
}

/** First bytes of a (possibly huge) sheet XML, inflated as a stream and cut short. */
async function head(path: string, start: number, entry: Entry, bytes = 4096): Promise<string> {
  const end = start + Math.max(0, Math.min(entry.compressedSize, 256 * 1024) - 1);
  const source = createReadStream(path, { start, end });
  const chunks: Buffer[] = [];
  let total = 0;
  const stream = entry.method === 0 ? source : source.pipe(createInflateRaw());
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= bytes) break;
    }
  } catch {
    // A truncated deflate stream (we read only its start) ends with an error after the useful bytes.
  } finally {
    source.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The workbook's sheets in order; [] when the file is not a readable workbook (the reader says why). */
export async function listSheets(path: string): Promise<SheetInfo[]> {
  try {
    const zip = await entries(path);
    if (!zip) return [];
    const wbEntry = zip.list.get('xl/workbook.xml');
    const relsEntry = zip.list.get('xl/_rels/workbook.xml.rels');
    if (!wbEntry) return [];
    const workbook = (await zip.read(wbEntry)).toString('utf8');
    const rels = relsEntry ? (await zip.read(relsEntry)).toString('utf8') : '';
    const targets = new Map<string, string>();
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      const id = attr(m[0], 'Id');
      const target = attr(m[0], 'Target');
      if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
    }
    const out: SheetInfo[] = [];
    for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
      const name = attr(m[0], 'name');
      if (name === undefined) continue;
      const rid = attr(m[0], 'r:id');
      const target = rid ? targets.get(rid) : undefined;
      const entry = target ? zip.list.get(target) : undefined;
      let rows: number | null = null;
      if (entry) {
        const xml = await head(path, await zip.dataStart(entry), entry);
        const ref = /<dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(xml);
        if (ref) rows = Number(ref[1]);
      }
      out.push({ name, rows });
    }
    return out;
  } catch {
    return [];
  }
}
