import type { Customer } from '@stratum/contracts';
import type { Lang } from '../../http/messages.ts';
import type { CustomFieldRow } from '../custom-fields/custom-fields.repository.ts';
import type { Column } from '../exports/table-writer.ts';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Export columns by key; headers in the request's language. */
const BUILT_IN: Record<string, { label: Record<Lang, string>; value: (c: Customer) => unknown }> = {
  name: { label: L('客户名称', 'Name'), value: (c) => c.name },
  kind: { label: L('客户类型', 'Type'), value: (c) => c.kind },
  externalId: { label: L('外部编号', 'External ID'), value: (c) => c.externalId },
  industry: { label: L('行业', 'Industry'), value: (c) => c.industry },
  province: { label: L('省份', 'Province'), value: (c) => c.province },
  city: { label: L('城市', 'City'), value: (c) => c.city },
  sizeBand: { label: L('规模', 'Size'), value: (c) => c.sizeBand },
  source: { label: L('来源渠道', 'Source'), value: (c) => c.source },
  status: { label: L('客户状态', 'Status'), value: (c) => c.status },
  ownerName: { label: L('负责人', 'Owner'), value: (c) => c.ownerName },
  phone: { label: L('电话', 'Phone'), value: (c) => c.phone },
  email: { label: L('邮箱', 'Email'), value: (c) => c.email },
  wechat: { label: L('微信', 'WeChat'), value: (c) => c.wechat },
  address: { label: L('地址', 'Address'), value: (c) => c.address },
  website: { label: L('网站', 'Website'), value: (c) => c.website },
  lifetimeSpend: { label: L('累计消费', 'Lifetime spend'), value: (c) => Number(c.lifetimeSpend) },
  lastOrderAt: { label: L('最近下单', 'Last order'), value: (c) => c.lastOrderAt },
  lastFollowupAt: { label: L('最近跟进', 'Last follow-up'), value: (c) => c.lastFollowupAt },
  openTickets: { label: L('未结工单', 'Open tickets'), value: (c) => c.openTickets },
  createdAt: { label: L('创建时间', 'Created'), value: (c) => c.createdAt },
  notes: { label: L('备注', 'Notes'), value: (c) => c.notes },
};

export const DEFAULT_EXPORT_COLUMNS = [
  'name',
  'externalId',
  'industry',
  'province',
  'city',
  'status',
  'ownerName',
  'phone',
  'email',
  'lifetimeSpend',
  'lastOrderAt',
  'lastFollowupAt',
];

/** The columns asked for (unknown keys are ignored), or the default set plus every custom field. */
export function exportColumns(
  keys: string[] | undefined,
  defs: readonly CustomFieldRow[],
  lang: Lang,
): Column<Customer>[] {
  const custom = new Map(defs.map((d) => [`cf.${d.key}`, d]));
  const chosen = keys?.length ? keys : [...DEFAULT_EXPORT_COLUMNS, ...custom.keys()];
  return chosen.flatMap((key): Column<Customer>[] => {
    const builtIn = BUILT_IN[key];
    if (builtIn) return [{ header: builtIn.label[lang], value: builtIn.value }];
    const def = custom.get(key);
    if (def)
      return [
        { header: lang === 'en' ? def.labelEn : def.labelZh, value: (c) => c.customFields[def.key] ?? null },
      ];
    return [];
  });
}
