import type { ErrorCode, FieldIssueCode } from './errors.ts';

export type Lang = 'zh-CN' | 'en';

const MESSAGES: Record<ErrorCode, Record<Lang, string>> = {
  VALIDATION_FAILED: {
    'zh-CN': '提交的数据有误，请检查后重试',
    en: 'Some fields are invalid; please check and try again',
  },
  INVALID_REFERENCE: { 'zh-CN': '引用的{field}不存在', en: 'The referenced {field} does not exist' },
  INVALID_CURRENT_PASSWORD: { 'zh-CN': '当前密码不正确', en: 'The current password is incorrect' },
  CANNOT_CHANGE_SELF: {
    'zh-CN': '不能停用自己或修改自己的角色',
    en: 'You cannot disable yourself or change your own role',
  },
  BAD_REQUEST: { 'zh-CN': '请求格式不正确', en: 'The request is malformed' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', en: 'Please sign in' },
  INVALID_CREDENTIALS: { 'zh-CN': '邮箱或密码不正确', en: 'Incorrect email or password' },
  FORBIDDEN: { 'zh-CN': '您没有执行此操作的权限', en: 'You do not have permission to do this' },
  USER_DISABLED: {
    'zh-CN': '该账号已停用，请联系管理员',
    en: 'This account is disabled; contact your administrator',
  },
  CSRF_FAILED: {
    'zh-CN': '安全校验失败，请刷新页面后重试',
    en: 'Security check failed; reload the page and try again',
  },
  NOT_FOUND: { 'zh-CN': '找不到该记录', en: 'Not found' },
  VERSION_CONFLICT: {
    'zh-CN': '该记录已被他人修改，请刷新后再保存',
    en: 'This record was changed by someone else; reload it and save again',
  },
  EMAIL_TAKEN: { 'zh-CN': '该邮箱已被使用', en: 'This email address is already in use' },
  TEAM_NAME_TAKEN: { 'zh-CN': '已存在同名团队', en: 'A team with this name already exists' },
  TEAM_NOT_EMPTY: {
    'zh-CN': '团队中还有 {count} 名成员，请先移出成员再删除',
    en: 'The team still has {count} member(s); move them out before deleting it',
  },
  SETUP_ALREADY_DONE: { 'zh-CN': '系统已完成初始化', en: 'Stratum is already set up' },
  STAGE_IN_USE: {
    'zh-CN': '阶段“{stage}”中还有 {count} 个商机，请先移走再删除该阶段',
    en: 'Stage "{stage}" still holds {count} opportunity(ies); move them before removing it',
  },
  PIPELINE_IN_USE: {
    'zh-CN': '该管道中还有 {count} 个商机，不能删除',
    en: 'This pipeline still holds {count} opportunity(ies) and cannot be deleted',
  },
  RULE_REFERENCED: {
    'zh-CN': '仍有规则引用它：{by}。请先修改这些规则',
    en: 'Rules still use it: {by}. Change them first',
  },
  SCHEME_BUILT_IN: {
    'zh-CN': 'RFM 分类体系是内置的，不能删除，可以停用',
    en: 'The RFM scheme is built in and cannot be deleted; disable it instead',
  },
  SEGMENT_NOT_STATIC: {
    'zh-CN': '只有静态分群可以手动添加或移除成员',
    en: 'Members can be added or removed by hand only in a static segment',
  },
  CLUSTERS_TOO_FEW_CUSTOMERS: {
    'zh-CN': '有订单的客户少于 {min} 个，无法进行智能分群',
    en: 'Clustering needs at least {min} customers with orders',
  },
  CLUSTERS_CHANGED: {
    'zh-CN': '数据已变化，该群现在有 {size} 个客户（之前 {expected} 个），请重新分群后再保存',
    en: 'The data changed: this cluster now has {size} customers (it had {expected}); run the clustering again before saving',
  },
  NPS_ALREADY_ANSWERED: {
    'zh-CN': '该调研已经提交过了，感谢您的反馈',
    en: 'This survey has already been answered; thank you for your feedback',
  },
  NPS_SURVEY_EXPIRED: {
    'zh-CN': '该调研链接已过期',
    en: 'This survey link has expired',
  },
  NPS_SURVEY_REVOKED: {
    'zh-CN': '该调研链接已失效',
    en: 'This survey link is no longer valid',
  },
  INVALID_FILE: {
    'zh-CN': '无法读取该文件，请上传 .xlsx 或 .csv 文件（旧版 .xls 请先另存为 .xlsx）',
    en: 'The file cannot be read; upload an .xlsx or .csv file (save old .xls workbooks as .xlsx)',
  },
  IMPORT_MAPPING_INVALID: {
    'zh-CN': '以下必填字段没有对应的列：{fields}',
    en: 'No column is mapped to the required field(s): {fields}',
  },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '上传内容过大', en: 'The request is too large' },
  UPLOAD_TOO_LARGE: {
    'zh-CN': '文件超过了 {limit} MB 的上传上限',
    en: 'The file is larger than the upload limit of {limit} MB',
  },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  TOO_MANY_ATTEMPTS: {
    'zh-CN': '尝试次数过多，请 {seconds} 秒后再试',
    en: 'Too many attempts; try again in {seconds} seconds',
  },
  INTERNAL: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
  DATABASE_UNAVAILABLE: { 'zh-CN': '数据库暂时不可用', en: 'The database is unavailable' },
};

