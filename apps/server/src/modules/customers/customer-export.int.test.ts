import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call, useTestApp, type Session } from '../../../test/harness.ts';
import {
  createCustomer,
  createRecord,
  CUSTOMERS,
  expectError,
  expectIssue,
  useWorld,
} from '../../../test/customer-fixtures.ts';

const EXPORT = `${CUSTOMERS}/export`;

/** CSV → rows of fields (quoted fields with commas, quotes and line breaks handled). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

async function readXlsx(buffer: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

describe('customer export', () => {
  const t = useTestApp();
  const w = useWorld(t);

  const exportAs = (s: Session, query: string) => call(t.app, s, 'GET', `${EXPORT}?${query}`);

  it('CSV: UTF-8 with BOM, Chinese headers by default and English ones for Accept-Language en', async () => {
    const repA = await w.as('repA');
    const c = await createCustomer(t.app, repA, {
      name: '杭州恒瑞机械有限公司',
      province: '浙江',
      phone: '0571-8888',
      notes: 'not exported by default',
    });
    await createRecord(t.app, repA, 'orders', {
      customerId: c.id,
      orderNo: 'SO-EXP',
      orderedAt: '2026-03-01T00:30:00+08:00',
      status: 'completed',
      lines: [{ productName: '螺丝', quantity: '3', unitPrice: '19.99' }],
    });
    const res = await exportAs(repA, 'format=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(res.body.slice(1));
    expect(rows[0]).toEqual([
      '客户名称',
      '外部编号',
      '行业',
      '省份',
      '城市',
      '客户状态',
      '负责人',
      '电话',
      '邮箱',
      '累计消费',
      '最近下单',
      '最近跟进',
      // Every enabled scheme's tier, then the tags (their values: the next test).
      'RFM 客户价值',
      '价值等级',
      '生命周期',
      '流失预警',
      '标签',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual([
      '杭州恒瑞机械有限公司',
      '',
      '',
      '浙江',
      '',
      '潜在',
      w.org.repA.name,
      '0571-8888',
      '',
      '59.97',
      // Local wall time in the workspace's zone, as ordered (00:30 in Shanghai).
      '2026-03-01 00:30',
      '',
      ...rows[1]!.slice(12, 16), // the tiers: named in the next test
      '',
    ]);
    expect(res.body).not.toContain('not exported by default');

    const en = await call(t.app, { ...repA, lang: 'en-US,en;q=0.9' }, 'GET', `${EXPORT}?format=csv`);
    expect(en.statusCode).toBe(200);
    expect(parseCsv(en.body.slice(1))[0]!.slice(0, 3)).toEqual(['Name', 'External ID', 'Industry']);
    expect(parseCsv(en.body.slice(1))[1]![5]).toBe('Potential');
  });

  it('a customer in the public pool exports 公海 (Public pool) as its owner', async () => {
    const admin = await w.as('admin');
    const pooled = await createCustomer(t.app, admin, { name: '公海客户', ownerId: null });
    expect(pooled.ownerId).toBeNull();
    const owner = async (lang?: string) => {
      const res = await call(t.app, { ...admin, ...(lang ? { lang } : {}) }, 'GET', `${EXPORT}?format=csv`);
      expect(res.statusCode, res.body).toBe(200);
      const rows = parseCsv(res.body.slice(1));
      return rows.find((r) => r[0] === '公海客户')![rows[0]!.indexOf(lang ? 'Owner' : '负责人')];
    };
    expect(await owner()).toBe('公海');
    expect(await owner('en')).toBe('Public pool');
  });

  it('exports each scheme’s tier and the tags by name, in the request’s language', async () => {
    const admin = await w.as('admin');
    const groups = (await call(t.app, admin, 'GET', '/api/v1/tag-groups')).json().items as {
      id: string;
      nameZh: string;
    }[];
    const newTag = async (group: string, name: string) =>
      (
        await call(t.app, admin, 'POST', '/api/v1/tags', {
          groupId: groups.find((g) => g.nameZh === group)!.id,
          name,
        })
      ).json().id as string;
    const own = await newTag('自定义', '重点跟进');
    const status = await newTag('合作状态', '长期合作');
    const c = await createCustomer(t.app, admin, { name: '甲' });
    await createRecord(t.app, admin, 'orders', {
      customerId: c.id,
      orderNo: 'SO-TIER',
      orderedAt: new Date().toISOString(),
      status: 'completed',
      amount: '15000',
    });
    const tagged = await call(t.app, admin, 'POST', '/api/v1/customers/tags', {
      customerIds: [c.id],
      add: [own, status],
    });
    expect(tagged.json().affected).toBe(1);
    const { tiers } = (await call(t.app, admin, 'GET', `${CUSTOMERS}/${c.id}`)).json() as {
      tiers: Record<string, string>;
    };
    expect(tiers.value).toBe('A'); // 12-month spend ≥ 10,000
    const schemes = (await call(t.app, admin, 'GET', '/api/v1/schemes')).json().items as {
      key: string;
      nameEn: string;
      tiers: { key: string; nameZh: string; nameEn: string }[];
    }[];
    const tierName = (scheme: string, lang: 'nameZh' | 'nameEn') =>
      schemes.find((s) => s.key === scheme)!.tiers.find((x) => x.key === tiers[scheme])![lang];
    const query = `format=csv&columns=${encodeURIComponent('name,tier.value,tier.rfm,tags')}`;
    expect(parseCsv((await exportAs(admin, query)).body.slice(1))).toEqual([
      ['客户名称', '价值等级', 'RFM 客户价值', '标签'],
      // Tags in the workspace's order: 合作状态 comes before 自定义.
      ['甲', tierName('value', 'nameZh'), tierName('rfm', 'nameZh'), '长期合作、重点跟进'],
    ]);
    const en = await call(t.app, { ...admin, lang: 'en' }, 'GET', `${EXPORT}?${query}`);
    expect(parseCsv(en.body.slice(1))).toEqual([
      [
        'Name',
        schemes.find((s) => s.key === 'value')!.nameEn,
        schemes.find((s) => s.key === 'rfm')!.nameEn,
        'Tags',
      ],
      ['甲', tierName('value', 'nameEn'), tierName('rfm', 'nameEn'), '长期合作, 重点跟进'],
    ]);
  });

  it('exports chosen columns, custom fields included, with their labels', async () => {
    const admin = await w.as('admin');
    const field = await call(t.app, admin, 'POST', '/api/v1/custom-fields', {
      key: 'level',
      type: 'single_select',
      labelZh: '客户等级',
      labelEn: 'Level',
      options: ['A', 'B'],
    });
    expect(field.statusCode, field.body).toBe(201);
    await createCustomer(t.app, admin, { name: '甲', customFields: { level: 'A' }, city: '杭州' });
    const all = parseCsv((await exportAs(admin, 'format=csv')).body.slice(1));
    expect(all[0]!.at(-1)).toBe('客户等级');
    expect(all[1]!.at(-1)).toBe('A');
    const chosen = await exportAs(
      admin,
      `format=csv&columns=${encodeURIComponent('name,cf.level,city,bogus')}`,
    );
    expect(parseCsv(chosen.body.slice(1))).toEqual([
      ['客户名称', '客户等级', '城市'],
      ['甲', 'A', '杭州'],
    ]);
    const en = await call(
      t.app,
      { ...admin, lang: 'en' },
      'GET',
      `${EXPORT}?format=csv&columns=name,cf.level`,
    );
    expect(parseCsv(en.body.slice(1))[0]).toEqual(['Name', 'Level']);
  });

  it('respects the search, the filters, the sort and the scope', async () => {
    const admin = await w.as('admin');
    const { org } = w;
    await createCustomer(t.app, admin, { name: '浙江甲', province: '浙江', ownerId: org.repA.id });
    await createCustomer(t.app, admin, { name: '浙江乙', province: '浙江', ownerId: org.repB.id });
    await createCustomer(t.app, admin, {
      name: '广东丙',
      province: '广东',
      ownerId: org.repA.id,
      status: 'active',
    });
    await createCustomer(t.app, admin, { name: '公海丁', province: '浙江', ownerId: null });
    const namesOf = async (s: Session, query: string) => {
      const res = await exportAs(s, `format=csv&columns=name&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return parseCsv(res.body.slice(1))
        .slice(1)
        .map((r) => r[0]);
    };
    const rule = encodeURIComponent(JSON.stringify({ field: 'province', op: 'eq', value: '浙江' }));
    expect((await namesOf(admin, `filter=${rule}`)).sort()).toEqual(['公海丁', '浙江乙', '浙江甲'].sort());
    expect(await namesOf(admin, `filter=${rule}&sort=createdAt`)).toEqual(['浙江甲', '浙江乙', '公海丁']);
    expect(await namesOf(admin, `filter=${rule}&sort=-createdAt`)).toEqual(['公海丁', '浙江乙', '浙江甲']);
    expect(await namesOf(admin, 'status=active')).toEqual(['广东丙']);
    expect(await namesOf(admin, `q=${encodeURIComponent('浙江')}&ownerId=${org.repB.id}`)).toEqual([
      '浙江乙',
    ]);
    const repA = await w.as('repA');
    expect((await namesOf(repA, `filter=${rule}`)).sort()).toEqual(['公海丁', '浙江甲'].sort());
    expect((await namesOf(repA, '')).sort()).toEqual(['公海丁', '广东丙', '浙江甲'].sort());
    expect(await namesOf(await w.as('repB'), 'ownerId=me')).toEqual(['浙江乙']);

    expectIssue(await exportAs(admin, 'format=pdf'), 'format');
    expectIssue(await exportAs(admin, 'format=csv&sort=password'), 'sort', 'invalid_sort');
    expectIssue(
      await exportAs(admin, `format=csv&filter=${encodeURIComponent('{"field":"x","op":"eq"}')}`),
      'filter.field',
    );
    expectError(await call(t.app, null, 'GET', `${EXPORT}?format=csv`), 401, 'UNAUTHENTICATED');
  });

  it('XLSX: a zip that Excel (exceljs) reads back, with localized headers', async () => {
    const admin = await w.as('admin');
    await createCustomer(t.app, admin, { name: '杭州恒瑞机械有限公司', province: '浙江' });
    await createCustomer(t.app, admin, { name: 'Acme', province: 'California' });
    const res = await exportAs(admin, 'format=xlsx&sort=name&columns=name,province,lifetimeSpend');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(/\.xlsx"$/);
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(['客户名称', '省份', '累计消费']);
    expect(rows.slice(1)).toEqual([
      ['Acme', 'California', 0],
      ['杭州恒瑞机械有限公司', '浙江', 0],
    ]);
    // xlsx is the default format.
    const byDefault = await exportAs({ ...admin, lang: 'en' }, 'columns=name');
    expect(byDefault.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await readXlsx(byDefault.rawPayload))[0]).toEqual(['Name']);
  });

  it('neutralises formulas: a leading = + - @ (also full-width) becomes text with an apostrophe', async () => {
    const admin = await w.as('admin');
    const dangerous = ['=HYPERLINK("http://x")', '＋cmd', '@SUM(A1)', '-2+3', '＝1+1'];
    for (const name of dangerous) await createCustomer(t.app, admin, { name });
    await createCustomer(t.app, admin, { name: '正常客户', notes: '=1+1' });
    const expected = [...dangerous.map((n) => `'${n}`), '正常客户'].sort();

    const csv = await exportAs(admin, 'format=csv&columns=name,notes');
    const rows = parseCsv(csv.body.slice(1)).slice(1);
    expect(rows.map((r) => r[0]).sort()).toEqual(expected);
    expect(rows.find((r) => r[0] === '正常客户')![1]).toBe("'=1+1");
    for (const r of rows) expect(r[0]).not.toMatch(/^[=+\-@＝＋－＠]/);

    const xlsx = await exportAs(admin, 'format=xlsx&columns=name,notes');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const cells: string[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const cell = row.getCell(1);
      expect(cell.type, String(cell.value)).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      cells.push(String(cell.value));
    });
    expect(cells.sort()).toEqual(expected);
  });
});
