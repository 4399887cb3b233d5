/**
 * Simplified Chinese strings of the analytics pages: the reference key tree for `en.ts`. Each page has
 * its own block (`dashboards`; CLV adds `clv`).
 */
const zhCN = {
  dashboards: {
    title: '分析看板',
    subtitle: '客户分层随时间的变化、收入贡献、留存与流失、同期群留存和各分群的转化。',
    scopeHint:
      '统计范围为你有权查看的客户（销售代表为本人负责的客户和公海客户）；负责人和团队按客户的负责人筛选。',
    periodHint: '期间按 {{zone}} 时区的日期计算，默认为最近 12 个月。',
    filters: {
      owner: '负责人',
      ownerAll: '全部负责人',
      ownerMe: '我负责的',
      ownerUser: '指定同事',
      pickUser: '选择同事',
      team: '团队',
      allTeams: '全部团队',
      period: '期间',
      reset: '重置',
    },
    view: {
      chart: '图表',
      table: '表格',
    },
    export: {
      button: '导出',
      png: '图片（PNG）',
      xlsx: 'Excel 表格（xlsx）',
      done: '已开始下载',
      pngTableHint: '切换到图表后可导出图片',
    },
    empty: {
      noData: '该期间内没有数据',
      noSnapshots:
        '还没有分层快照，图中只有当前分布：在“层级迁移”页面创建快照后，这里会显示分层随时间的变化。',
      noSegments: '还没有客户分群',
    },
    tiers: {
      title: '客户分层分布',
      hint: '每个快照时各层级的客户数，最后一列为当前。',
      scheme: '分类体系',
      point: '时间点',
      asOf: '日期',
      total: '合计',
    },
    pareto: {
      title: '收入贡献（帕累托）',
      hint: '按期内收入从高到低排列客户：横轴为客户累计占比，纵轴为收入累计占比。',
      top20: '前 20% 客户贡献收入',
      customers: '期内成交客户',
      revenue: '期内收入',
      customerShare: '客户累计占比',
      revenueShare: '收入累计占比',
      equality: '平均线',
      band: '客户分段（按收入排名）',
      bandCustomers: '客户数',
      bandRevenue: '收入',
      bandShare: '收入占比',
      cumulativeShare: '累计占比',
    },
    retention: {
      title: '月度留存与流失',
      hint: '上月购买的客户中，本月再次购买的比例（留存率）和未再购买的比例（流失率）。',
      month: '月份',
      base: '上月购买客户',
      retained: '本月复购',
      churned: '流失',
      retentionRate: '留存率',
      churnRate: '流失率',
    },
    cohorts: {
      title: '同期群留存',
      hint: '按首次成交月份分组，每组客户在之后第 0–11 个月中有购买的比例。',
      cohort: '首购月份',
      size: '客户数',
      offset: '第 {{n}} 月',
      offsetAxis: '首购后月数',
    },
    conversion: {
      title: '分群转化',
      hint: '各分群（或层级）的当前客户中，期内有商机赢单的比例。',
      by: '维度',
      bySegment: '按分群',
      byScheme: '按 {{scheme}}',
      group: '分群 / 层级',
      members: '客户数',
      converted: '期内赢单客户',
      rate: '转化率',
    },
  },
};

export default zhCN;
