import type zhCN from './zh-CN.ts';

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

/** English strings of the NPS card, the public survey page and the NPS page: the key tree of `zh-CN.ts`. */
const nps: Messages<typeof zhCN> = {
  category: {
    promoter: 'Promoter',
    passive: 'Passive',
    detractor: 'Detractor',
  },
  status: {
    open: 'Awaiting answer',
    answered: 'Answered',
    expired: 'Expired',
    revoked: 'Revoked',
  },
  channel: {
    wechat: 'WeChat',
    email: 'Email',
    sms: 'SMS',
    other: 'Other',
  },
  customer: {
    title: 'NPS survey',
    latest: 'Latest score',
    latestAt: 'Answered {{time}}',
    none: 'No answer yet. Create a survey link and send it to the customer; their score shows here.',
    create: 'Create survey link',
    channel: 'Channel',
    expiresIn: 'Valid for',
    days: '{{days}} days',
    createOk: 'Create',
    createTitle: 'Create an NPS survey link',
    createHint:
      'The link can be answered once and closes when it expires. It is shown only now: copy it and send it to the customer.',
    link: 'Survey link',
    copy: 'Copy link',
    copied: 'Link copied',
    copyFailed: 'Could not copy automatically; select the link and copy it',
    revoke: 'Revoke',
    revokeConfirm: 'The customer will no longer be able to open this link. Revoke it?',
    revoked: 'Link revoked',
    history: 'Surveys',
    sentAt: 'Sent',
    expiresAt: 'Valid until',
    score: 'Score',
    comment: 'Comment',
    createdBy: 'Sent by',
    more: 'NPS analysis',
  },
  survey: {
    title: 'Customer survey',
    from: '{{workspace}} would like your feedback',
    question: 'How likely are you to recommend us to a friend or colleague?',
    for: 'Customer: {{customer}}',
    unlikely: 'Not at all likely',
    likely: 'Extremely likely',
    comment: 'Anything else you would like to tell us? (optional)',
    commentPlaceholder: 'Your comments and suggestions',
    submit: 'Submit',
    pickScore: 'Please pick a score first',
    thanks: 'Thank you for your feedback!',
    thanksDetail: 'Your score has been submitted. We read every comment.',
    used: 'This survey has already been answered',
    usedDetail: 'Each link can be answered once. Thank you for taking part.',
    expired: 'This survey link has expired',
    expiredDetail: 'If you would still like to give feedback, ask your account manager for a new link.',
    revoked: 'This survey link is no longer valid',
    notFound: 'Survey not found',
    notFoundDetail: 'Check that the link is complete, or contact your account manager.',
    tooMany: 'Too many attempts',
    error: 'The survey cannot be loaded right now',
    retry: 'Try again',
  },
  page: {
    title: 'NPS',
    subtitle:
      'Net Promoter Score = % promoters (9–10) − % detractors (0–6); each customer counts once, by their latest answer in the period.',
    scopeHint:
      "Covers the customers you may see, narrowed by the customer's owner and team; the period is calendar days in the workspace's zone ({{zone}}), by default the last 12 months.",
    nps: 'NPS',
    responses: 'Customers who answered',
    responseRate: 'Response rate',
    responseRateHint: 'Links sent in the period that were answered ({{answered}} / {{sent}})',
    empty:
      'No NPS answers in this period. Create survey links on customer pages and send them; the results show here.',
    scheme: 'Scheme',
    view: {
      chart: 'Chart',
      table: 'Table',
    },
    export: {
      button: 'Export',
      png: 'Image (PNG)',
      xlsx: 'Data (Excel)',
      done: 'Exported',
      pngTableHint: 'Switch to the chart to export an image',
    },
    distribution: {
      title: 'Score distribution',
      hint: "Each answering customer's latest score in the period.",
      score: 'Score',
      customers: 'Customers',
    },
    bySegment: {
      title: 'NPS by segment',
      hint: 'By the segments customers are in now; a customer may be in several.',
      empty: 'No segments yet, or no answers from their members.',
    },
    byTier: {
      title: 'NPS by tier',
      hint: "By the customer's current tier in the chosen scheme.",
    },
    table: {
      group: 'Group',
      nps: 'NPS',
      responses: 'Answers',
      promoters: 'Promoters',
      passives: 'Passives',
      detractors: 'Detractors',
      sent: 'Links sent',
      rate: 'Response rate',
    },
    noResponses: 'No answers',
  },
};

export default nps;
