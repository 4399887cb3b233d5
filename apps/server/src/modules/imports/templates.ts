// Import templates: one sheet per kind with headers in Chinese or English that the automatic mapping
// recognises (templates.test.ts holds the two together), one example row, drop-down lists for the
// enumerations and a second sheet explaining each column. The importer reads the first sheet only.
import { SIZE_BANDS, SOURCE_CHANNELS } from '@stratum/contracts';
import ExcelJS from 'exceljs';
import { writeTable } from '../exports/table-writer.ts';
import { FIELDS, type ImportKind } from './mapping.ts';

export type TemplateLang = 'zh-CN' | 'en';

interface ColumnSpec {
  label: Record<TemplateLang, string>;
  example: Record<TemplateLang, string | number>;
  /** The values the importer accepts, offered as a drop-down list. */
  options?: Record<TemplateLang, readonly string[]>;
  hint?: Record<TemplateLang, string>;
  /** A field the wizard names but the template leaves out (an alternative way to say the same thing). */
  notInTemplate?: boolean;
}

const same = <T>(v: T): Record<TemplateLang, T> => ({ 'zh-CN': v, en: v });
const L = <T>(zh: T, en: T): Record<TemplateLang, T> => ({ 'zh-CN': zh, en });
const DATE_HINT = L('日期，如 2024-03-01 或 2024-03-01 14:05', 'A date, e.g. 2024-03-01 or 2024-03-01 14:05');

const customerId = {
  label: L('客户编号', 'Customer external ID'),
  example: same('C0001'),
  hint: L('已有客户的客户编号', 'The external ID of an existing customer'),
};
/**
 * Contacts and follow-ups may name their customer by phone or email instead (mapping.ts customerKeys).
 * The wizard names them; the templates leave them out, so a template has one customer column.
 */
const customerAlternatives = {
  customer_phone: {
    label: L('客户电话', 'Customer phone'),
    example: same(''),
    hint: L('无客户编号时，按客户电话匹配', 'Matches the customer by phone when there is no external ID'),
    notInTemplate: true,
  },
  customer_email: {
    label: L('客户邮箱', 'Customer email'),
    example: same(''),
    hint: L(
      '无客户编号和电话时，按客户邮箱匹配',
      'Matches the customer by email when there is no ID or phone',
    ),
    notInTemplate: true,
  },
};

/** Template columns by kind and field key (every field of mapping.ts FIELDS, in its order). */
export const TEMPLATE_COLUMNS: Record<ImportKind, Record<string, ColumnSpec>> = {
  customers: {
    external_id: {
      label: L('客户编号', 'External ID'),
      example: same('C0001'),
      hint: L('唯一编号，重复导入时用于识别客户', 'Unique; identifies the customer when importing again'),
    },
    name: { label: L('客户名称', 'Name'), example: L('上海星辰贸易有限公司', 'Shanghai Star Trading Co.') },
    kind: {
      label: L('客户类型', 'Type'),
      example: L('企业', 'company'),
      options: L(['企业', '个人'], ['company', 'individual']),
    },
    industry: { label: L('行业', 'Industry'), example: L('批发零售', 'Wholesale') },
    province: { label: L('省份', 'Province'), example: L('上海', 'Shanghai') },
    city: { label: L('城市', 'City'), example: L('上海', 'Shanghai') },
    size_band: { label: L('规模', 'Size band'), example: same('50-199'), options: same(SIZE_BANDS) },
    source: { label: L('来源', 'Source'), example: same('website'), options: same(SOURCE_CHANNELS) },
    status: {
      label: L('客户状态', 'Status'),
      example: L('活跃', 'active'),
      options: L(['潜在', '活跃', '沉睡', '流失'], ['potential', 'active', 'dormant', 'lost']),
    },
    phone: { label: L('电话', 'Phone'), example: same('13800000000') },
    email: { label: L('邮箱', 'Email'), example: same('info@example.com') },
    wechat: { label: L('微信', 'WeChat'), example: same('xingchen_sh') },
    address: {
      label: L('地址', 'Address'),
      example: L('上海市浦东新区世纪大道100号', '100 Century Ave, Pudong'),
    },
    website: { label: L('网站', 'Website'), example: same('https://example.com') },
    notes: { label: L('备注', 'Notes'), example: L('重点客户', 'Key account') },
  },
  contacts: {
    customer_external_id: customerId,
    ...customerAlternatives,
    name: { label: L('联系人', 'Name'), example: L('王敏', 'Wang Min') },
    title: { label: L('职位', 'Title'), example: L('采购经理', 'Purchasing manager') },
    phone: { label: L('电话', 'Phone'), example: same('13900000000') },
    email: { label: L('邮箱', 'Email'), example: same('wangmin@example.com') },
    wechat: { label: L('微信', 'WeChat'), example: same('wangmin88') },
    is_decision_maker: {
      label: L('决策人', 'Decision maker'),
      example: L('是', 'yes'),
      options: L(['是', '否'], ['yes', 'no']),
    },
    notes: { label: L('备注', 'Notes'), example: same('') },
  },
  orders: {
    order_no: {
      label: L('订单号', 'Order number'),
      example: same('SO-2024-0001'),
      hint: L('同一订单的多行明细填同一个订单号', 'Lines of one order share its number'),
    },
    customer_external_id: customerId,
    customer_name: {
      label: L('客户名称', 'Customer name'),
      example: L('上海星辰贸易有限公司', 'Shanghai Star Trading Co.'),
      hint: L('仅在自动创建客户时使用', 'Used only when customers are created from the file'),
    },
    ordered_at: { label: L('下单时间', 'Ordered at'), example: same('2024-03-01 14:05'), hint: DATE_HINT },
    amount: {
      label: L('金额', 'Amount'),
      example: same('1000.00'),
      hint: L('按明细导入时须等于 数量×单价', 'With lines: must equal quantity × unit price'),
    },
    status: {
      label: L('订单状态', 'Status'),
      example: L('已完成', 'completed'),
      options: L(['已付款', '已完成', '已取消', '已退款'], ['paid', 'completed', 'cancelled', 'refunded']),
    },
    currency: { label: L('币种', 'Currency'), example: same('CNY') },
    sku: { label: L('商品编码', 'SKU'), example: same('SKU-001') },
    product_name: { label: L('商品名称', 'Product name'), example: L('工业螺丝 M6', 'Industrial screw M6') },
    quantity: {
      label: L('数量', 'Quantity'),
      example: same(20),
      hint: L(
        '一行一单时请删除数量与单价两列',
        'For one row per order, delete the quantity and unit price columns',
      ),
    },
    unit_price: { label: L('单价', 'Unit price'), example: same('50.00') },
    notes: { label: L('备注', 'Notes'), example: same('') },
  },
  followups: {
    customer_external_id: customerId,
    ...customerAlternatives,
    type: {
      label: L('跟进方式', 'Type'),
      example: L('电话', 'call'),
      options: L(
        ['电话', '拜访', '微信', '邮件', '会议', '备注'],
        ['call', 'visit', 'wechat', 'email', 'meeting', 'note'],
      ),
    },
    content: {
      label: L('跟进内容', 'Content'),
      example: L('电话沟通了新季度的采购计划', 'Called about next quarter’s purchasing plan'),
    },
    occurred_at: { label: L('跟进时间', 'Occurred at'), example: same('2024-03-01 10:30'), hint: DATE_HINT },
    next_followup_on: {
      label: L('下次跟进', 'Next followup on'),
      example: same('2024-03-15'),
      hint: DATE_HINT,
    },
  },
};

