// Uploaded import files, kept under the data folder until they are imported or expire:
//   <dataDir>/uploads/<workspaceId>/<id>.data   the bytes, streamed to disk as they arrive
//   <dataDir>/uploads/<workspaceId>/<id>.json   who uploaded it, its name, size, format and expiry
// With several server instances the data folder must be shared (the job may run on another instance).
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Actor } from '../../http/actor.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { detectFormat, FileError } from './parsers.ts';

export interface UploadMeta {
  id: string;
  workspaceId: string;
  userId: string;
  filename: string;
  size: number;
  format: 'xlsx' | 'csv';
  createdAt: string;
  expiresAt: string;
}

export interface UploadStore {
  dataDir: string;
  limitBytes: number;
  ttlMs: number;
}

/** Set when the routes are built (app.ts): the job handler runs in the same process. */
let configured: UploadStore | null = null;
export const configureUploads = (store: UploadStore) => {
  configured = store;
};
export const uploadStore = (): UploadStore => {
  if (!configured) throw new Error('Import uploads are not configured (importsRoutes was not registered)');
  return configured;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const folder = (s: UploadStore, workspaceId: string) => {
  if (!UUID.test(workspaceId)) throw new Error('bad workspace id');
  return join(s.dataDir, 'uploads', workspaceId);
};
export const uploadPath = (s: UploadStore, m: Pick<UploadMeta, 'workspaceId' | 'id'>) =>
  join(folder(s, m.workspaceId), `${m.id}.data`);
const metaPath = (s: UploadStore, workspaceId: string, id: string) =>
  join(folder(s, workspaceId), `${id}.json`);
/** Failed rows of an import job (the error report's source), next to the uploads. */
export const reportPath = (s: UploadStore, workspaceId: string, jobId: string) =>
  join(folder(s, workspaceId), `${jobId}.report.ndjson`);

/** A file name as given, trimmed to something printable (it is only ever shown, never used as a path). */
export const cleanFileName = (name: string | undefined) =>
  (
    [...(name ?? '')]
      .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
      .join('')
      .split(/[\\/]/)
      .pop() ?? ''
  )
    .trim()
    .slice(0, 200) || 'upload';

/** An upload this many times the limit is cut off rather than read to its end. */
const DRAIN_FACTOR = 4;

/** Streams the body to disk, stopping at the limit (413 UPLOAD_TOO_LARGE, nothing kept). */
export async function saveUpload(
  s: UploadStore,
  actor: Actor,
  filename: string,
  body: Readable,
): Promise<UploadMeta> {
  const id = randomUUID();
  const dir = folder(s, actor.workspaceId);
  await mkdir(dir, { recursive: true });
  const meta = { id, workspaceId: actor.workspaceId };
  const path = uploadPath(s, meta);
  let size = 0;
  const tooLarge = () => new AppError('UPLOAD_TOO_LARGE', { limit: Math.round(s.limitBytes / 1048576) });
  // Past the limit nothing more is written, but the body is still read to its end (up to a bound), so
  // the client gets the 413 instead of a connection reset in the middle of its upload.
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size <= s.limitBytes) done(null, chunk);
      else if (size <= s.limitBytes * DRAIN_FACTOR) done();
      else done(tooLarge());
    },
  });
  try {
    await pipeline(body, limit, createWriteStream(path, { flags: 'wx' }));
    if (size > s.limitBytes) throw tooLarge();
    if (size === 0) throw new AppError('INVALID_FILE', {}, { reason: 'EMPTY_FILE' });
    const format = await detectFormat(path);
    const now = Date.now();
    const full: UploadMeta = {
      ...meta,
      userId: actor.userId,
      filename: cleanFileName(filename),
      size,
      format,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + s.ttlMs).toISOString(),
    };
    await writeFile(metaPath(s, actor.workspaceId, id), JSON.stringify(full));
    return full;
  } catch (err) {
    await rm(path, { force: true });
    if (err instanceof FileError) throw new AppError('INVALID_FILE', {}, { reason: err.code });
    throw err;
  }
}

async function readMeta(s: UploadStore, workspaceId: string, id: string): Promise<UploadMeta | null> {
  if (!UUID.test(id)) return null;
  try {
    return JSON.parse(await readFile(metaPath(s, workspaceId, id), 'utf8')) as UploadMeta;
  } catch {
    return null;
  }
}

/** An upload of `userId` that has not expired, with its path; 404 otherwise (someone else's too). */
export async function findUpload(s: UploadStore, workspaceId: string, userId: string, id: string) {
  const meta = await readMeta(s, workspaceId, id);
  if (!meta || meta.userId !== userId || Date.parse(meta.expiresAt) < Date.now()) throw notFound('upload');
  const path = uploadPath(s, meta);
  if (!(await stat(path).catch(() => null))) throw notFound('upload');
  return { meta, path };
}

export const uploadForActor = (s: UploadStore, actor: Actor, id: string) =>
  findUpload(s, actor.workspaceId, actor.userId, id);

export async function deleteUpload(s: UploadStore, m: Pick<UploadMeta, 'workspaceId' | 'id'>) {
  await rm(uploadPath(s, m), { force: true });
  await rm(metaPath(s, m.workspaceId, m.id), { force: true });
}

/**
 * Deletes expired uploads (and files left without their description by a crash) and error reports
 * older than `reportDays`. Idempotent: any instance may run it.
 */
export async function cleanupUploads(s: UploadStore, now: Date, reportDays: number): Promise<number> {
  const root = join(s.dataDir, 'uploads');
  let removed = 0;
  const workspaces = await readdir(root).catch(() => [] as string[]);
  for (const ws of workspaces) {
    if (!UUID.test(ws)) continue;
    const dir = join(root, ws);
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const path = join(dir, name);
      const info = await stat(path).catch(() => null);
      if (!info) continue;
      const age = now.getTime() - info.mtimeMs;
      let expired = false;
      if (name.endsWith('.json')) {
        const meta = await readMeta(s, ws, name.slice(0, -5));
        expired = !meta || Date.parse(meta.expiresAt) < now.getTime();
        if (expired && meta) await rm(uploadPath(s, meta), { force: true });
      } else if (name.endsWith('.data')) {
        // A .data without its .json (a crash between the two writes): gone after the same delay.
        expired = age > s.ttlMs && !(await stat(metaPath(s, ws, name.slice(0, -5))).catch(() => null));
      } else if (name.endsWith('.report.ndjson')) {
        expired = age > reportDays * 86_400_000;
      }
      if (expired) {
        await rm(path, { force: true });
        removed++;
      }
    }
  }
  return removed;
}
