import type { RfmClass } from '@stratum/segmentation';

/** The recommended strategy of each RFM class, shown beside it (editable tiers come with schemes). */
export const RFM_STRATEGIES: Record<RfmClass, { 'zh-CN': string; en: string }> = {
  important_value: {
    'zh-CN': '核心客户：提供 VIP 服务和专属权益，资源优先倾斜，保持满意度',
    en: 'Core customers: VIP service and exclusive benefits, first call on resources',
  },
  important_retain: {
    'zh-CN': '贡献高但近期未购买：主动回访，了解需求，尽快唤回',
    en: 'High value but quiet lately: reach out, learn what changed, bring them back',
  },
  important_develop: {
    'zh-CN': '近期活跃、消费高但频次低：推荐复购与组合方案，提升购买频次',
    en: 'Recent and high-spending but infrequent: offer repeat and bundle deals to buy more often',
  },
  important_winback: {
    'zh-CN': '消费高但久未购买、频次低：重点挽留，排查流失原因，给出针对性方案',
    en: 'High spend but slipping away: win them back, find out why, make a targeted offer',
  },
  general_value: {
    'zh-CN': '活跃且频次高但客单价低：交叉销售和升级销售，提升客单价',
    en: 'Active and frequent but low spend: cross-sell and upsell to raise order value',
  },
  general_retain: {
    'zh-CN': '购买频次高但近期不活跃、消费低：低成本维系，定期关怀',
    en: 'Frequent buyers gone quiet, low spend: keep in touch at low cost',
  },
  general_develop: {
    'zh-CN': '新近客户：做好首单服务，引导第二次购买',
    en: 'New or recent customers: serve the first order well and nurture a second purchase',
  },
  general_winback: {
    'zh-CN': '价值低且流失风险高：低成本批量触达，长期无响应可释放到公海',
    en: 'Low value, likely lost: low-cost mass touches; release to the pool if silent',
  },
};
