import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind, emptyDatabaseEnv } from '../../server/test/harness.ts';

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'apps/cli/bin/stratum.js');

function stratum(env: Record<string, string>, ...args: string[]) {
  const res = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DATABASE_URL: '', LANG: 'en_US.UTF-8', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe(`stratum import (${dbKind()})`, { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'stratum-cli-import-'));
  let env: Record<string, string>;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--server-only']);
    ({ env, dispose } = await emptyDatabaseEnv());
  });
  afterAll(async () => {
    await dispose?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports orders with --json, reports failed rows with exit code 1, and is idempotent', () => {
    expect(
      stratum(env, 'user', 'create', '--email', 'boss@x.cn', '--password', 'password1', '--role', 'admin')
        .code,
    ).toBe(0);
    expect(
      stratum(env, 'user', 'create', '--email', 'rep@x.cn', '--password', 'password1', '--role', 'rep').code,
    ).toBe(0);
    const file = join(dir, 'orders.csv');
    writeFileSync(
      file,
      '\ufeffInvoiceNo,CustomerID,InvoiceDate,Description,Quantity,UnitPrice,Country\n' +
        '1,17850,2010-12-01 08:26,A,6,2.55,UK\n1,17850,2010-12-01 08:26,B,2,1.00,UK\n' +
        'C2,17850,2010-12-02 09:00,A,-1,2.55,UK\n3,,2010-12-03 10:00,A,1,1,UK\n',
    );
    const args = ['import', 'orders', file, '--create-customers', '--cancel-prefix', 'C', '--as', 'rep@x.cn'];
    const dry = stratum(env, ...args, '--dry-run', '--json');
    expect(dry.code, dry.stderr).toBe(1);
    const out = JSON.parse(dry.stdout);
    expect(Object.keys(out)).toEqual(['inserted', 'updated', 'skipped', 'failed', 'errors', 'stats']);
    expect(out).toMatchObject({ inserted: 3, updated: 0, skipped: 0, failed: 1 });
    expect(out.errors).toEqual([
      {
        row: 5,
        field: 'customer_external_id',
        code: 'NO_CUSTOMER',
        message: 'The row has no customer (empty customer id); not imported',
      },
    ]);

    const real = stratum(env, ...args, '--json');
    expect(JSON.parse(real.stdout)).toMatchObject({
      inserted: 3,
      failed: 1,
      stats: { customersCreated: 1, orders: { inserted: 2, lines: 3 } },
    });
    const again = stratum(env, ...args, '--json', '--lang', 'zh');
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, skipped: 3, failed: 1 });
    expect(JSON.parse(again.stdout).errors[0].message).toContain('没有客户');

    const ok = join(dir, 'customers.csv');
    writeFileSync(ok, '客户编号,客户名称\nK1,甲\n');
    const human = stratum(env, 'import', 'customers', ok);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('1 inserted');
  });

  it('refuses bad usage and unreadable files with exit code 2', () => {
    expect(stratum(env, 'import', 'widgets', 'x.csv').code).toBe(2);
    const missing = stratum(env, 'import', 'customers', join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No such file');
    const noCols = join(dir, 'nocols.csv');
    writeFileSync(noCols, 'foo,bar\n1,2\n');
    const r = stratum(env, 'import', 'customers', noCols);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('name');
  });
});
