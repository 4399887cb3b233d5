// Deterministic customers, contacts and follow-ups files for the import benchmark, with the figures the
// import must reproduce. Customers have external ids C0000001…; every 97th row repeats the previous
// row's id (DUPLICATE_IN_FILE) and about every 211th row has no name (REQUIRED). Contacts and follow-ups name
// those customers by external id (`customers` of them, round robin) and are otherwise all distinct, so a
// second run skips every accepted row.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');
const CITIES = ['上海', '北京', '杭州', '深圳', '成都', '武汉', '南京', '苏州', '西安', '厦门'];
const TRADES = ['贸易', '科技', '茶业', '食品', '服饰', '家居', '电子', '文化'];
const TYPES = ['电话', '拜访', '微信', '邮件', '会议', '备注'];

const id = (n) => `C${String(n).padStart(7, '0')}`;
const pick = (list, n) => list[n % list.length];

async function writeLines(path, header, rows, line) {
  const out = createWriteStream(path);
  out.write(`\ufeff${header}\n`);
  for (let i = 0; i < rows; i++) {
    if (!out.write(line(i) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

/** Returns { rows, accepted, duplicates, unnamed } (accepted = customers the import creates). */
export async function writeCustomersCsv(path, rows) {
  let duplicates = 0;
  let unnamed = 0;
  await writeLines(path, '客户编号,客户名称,行业,城市,手机,客户状态', rows, (i) => {
    const row = i + 2;
    if (row % 97 === 0) {
      duplicates++;
      return `${id(i - 1)},重复的客户,,,,`;
    }
    if (row % 211 === 0 && (row + 1) % 97 !== 0) {
      unnamed++;
      return `${id(i)},,,,,`;
    }
    const name = `${pick(CITIES, i)}${pick(SURNAMES, i >> 3)}氏${pick(TRADES, i >> 5)}有限公司${i}`;
    return `${id(i)},${name},${pick(TRADES, i)},${pick(CITIES, i >> 2)},1${String(3e9 + i).slice(0, 10)},${i % 3 === 0 ? '活跃' : ''}`;
  });
  return { rows, accepted: rows - duplicates - unnamed, duplicates, unnamed };
}

/** Contacts of `customers` customers (ids of writeCustomersCsv rows that are not duplicates). */
export async function writeContactsCsv(path, rows, customers) {
  await writeLines(path, '客户编号,联系人,职位,电话,邮箱,决策人', rows, (i) => {
    const c = customerAt(i, customers);
    return `${id(c)},${pick(SURNAMES, i)}${pick(SURNAMES, i >> 4)},经理,1${String(5e9 + i).slice(0, 10)},p${i}@example.cn,${i % 5 === 0 ? '是' : '否'}`;
  });
  return { rows };
}

/** Follow-ups of the same customers. */
export async function writeFollowupsCsv(path, rows, customers) {
  await writeLines(path, '客户编号,跟进方式,跟进内容,跟进时间,下次跟进', rows, (i) => {
    const c = customerAt(i, customers);
    const day = 1 + (i % 28);
    return `${id(c)},${pick(TYPES, i)},第${i}次跟进：介绍新品,2024-03-${String(day).padStart(2, '0')} 10:00,2024/4/${day}`;
  });
  return { rows };
}

/** The i-th customer (round robin) among the first `customers` rows that writeCustomersCsv accepts. */
function customerAt(i, customers) {
  let c = i % customers;
  // Skip rows that are duplicates or unnamed (their ids are not created by them).
  while ((c + 2) % 97 === 0 || (c + 2) % 211 === 0 || (c + 3) % 97 === 0) c = (c + 1) % customers;
  return c;
}
