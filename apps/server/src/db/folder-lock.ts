import { openSync, writeSync, closeSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One process per PGlite folder: two processes writing the same folder corrupt it. The lock file holds
 * the owner's pid; a lock left by a dead process is taken over.
 */
export interface FolderLock {
  release(): void;
}

export class FolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly holder: string,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Stratum process (${holder}, pid ${holderPid}). ` +
        `Only one process may open an embedded database. Stop that process first, or run this command ` +
        `against a PostgreSQL server with DATABASE_URL. | 数据目录 ${dataDir} 正被另一个 Stratum 进程` +
        `（${holder}，pid ${holderPid}）使用。请先停止该进程，或设置 DATABASE_URL 使用 PostgreSQL。`,
    );
    this.name = 'FolderLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireFolderLock(dataDir: string, holder: string): FolderLock {
  const path = join(dataDir, 'stratum.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let info: { pid?: number; holder?: string } = {};
      try {
        info = JSON.parse(readFileSync(path, 'utf8')) as typeof info;
      } catch {
        /* half-written or corrupt: treat as stale */
      }
      if (info.pid && info.pid !== process.pid && isAlive(info.pid)) {
        throw new FolderLockedError(dataDir, info.pid, info.holder ?? 'unknown');
      }
      unlinkSync(path); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${path}`);
}
