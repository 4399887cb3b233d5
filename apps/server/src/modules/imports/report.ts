// What an import reports: counts in data rows (every data row of the file ends in exactly one of
// inserted / updated / skipped / failed) and one error per failed row, with a message in zh or en.
import type { Actor } from '../../http/actor.ts';
import type { Db } from '../../db/client.ts';
import type { ImportKind } from './mapping.ts';
import { fieldLabel } from './templates.ts';

export type RowErrorCode =
  | 'REQUIRED'
  | 'INVALID_DATE'
  | 'INVALID_AMOUNT'
  | 'INVALID_QUANTITY'
  | 'INVALID_STATUS'
  | 'INVALID_VALUE'
  | 'NO_CUSTOMER'
  | 'CUSTOMER_NOT_FOUND'
  | 'CUSTOMER_NOT_MATCHED'
  | 'CUSTOMER_DELETED'
  | 'NOT_YOUR_CUSTOMER'
  | 'DUPLICATE_IN_FILE'
  | 'DUPLICATE'
  | 'ORDER_INCOMPLETE'
  | 'INCONSISTENT_ORDER'
  | 'AMOUNT_MISMATCH';

const MESSAGES: Record<RowErrorCode, { zh: string; en: string }> = {
  REQUIRED: { zh: '必填项「{field}」为空', en: 'The required field "{field}" is empty' },
  INVALID_DATE: { zh: '「{field}」不是有效的日期：{value}', en: '"{field}" is not a valid date: {value}' },
  INVALID_AMOUNT: {
    zh: '「{field}」不是有效的金额：{value}',
    en: '"{field}" is not a valid amount: {value}',
  },
  INVALID_QUANTITY: {
    zh: '「{field}」不是有效的数量：{value}',
    en: '"{field}" is not a valid quantity: {value}',
  },
  INVALID_STATUS: {
    zh: '「{field}」不是可识别的状态：{value}',
    en: '"{field}" is not a known status: {value}',
  },
  INVALID_VALUE: {
    zh: '「{field}」的值无法识别：{value}',
    en: '"{field}" has a value that is not recognised: {value}',
  },
  NO_CUSTOMER: {
    zh: '该行没有客户（客户编号为空），未导入',
    en: 'The row has no customer (empty customer id); not imported',
  },
  CUSTOMER_NOT_FOUND: {
    zh: '找不到客户编号为 {value} 的客户（可使用 --create-customers 自动创建）',
    en: 'No customer with external id {value} (use --create-customers to create it)',
  },
  CUSTOMER_NOT_MATCHED: {
    zh: '找不到「{field}」为 {value} 的客户',
    en: 'No customer with "{field}" = {value}',
  },
  CUSTOMER_DELETED: {
    zh: '客户 {value} 在回收站中，请先恢复',
    en: 'Customer {value} is in the recycle bin; restore it first',
  },
  NOT_YOUR_CUSTOMER: {
    zh: '客户 {value} 不在您的数据权限范围内，无法修改',
    en: 'Customer {value} is outside your data scope and cannot be changed',
  },
  DUPLICATE_IN_FILE: {
    zh: '与文件第 {other} 行重复（{field} = {value}）',
    en: 'Duplicates row {other} of the file ({field} = {value})',
  },
  DUPLICATE: {
    zh: '{field} = {value} 已存在，无法新建',
    en: '{field} = {value} already exists and cannot be created again',
  },
  ORDER_INCOMPLETE: {
    zh: '订单 {value} 的其他行有错误，整单未导入',
    en: 'Another row of order {value} has an error; the whole order was not imported',
  },
  INCONSISTENT_ORDER: {
    zh: '订单 {value} 的各行客户不一致',
    en: 'The rows of order {value} name different customers',
  },
  AMOUNT_MISMATCH: {
    zh: '金额 {value} 与 数量×单价 = {other} 不一致',
    en: 'Amount {value} differs from quantity × unit price = {other}',
  },
};

export interface RowError {
  row: number;
  field: string | null;
  code: RowErrorCode;
  message: string;
}

export type Lang = 'zh' | 'en';

/** zh unless the language asks for English (LANG=en_US.UTF-8, --lang en). */
export const langOf = (value: string | undefined): Lang => (value && /^en/i.test(value) ? 'en' : 'zh');

export function rowMessage(lang: Lang, code: RowErrorCode, params: Record<string, string | number>): string {
  return MESSAGES[code][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

export type DuplicatePolicy = 'skip' | 'update' | 'create';

export interface ImportOptions {
  kind: ImportKind;
  file: string;
  sheet?: string | undefined;
  /** "HEADER=field" overrides of the automatic mapping. */
  map?: readonly string[] | undefined;
  onDuplicate?: DuplicatePolicy | undefined;
  /** Validate and report, write nothing. */
  dryRun?: boolean | undefined;
  /** Orders, contacts, follow-ups: create a customer for an unknown customer external id. */
  createCustomers?: boolean | undefined;
  /** Orders: an order number starting with this marks a cancellation (e.g. "C"). */
  cancelPrefix?: string | undefined;
  /** Zone of wall-clock dates in the file (default: the workspace's). */
  timeZone?: string | undefined;
  lang?: Lang | undefined;
  /** Rows read so far; in the write phase, `step` names the statement group under way. */
  onProgress?: ((p: { phase: 'read' | 'write'; rows: number; step?: string }) => void) | undefined;
  /**
   * Runs inside the import's transaction once its result is known, just before the commit (not on a dry
   * run): what it writes commits with the import or not at all — the import job records its own success
   * here, so a crash after the commit can never run the import again.
   */
  beforeCommit?: ((db: Db, result: ImportResult) => Promise<void>) | undefined;
  /** Tests: runs inside the transaction before a write stage. */
  beforeStage?: ((db: Db, stage: string) => Promise<void>) | undefined;
}

export interface ImportStats {
  rows: number;
  /** Orders imports: orders (not rows) by outcome, and lines written. */
  orders?: { inserted: number; updated: number; skipped: number; failed: number; lines: number };
  customersCreated: number;
  unmappedColumns: string[];
  durationMs: number;
  maxRssMb: number;
  dryRun: boolean;
}

export interface ImportResult {
  inserted: number;
  updated: number;
  skipped: number;
  failed: number;
  errors: RowError[];
  stats: ImportStats;
}

export interface ImportContext {
  actor: Actor;
  ip: string | null;
}

/** Collects counts and errors; a row fails at most once. */
export class Report {
  inserted = 0;
  updated = 0;
  skipped = 0;
  errors: RowError[] = [];
  private failedRows = new Set<number>();
  constructor(
    private readonly lang: Lang,
    private readonly kind: ImportKind,
  ) {}

  /** `field` is the field key (kept in the error for programs); the message names it as the template does. */
  fail(row: number, field: string | null, code: RowErrorCode, params: Record<string, string | number> = {}) {
    if (this.failedRows.has(row)) return;
    this.failedRows.add(row);
    const label = field === null ? '' : fieldLabel(this.kind, field, this.lang === 'en' ? 'en' : 'zh-CN');
    this.errors.push({ row, field, code, message: rowMessage(this.lang, code, { field: label, ...params }) });
  }
  hasFailed(row: number) {
    return this.failedRows.has(row);
  }
  get failed() {
    return this.failedRows.size;
  }
}
