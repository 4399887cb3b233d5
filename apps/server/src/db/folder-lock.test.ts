import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireFolderLock, FolderLockedError } from './folder-lock.ts';

describe('folder lock', () => {
  it('lets one holder in and names it to the next', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    // A live process other than us holds it: our parent.
    writeFileSync(join(dir, 'stratum.lock'), JSON.stringify({ pid: process.ppid, holder: 'server' }));
    expect(() => acquireFolderLock(dir, 'cli')).toThrow(FolderLockedError);
    expect(() => acquireFolderLock(dir, 'cli')).toThrow(/in use by another Stratum process \(server, pid/);
  });

  it('takes over a lock left by a dead process, and releases it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    writeFileSync(join(dir, 'stratum.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, holder: 'server' }));
    const lock = acquireFolderLock(dir, 'cli');
    expect(existsSync(join(dir, 'stratum.lock'))).toBe(true);
    lock.release();
    expect(existsSync(join(dir, 'stratum.lock'))).toBe(false);
  });
});