/** A field's column label (the template header; also the wizard's field names). */
export const fieldLabel = (kind: ImportKind, field: string, lang: TemplateLang) =>
  TEMPLATE_COLUMNS[kind][field]?.label[lang] ?? field;

/** The template's columns: every field of the kind in order, less the alternatives it leaves out. */
export const templateColumns = (kind: ImportKind) =>
  FIELDS[kind]
    .map((f) => ({ key: f.key, required: !!f.required || !!f.oneOf, spec: TEMPLATE_COLUMNS[kind][f.key]! }))
    .filter((c) => c.spec && !c.spec.notInTemplate);

const KIND_NAMES: Record<ImportKind, Record<TemplateLang, string>> = {
  customers: L('客户', 'Customers'),
  contacts: L('联系人', 'Contacts'),
  orders: L('订单', 'Orders'),
  followups: L('跟进记录', 'Follow-ups'),
};

export const templateFileName = (kind: ImportKind, lang: TemplateLang, format: 'xlsx' | 'csv') =>
  `${lang === 'en' ? `stratum-${kind}-template` : `${KIND_NAMES[kind]['zh-CN']}导入模板`}.${format}`;

/** Rows a user can fill in the template with drop-downs active. */
const VALIDATED_ROWS = 5000;

const columnLetter = (n: number) => {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
};

export async function templateXlsx(kind: ImportKind, lang: TemplateLang): Promise<Buffer> {
  const cols = templateColumns(kind);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Stratum';
  const ws = wb.addWorksheet(KIND_NAMES[kind][lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({
    header: c.spec.label[lang],
    width: Math.max(12, c.spec.label[lang].length * (lang === 'en' ? 1.3 : 2.4) + 4),
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  cols.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    if (c.required) {
      cell.font = { bold: true, color: { argb: 'FFC0392B' } };
      cell.note = lang === 'en' ? 'Required' : '必填';
    }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
  });
  ws.addRow(cols.map((c) => c.spec.example[lang]));
  cols.forEach((c, i) => {
    const options = c.spec.options?.[lang];
    if (!options) return;
    const col = columnLetter(i + 1);
    (
      ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
    ).dataValidations.add(`${col}2:${col}${VALIDATED_ROWS}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${options.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'error',
      errorTitle: lang === 'en' ? 'Not in the list' : '不在可选范围内',
      error: lang === 'en' ? `Choose one of: ${options.join(', ')}` : `请选择：${options.join('、')}`,
    });
  });

  const help = wb.addWorksheet(lang === 'en' ? 'Instructions' : '填写说明');
  help.columns = [
    { header: lang === 'en' ? 'Column' : '列名', width: 22 },
    { header: lang === 'en' ? 'Required' : '必填', width: 10 },
    { header: lang === 'en' ? 'Values' : '填写要求', width: 70 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of cols) {
    const options = c.spec.options?.[lang];
    help.addRow([
      c.spec.label[lang],
      c.required ? (lang === 'en' ? 'yes' : '是') : '',
      [
        options ? (lang === 'en' ? `One of: ${options.join(', ')}` : `可选：${options.join('、')}`) : '',
        c.spec.hint?.[lang] ?? '',
      ]
        .filter(Boolean)
        .join(lang === 'en' ? '. ' : '；'),
    ]);
  }
  help.addRow([]);
  help.addRow([
    lang === 'en'
      ? 'Only the first sheet is imported. Delete the example row before importing.'
      : '只导入第一个工作表。导入前请删除示例行。',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV (UTF-8 with BOM): the header and the example row; drop-downs need xlsx. */
export function templateCsv(kind: ImportKind, lang: TemplateLang) {
  const cols = templateColumns(kind);
  return writeTable(
    'csv',
    cols.map((c) => ({ header: c.spec.label[lang], value: () => c.spec.example[lang] })),
    (async function* () {
      yield [null];
    })(),
  );
}