const FIELD_MESSAGES: Record<FieldIssueCode, Record<Lang, string>> = {
  not_found: { 'zh-CN': '引用的记录不存在', en: 'No such record' },
  invalid_sort: {
    'zh-CN': '排序字段只能是：{allowed}（前缀 - 表示降序）',
    en: 'Sort by one of: {allowed} (prefix - for descending)',
  },
  not_in_future: { 'zh-CN': '必须是将来的时间', en: 'Must be in the future' },
  unknown_field: { 'zh-CN': '没有这个字段', en: 'No such field' },
  expected_number: { 'zh-CN': '请填写数字', en: 'Must be a number' },
  expected_date: { 'zh-CN': '请填写日期（YYYY-MM-DD）', en: 'Must be a date (YYYY-MM-DD)' },
  expected_text: { 'zh-CN': '请填写文本（不超过 2000 字）', en: 'Must be text (at most 2000 characters)' },
  not_an_option: { 'zh-CN': '只能选择：{options}', en: 'Must be one of: {options}' },
  required: { 'zh-CN': '必填', en: 'Required' },
  invalid_rule: { 'zh-CN': '筛选条件有误：{problem}', en: 'Invalid filter: {problem}' },
  amount_mismatch: {
    'zh-CN': '金额与明细合计（{expected}）不一致',
    en: 'The amount does not match the sum of the lines ({expected})',
  },
  not_allowed_owner: { 'zh-CN': '不能把客户分配给该用户', en: 'You cannot assign customers to this user' },
  duplicate: { 'zh-CN': '已存在相同的值', en: 'This value is already used' },
  segment_cycle: {
    'zh-CN': '分群之间不能循环引用',
    en: 'Segments cannot refer to each other in a circle',
  },
  invalid_config: { 'zh-CN': '设置不正确：{reason}', en: 'Invalid settings: {reason}' },
  other_customer: { 'zh-CN': '该记录属于另一个客户', en: 'This record belongs to another customer' },
  invalid_stages: {
    'zh-CN': '阶段需至少一个进行中阶段，并且恰好一个赢单、一个输单阶段（放在最后）',
    en: 'Stages need at least one open stage and exactly one won and one lost stage (last)',
  },
  other_pipeline: { 'zh-CN': '不属于该商机管道', en: 'Does not belong to this pipeline' },
  not_open_stage: {
    'zh-CN': '只能移到进行中的阶段；赢单或输单请使用对应操作',
    en: 'Move to an open stage; use win or lose to close the deal',
  },
};

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));

/** What is wrong with a rule (RuleError codes of packages/segmentation), worded for people. */
const RULE_PROBLEMS: Record<string, Record<Lang, string>> = {
  invalid_rule: { 'zh-CN': '条件格式不正确', en: 'the condition is malformed' },
  unknown_field: { 'zh-CN': '没有这个字段', en: 'no such field' },
  operator_not_allowed: { 'zh-CN': '该字段不支持这个运算', en: 'this operator does not apply to the field' },
  invalid_value: {
    'zh-CN': '值不符合字段类型或选项',
    en: "the value does not fit the field's type or options",
  },
  too_complex: { 'zh-CN': '条件过多或嵌套过深', en: 'too many conditions or nested too deep' },
};

export function fieldMessageFor(
  code: FieldIssueCode,
  lang: Lang,
  params: Record<string, string | number> = {},
): string {
  const problem = typeof params.problem === 'string' ? RULE_PROBLEMS[params.problem]?.[lang] : undefined;
  return fill(FIELD_MESSAGES[code][lang], problem ? { ...params, problem } : params);
}

export function messageFor(
  code: ErrorCode,
  lang: Lang,
  params: Record<string, string | number> = {},
): string {
  return fill(MESSAGES[code][lang], params);
}

/**
 * The request's language: the first of zh/en in Accept-Language by preference order (q-values),
 * else Chinese, the product's first language.
 */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
