/** Simplified Chinese strings of the segmentation (RFM) pages: the reference key tree for `en.ts`. */
const zhCN = {
  rfm: {
    title: 'RFM 分析',
    subtitle: '按最近一次购买（R）、购买频次（F）和购买金额（M）把客户分为八类，并给出运营建议。',
    scopeHint: '统计范围为你有权查看的客户（销售代表为本人负责的客户和公海客户）。',
    asOf: '统计日期',
    asOfHint: '按 {{zone}} 时区的日期计算',
    kpi: {
      scored: '已评分客户',
      scoredHint: '至少有一笔计入订单',
      unscored: '未评分客户',
      unscoredHint: '尚无计入订单',
      revenue: '计入收入合计',
      revenueHint: '已付款或已完成订单的金额',
    },
    classes: '客户分类',
    card: {
      customers: '客户数',
      share: '占 {{share}}',
      revenue: '收入',
      revenueShare: '占收入 {{share}}',
      meanR: '平均 R',
      meanF: '平均 F',
      meanM: '平均 M',
      days: '{{value}} 天',
      orders: '{{value}} 单',
      strategy: '运营建议：',
      none: '—',
    },
    chart: {
      classesTitle: '各类客户数与收入占比',
      customerShare: '客户占比',
      revenueShare: '收入占比',
      customers: '客户数',
      revenue: '收入',
      heatmapTitle: 'R × F 分布',
      heatmapHint: '每格为该 R 分与 F 分组合下的客户数；越靠上越近期购买，越靠右购买越频繁。',
      fAxis: 'F 分（购买频次）',
      rAxis: 'R 分（5 = 最近）',
      fScore: 'F {{score}} 分',
      rScore: 'R {{score}} 分',
      cell: '客户数',
    },
    method: {
      title: '计算方法',
      intro:
        '只统计“计入订单”：状态为已付款或已完成且金额大于 0、下单日期不晚于统计日期的订单。没有计入订单的客户不参与评分。',
      r: 'R（最近一次购买）：统计日期距最近一笔计入订单的天数，天数越少得分越高。',
      f: 'F（购买频次）：计入订单的笔数，越多得分越高。',
      m: 'M（购买金额）：计入订单的金额合计，越高得分越高。',
      scores:
        '每项按全工作区客户的五分位切点打 1–5 分；某项得分高于该项的平均分即为“高”，三项高低组合成八类客户。',
      dimension: '指标',
      cuts: '五分位切点',
      direction: '得分规则',
      mean: '平均分',
      rName: 'R 最近购买（天）',
      fName: 'F 购买频次（单）',
      mName: 'M 购买金额',
      rDirection: '天数越少分越高',
      fDirection: '单数越多分越高',
      mDirection: '金额越高分越高',
    },
    empty: {
      title: '暂无可评分的客户',
      description:
        '客户需要至少一笔已付款或已完成、金额大于 0 的订单才能参与 RFM 评分。录入订单后再来查看，或换一个统计日期。',
    },
  },
};

export default zhCN;
