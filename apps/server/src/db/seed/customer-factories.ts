// Pure, seeded factories for Customer 360 records: what the demo loads and what tests build from.
// Nothing here touches the database; every function takes the Rng it draws from.
import type { CreateContactBody, CreateCustomerBody, CreateProductBody } from '@stratum/contracts';
import { chance, sample, weighted, type Rng } from './random.ts';
import { chineseName } from './factories.ts';

// ─── Money ──────────────────────────────────────────────────────────────────────────────────────────

/** Integer cents → exact decimal string ("1234.50"); money is never summed as a float. */
export function centsToMoney(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const frac = abs % 100;
  return `${sign}${Math.floor(abs / 100)}.${frac < 10 ? '0' : ''}${frac}`;
}

/** Exact decimal string ("1234.5", "-3.25", "12") → integer cents. */
export function moneyToCents(money: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(money.trim());
  if (!m) throw new Error(`not a money amount: ${money}`);
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

// ─── Geography ──────────────────────────────────────────────────────────────────────────────────────

interface City {
  city: string;
  areaCode: string;
  districts: readonly string[];
}
interface Province {
  province: string;
  /** As written at the start of an address. */
  full: string;
  weight: number;
  cities: readonly City[];
}

/** Real provinces and cities with their telephone area codes, weighted toward the east coast. */
export const PROVINCES: readonly Province[] = [
  {
    province: '浙江',
    full: '浙江省',
    weight: 16,
    cities: [
      { city: '杭州', areaCode: '0571', districts: ['西湖区', '余杭区', '萧山区', '滨江区', '拱墅区'] },
      { city: '宁波', areaCode: '0574', districts: ['鄞州区', '北仑区', '海曙区', '江北区'] },
      { city: '温州', areaCode: '0577', districts: ['鹿城区', '瓯海区', '龙湾区'] },
      { city: '绍兴', areaCode: '0575', districts: ['越城区', '柯桥区', '上虞区'] },
      { city: '台州', areaCode: '0576', districts: ['椒江区', '黄岩区', '路桥区'] },
    ],
  },
  {
    province: '江苏',
    full: '江苏省',
    weight: 14,
    cities: [
      { city: '南京', areaCode: '025', districts: ['鼓楼区', '江宁区', '建邺区', '玄武区'] },
      { city: '苏州', areaCode: '0512', districts: ['工业园区', '吴中区', '相城区', '姑苏区', '昆山市'] },
      { city: '无锡', areaCode: '0510', districts: ['滨湖区', '新吴区', '梁溪区'] },
      { city: '常州', areaCode: '0519', districts: ['武进区', '新北区', '天宁区'] },
      { city: '南通', areaCode: '0513', districts: ['崇川区', '通州区', '海门区'] },
    ],
  },
  {
    province: '广东',
    full: '广东省',
    weight: 15,
    cities: [
      { city: '广州', areaCode: '020', districts: ['天河区', '白云区', '番禺区', '黄埔区', '海珠区'] },
      { city: '深圳', areaCode: '0755', districts: ['南山区', '宝安区', '龙岗区', '福田区', '龙华区'] },
      { city: '东莞', areaCode: '0769', districts: ['长安镇', '虎门镇', '松山湖', '南城街道'] },
      { city: '佛山', areaCode: '0757', districts: ['顺德区', '南海区', '禅城区'] },
      { city: '中山', areaCode: '0760', districts: ['火炬开发区', '小榄镇', '石岐街道'] },
    ],
  },
  {
    province: '上海',
    full: '上海市',
    weight: 9,
    cities: [
      {
        city: '上海',
        areaCode: '021',
        districts: ['浦东新区', '闵行区', '嘉定区', '松江区', '徐汇区', '宝山区'],
      },
    ],
  },
  {
    province: '北京',
    full: '北京市',
    weight: 5,
    cities: [
      { city: '北京', areaCode: '010', districts: ['朝阳区', '海淀区', '大兴区', '丰台区', '顺义区'] },
    ],
  },
  {
    province: '山东',
    full: '山东省',
    weight: 7,
    cities: [
      { city: '济南', areaCode: '0531', districts: ['历下区', '槐荫区', '历城区'] },
      { city: '青岛', areaCode: '0532', districts: ['黄岛区', '城阳区', '市南区', '李沧区'] },
      { city: '烟台', areaCode: '0535', districts: ['芝罘区', '莱山区', '福山区'] },
      { city: '潍坊', areaCode: '0536', districts: ['奎文区', '潍城区', '寒亭区'] },
    ],
  },
  {
    province: '福建',
    full: '福建省',
    weight: 6,
    cities: [
      { city: '福州', areaCode: '0591', districts: ['鼓楼区', '仓山区', '马尾区'] },
      { city: '厦门', areaCode: '0592', districts: ['思明区', '湖里区', '集美区', '海沧区'] },
      { city: '泉州', areaCode: '0595', districts: ['丰泽区', '晋江市', '石狮市'] },
    ],
  },
  {
    province: '安徽',
    full: '安徽省',
    weight: 3,
    cities: [{ city: '合肥', areaCode: '0551', districts: ['蜀山区', '包河区', '庐阳区'] }],
  },
  {
    province: '湖北',
    full: '湖北省',
    weight: 3,
    cities: [{ city: '武汉', areaCode: '027', districts: ['江汉区', '洪山区', '东西湖区', '汉阳区'] }],
  },
  {
    province: '四川',
    full: '四川省',
    weight: 3,
    cities: [{ city: '成都', areaCode: '028', districts: ['武侯区', '锦江区', '双流区', '郫都区'] }],
  },
  {
    province: '河南',
    full: '河南省',
    weight: 2.5,
    cities: [{ city: '郑州', areaCode: '0371', districts: ['金水区', '二七区', '中原区'] }],
  },
  {
    province: '湖南',
    full: '湖南省',
    weight: 2.5,
    cities: [{ city: '长沙', areaCode: '0731', districts: ['岳麓区', '雨花区', '开福区'] }],
  },
  {
    province: '天津',
    full: '天津市',
    weight: 2,
    cities: [{ city: '天津', areaCode: '022', districts: ['滨海新区', '西青区', '南开区'] }],
  },
  {
    province: '重庆',
    full: '重庆市',
    weight: 2,
    cities: [{ city: '重庆', areaCode: '023', districts: ['渝北区', '九龙坡区', '江北区'] }],
  },
  {
    province: '陕西',
    full: '陕西省',
    weight: 1.5,
    cities: [{ city: '西安', areaCode: '029', districts: ['雁塔区', '未央区', '长安区'] }],
  },
  {
    province: '河北',
    full: '河北省',
    weight: 1.5,
    cities: [{ city: '石家庄', areaCode: '0311', districts: ['长安区', '裕华区', '桥西区'] }],
  },
  {
    province: '辽宁',
    full: '辽宁省',
    weight: 1.5,
    cities: [
      { city: '沈阳', areaCode: '024', districts: ['和平区', '浑南区', '铁西区'] },
      { city: '大连', areaCode: '0411', districts: ['甘井子区', '金州区', '沙河口区'] },
    ],
  },
  {
    province: '江西',
    full: '江西省',
    weight: 1,
    cities: [{ city: '南昌', areaCode: '0791', districts: ['红谷滩区', '青山湖区', '西湖区'] }],
  },
  {
    province: '广西',
    full: '广西壮族自治区',
    weight: 1,
    cities: [{ city: '南宁', areaCode: '0771', districts: ['青秀区', '西乡塘区', '江南区'] }],
  },
];

/** Provinces a 华南 team covers (the rest of the demo's territory is 华东's). */
export const SOUTH_CHINA = new Set(['广东', '福建', '广西']);

const pickProvince = weighted(PROVINCES.map((p) => [p, p.weight] as const));
const ROADS = [
  '人民路',
  '解放路',
  '中山路',
  '建设路',
  '文化路',
  '工业大道',
  '科技路',
  '创业路',
  '长江路',
  '新华路',
  '环城东路',
  '学府路',
  '兴业路',
  '发展大道',
  '金桥路',
  '望江路',
];

export interface Location {
  province: string;
  city: string;
  areaCode: string;
  address: string;
}

export function locationFactory(rng: Rng): Location {
  const p = pickProvince(rng);
  const c = rng.pick(p.cities);
  const municipality = p.full.endsWith('市') && p.cities.length === 1 && c.city === p.province;
  let address = `${municipality ? '' : p.full}${c.city}市${rng.pick(c.districts)}${rng.pick(ROADS)}${rng.int(1, 999)}号`;
  if (chance(rng, 0.45))
    address += chance(rng, 0.5)
      ? `${rng.int(1, 12)}栋${rng.int(1, 18)}楼`
      : `${rng.int(1, 30)}0${rng.int(1, 9)}室`;
  return { province: p.province, city: c.city, areaCode: c.areaCode, address };
}

// ─── Contact details ────────────────────────────────────────────────────────────────────────────────

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '175',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '195',
  '198',
  '199',
];

const digits = (rng: Rng, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
};

/** A mobile number as in mainland China: 11 digits, 1[3-9]x prefix. */
export function mobilePhone(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + digits(rng, 8);
}

/** A landline with its area code, e.g. 0571-87654321 (local numbers do not start with 0 or 1). */
export function landline(rng: Rng, areaCode: string): string {
  return `${areaCode}-${rng.int(2, 8)}${digits(rng, 7)}`;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** A WeChat id: the auto-generated wxid_… or a chosen one (letter first, 6–20 characters). */
export function wechatId(rng: Rng, pinyin?: string): string {
  if (!pinyin || chance(rng, 0.35)) {
    let s = 'wxid_';
    for (let i = 0; i < 12; i++) s += ALNUM[rng.int(0, ALNUM.length - 1)];
    return s;
  }
  const base = pinyin.replace(/[^a-z]/g, '').slice(0, 14);
  return chance(rng, 0.5) ? `${base}${rng.int(1, 99)}` : `${base}_${rng.int(1970, 2005)}`;
}

/** A personal address at a Chinese mail provider. */
export function personalEmail(rng: Rng, pinyin: string): string {
  const r = rng.next();
  if (r < 0.45) return `${rng.int(1, 9)}${digits(rng, rng.int(6, 9))}@qq.com`;
  const handle = pinyin.replace(/[^a-z]/g, '');
  if (r < 0.75) return `${handle}${rng.int(1, 99)}@163.com`;
  if (r < 0.9) return `${handle}${rng.int(1970, 2005)}@126.com`;
  return `${handle}@foxmail.com`;
}

// ─── Companies ──────────────────────────────────────────────────────────────────────────────────────

export const INDUSTRIES = [
  '制造业',
  '批发零售',
  '信息技术',
  '餐饮',
  '医疗健康',
  '教育培训',
  '建筑工程',
  '物流运输',
  '电子商务',
  '服装纺织',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

const INDUSTRY_WEIGHTS: Record<Industry, number> = {
  制造业: 26,
  批发零售: 14,
  信息技术: 9,
  餐饮: 6,
  医疗健康: 6,
  教育培训: 5,
  建筑工程: 10,
  物流运输: 9,
  电子商务: 8,
  服装纺织: 7,
};
const pickIndustry = weighted(INDUSTRIES.map((i) => [i, INDUSTRY_WEIGHTS[i]] as const));

/** Words naming the line of business in a company name, by industry. */
const TRADE_WORDS: Record<Industry, readonly string[]> = {
  制造业: [
    '机械设备',
    '精密机械',
    '五金制品',
    '模具',
    '自动化设备',
    '塑胶制品',
    '汽车零部件',
    '电子',
    '新材料',
  ],
  批发零售: ['商贸', '百货', '贸易', '日用品', '商业连锁'],
  信息技术: ['信息技术', '软件', '网络科技', '数据科技', '智能科技'],
  餐饮: ['餐饮管理', '食品', '酒店管理', '餐饮连锁'],
  医疗健康: ['医疗器械', '生物科技', '健康管理', '医药'],
  教育培训: ['教育科技', '教育咨询', '文化传播', '职业培训'],
  建筑工程: ['建设工程', '建筑装饰', '建材', '市政工程', '钢结构工程'],
  物流运输: ['物流', '供应链管理', '运输', '货运代理'],
  电子商务: ['电子商务', '网络科技', '电商'],
  服装纺织: ['服饰', '纺织', '服装', '制衣', '针织'],
};

/** 字号: the distinctive part of a company name, with pinyin for its web domain. */
const TRADE_NAMES: readonly [string, string][] = [
  ['恒瑞', 'hengrui'],
  ['华信', 'huaxin'],
  ['鑫达', 'xinda'],
  ['宏远', 'hongyuan'],
  ['金鼎', 'jinding'],
  ['瑞丰', 'ruifeng'],
  ['永盛', 'yongsheng'],
  ['天成', 'tiancheng'],
  ['博远', 'boyuan'],
  ['嘉禾', 'jiahe'],
  ['汇通', 'huitong'],
  ['德胜', 'desheng'],
  ['泰和', 'taihe'],
  ['隆昌', 'longchang'],
  ['盛世', 'shengshi'],
  ['康达', 'kangda'],
  ['亿丰', 'yifeng'],
  ['诚信', 'chengxin'],
  ['宇航', 'yuhang'],
  ['东方', 'dongfang'],
  ['万通', 'wantong'],
  ['安泰', 'antai'],
  ['富源', 'fuyuan'],
  ['明辉', 'minghui'],
  ['振华', 'zhenhua'],
  ['鸿运', 'hongyun'],
  ['利达', 'lida'],
  ['三和', 'sanhe'],
  ['同创', 'tongchuang'],
  ['联众', 'lianzhong'],
  ['华美', 'huamei'],
  ['锦程', 'jincheng'],
  ['星辰', 'xingchen'],
  ['蓝海', 'lanhai'],
  ['立信', 'lixin'],
  ['国泰', 'guotai'],
  ['长青', 'changqing'],
  ['佳信', 'jiaxin'],
  ['海纳', 'haina'],
  ['卓越', 'zhuoyue'],
  ['远航', 'yuanhang'],
  ['精工', 'jinggong'],
  ['创新', 'chuangxin'],
  ['鼎盛', 'dingsheng'],
  ['荣昌', 'rongchang'],
  ['顺发', 'shunfa'],
  ['和泰', 'hetai'],
  ['正源', 'zhengyuan'],
  ['天瑞', 'tianrui'],
  ['金桥', 'jinqiao'],
  ['银河', 'yinhe'],
  ['飞腾', 'feiteng'],
  ['百川', 'baichuan'],
  ['润达', 'runda'],
  ['思源', 'siyuan'],
  ['华锐', 'huarui'],
  ['晨阳', 'chenyang'],
  ['旭日', 'xuri'],
  ['骏马', 'junma'],
  ['启明', 'qiming'],
  ['同德', 'tongde'],
  ['聚力', 'juli'],
  ['信和', 'xinhe'],
  ['中拓', 'zhongtuo'],
  ['新宇', 'xinyu'],
  ['广源', 'guangyuan'],
  ['凯达', 'kaida'],
  ['华阳', 'huayang'],
  ['金诚', 'jincheng'],
  ['永兴', 'yongxing'],
  ['大地', 'dadi'],
  ['万嘉', 'wanjia'],
  ['恒通', 'hengtong'],
  ['德邦', 'debang'],
  ['美嘉', 'meijia'],
  ['优品', 'youpin'],
  ['泽润', 'zerun'],
  ['天和', 'tianhe'],
  ['宏达', 'hongda'],
  ['兴旺', 'xingwang'],
];

export const SIZE_BAND_WEIGHTS = [
  ['1-9', 22],
  ['10-49', 36],
  ['50-199', 26],
  ['200-999', 12],
  ['1000+', 4],
] as const;
export type SizeBand = (typeof SIZE_BAND_WEIGHTS)[number][0];
const pickSize = weighted(SIZE_BAND_WEIGHTS);

const pickSource = weighted([
  ['referral', 22],
  ['website', 14],
  ['exhibition', 16],
  ['cold_call', 14],
  ['wechat', 14],
  ['partner', 9],
  ['advertising', 6],
  ['other', 5],
] as const);

const COMPANY_NOTES = [
  '一般纳税人，需开增值税专用发票',
  '月结30天，每月25日前对账',
  '采购走招标流程，每年三月定供应商',
  '老板是老乡，关系较好',
  '对价格敏感，比价三家以上',
  '送货需提前一天预约，厂区限高',
  '年底有集中采购预算',
];

/** The fields of a new customer (as the API takes them, owner aside). */
export type CustomerDraft = Omit<CreateCustomerBody, 'ownerId' | 'customFields'> & {
  kind: 'company' | 'individual';
  status: 'potential' | 'active' | 'dormant' | 'lost';
};

export interface CompanyOptions {
  industry?: Industry;
  sizeBand?: SizeBand;
  /** Names already used: a clash draws again (up to a few times) so names stay distinct. */
  taken?: Set<string>;
  externalId?: string | null;
}

function companyName(
  rng: Rng,
  city: string,
  industry: Industry,
  sizeBand: SizeBand,
): { name: string; pinyin: string } {
  const [trade, pinyin] = rng.pick(TRADE_NAMES);
  const word = rng.pick(TRADE_WORDS[industry]);
  const big = sizeBand === '1000+' || sizeBand === '200-999';
  let suffix: string;
  const r = rng.next();
  if (big && r < 0.25) suffix = sizeBand === '1000+' ? '集团有限公司' : '股份有限公司';
  else if (/科技|软件|信息|电子|材料|贸|商|连锁|管理|工程/.test(word) || r < 0.6) suffix = '有限公司';
  else if (/百货|日用|服|纺|制衣|针织|食品|五金|塑胶/.test(word)) suffix = '贸易有限公司';
  else suffix = r < 0.85 ? '科技有限公司' : '有限公司';
  return { name: `${city}${trade}${word}${suffix}`, pinyin };
}

/** A company customer, e.g. 杭州恒瑞机械设备有限公司 with a landline, a web domain and an info@ address. */
export function companyFactory(rng: Rng, opts: CompanyOptions = {}): CustomerDraft {
  const industry = opts.industry ?? pickIndustry(rng);
  const sizeBand = opts.sizeBand ?? pickSize(rng);
  const loc = locationFactory(rng);
  let named = companyName(rng, loc.city, industry, sizeBand);
  for (let i = 0; i < 8 && opts.taken?.has(named.name); i++)
    named = companyName(rng, loc.city, industry, sizeBand);
  opts.taken?.add(named.name);
  const domain = `${named.pinyin}${chance(rng, 0.5) ? '' : rng.pick(['tech', 'group', 'gs', 'co', String(rng.int(1, 99))])}.${rng.pick(['com', 'com.cn', 'cn'])}`;
  const hasSite = sizeBand !== '1-9' ? chance(rng, 0.6) : chance(rng, 0.2);
  return {
    name: named.name,
    kind: 'company',
    externalId: opts.externalId ?? null,
    industry,
    province: loc.province,
    city: loc.city,
    sizeBand,
    source: pickSource(rng),
    status: 'potential',
    phone: chance(rng, 0.7) ? landline(rng, loc.areaCode) : mobilePhone(rng),
    email: chance(rng, 0.7)
      ? `${rng.pick(['info', 'sales', 'purchase', 'service', 'admin'])}@${domain}`
      : null,
    wechat: chance(rng, 0.3) ? wechatId(rng, named.pinyin) : null,
    address: loc.address,
    website: hasSite ? `https://www.${domain}` : null,
    notes: chance(rng, 0.15) ? rng.pick(COMPANY_NOTES) : null,
  };
}

/** An individual customer (个体户, a shop owner, a freelancer): a person's name and mobile. */
export function individualFactory(rng: Rng, opts: { externalId?: string | null } = {}): CustomerDraft {
  const person = chineseName(rng);
  const loc = locationFactory(rng);
  return {
    name: person.name,
    kind: 'individual',
    externalId: opts.externalId ?? null,
    industry: chance(rng, 0.6) ? rng.pick(['批发零售', '餐饮', '电子商务', '服装纺织'] as const) : null,
    province: loc.province,
    city: loc.city,
    sizeBand: null,
    source: pickSource(rng),
    status: 'potential',
    phone: mobilePhone(rng),
    email: chance(rng, 0.4) ? personalEmail(rng, person.pinyin) : null,
    wechat: chance(rng, 0.75) ? wechatId(rng, person.pinyin) : null,
    address: chance(rng, 0.6) ? loc.address : null,
    website: null,
    notes: null,
  };
}

/** A customer: mostly companies, about one in twelve an individual. */
export function customerFactory(rng: Rng, opts: CompanyOptions = {}): CustomerDraft {
  return chance(rng, 0.08) ? individualFactory(rng, opts) : companyFactory(rng, opts);
}

/** ERP-000123: the id a customer has in the user's accounting system. */
export function externalId(n: number): string {
  return `ERP-${String(n).padStart(6, '0')}`;
}

// ─── Contacts ───────────────────────────────────────────────────────────────────────────────────────

const DECISION_TITLES = ['总经理', '总经理', '副总经理', '采购经理', '采购经理', '董事长', '运营总监'];
const OTHER_TITLES = [
  '采购专员',
  '财务主管',
  '财务经理',
  '技术总监',
  '生产主管',
  '行政经理',
  '仓库主管',
  '项目经理',
  '采购主管',
  '出纳',
];
const CONTACT_NOTES = [
  '负责日常下单',
  '对账找她',
  '只在工作日回复微信',
  '喜欢电话沟通',
  '决策需报集团审批',
  '新任负责人',
];

export type ContactDraft = Omit<CreateContactBody, 'customerId'>;

/** A person at a company; with a company domain, a work email at it. */
export function contactFactory(
  rng: Rng,
  opts: { decisionMaker?: boolean; domain?: string | null } = {},
): ContactDraft {
  const person = chineseName(rng);
  const decisionMaker = opts.decisionMaker ?? false;
  const email =
    opts.domain && chance(rng, 0.7)
      ? `${person.pinyin}@${opts.domain}`
      : chance(rng, 0.4)
        ? personalEmail(rng, person.pinyin)
        : null;
  return {
    name: person.name,
    title: rng.pick(decisionMaker ? DECISION_TITLES : OTHER_TITLES),
    phone: mobilePhone(rng),
    email,
    wechat: chance(rng, 0.8) ? wechatId(rng, person.pinyin) : null,
    isDecisionMaker: decisionMaker,
    notes: chance(rng, 0.1) ? rng.pick(CONTACT_NOTES) : null,
  };
}

/** 1–4 contacts of a company (bigger companies have more), exactly one of them the decision maker. */
export function contactsFor(rng: Rng, customer: CustomerDraft): ContactDraft[] {
  if (customer.kind === 'individual') {
    return [
      {
        name: customer.name,
        title: null,
        phone: customer.phone ?? null,
        email: customer.email ?? null,
        wechat: customer.wechat ?? null,
        isDecisionMaker: true,
        notes: null,
      },
    ];
  }
  const big = customer.sizeBand === '200-999' || customer.sizeBand === '1000+';
  const n = big ? rng.int(2, 4) : rng.pick([1, 1, 2, 2, 2, 3, 3, 4]);
  const domain = customer.email
    ? customer.email.split('@')[1]
    : customer.website?.replace(/^https:\/\/www\./, '');
  return Array.from({ length: n }, (_, i) => contactFactory(rng, { decisionMaker: i === 0, domain }));
}

// ─── Products ───────────────────────────────────────────────────────────────────────────────────────

export interface CatalogueProduct {
  sku: string;
  name: string;
  category: string;
  unitPriceCents: number;
}

/** The catalogue of a B2B industrial and office supplies distributor (工业品 / 办公用品 MRO). */
export const PRODUCT_CATALOGUE: readonly CatalogueProduct[] = [
  { sku: 'OF-1001', name: 'A4 复印纸 70g（5包/箱）', category: '办公用品', unitPriceCents: 12_800 },
  { sku: 'OF-1002', name: '中性笔 0.5mm 黑色（12支/盒）', category: '办公用品', unitPriceCents: 1_800 },
  { sku: 'OF-1003', name: '文件夹 A4 双强力夹（24个/箱）', category: '办公用品', unitPriceCents: 9_600 },
  { sku: 'OF-1004', name: '便利贴 76×76mm（12本/包）', category: '办公用品', unitPriceCents: 2_400 },
  { sku: 'OF-1005', name: '兼容硒鼓 88A', category: '办公用品', unitPriceCents: 16_800 },
  { sku: 'EQ-2001', name: '黑白激光打印机 A4', category: '办公设备', unitPriceCents: 129_900 },
  { sku: 'EQ-2002', name: '碎纸机 5级保密', category: '办公设备', unitPriceCents: 89_900 },
  { sku: 'EQ-2003', name: '商务投影仪 4000流明', category: '办公设备', unitPriceCents: 359_900 },
  { sku: 'EQ-2004', name: '人体工学办公椅', category: '办公设备', unitPriceCents: 69_900 },
  { sku: 'PP-3001', name: '丁腈劳保手套（100只/盒）', category: '劳保用品', unitPriceCents: 4_500 },
  { sku: 'PP-3002', name: 'ABS 安全帽', category: '劳保用品', unitPriceCents: 3_500 },
  { sku: 'PP-3003', name: '防冲击护目镜', category: '劳保用品', unitPriceCents: 2_200 },
  { sku: 'PP-3004', name: '钢头防砸劳保鞋', category: '劳保用品', unitPriceCents: 16_800 },
  { sku: 'PP-3005', name: 'KN95 防护口罩（50只/盒）', category: '劳保用品', unitPriceCents: 8_900 },
  { sku: 'HW-4001', name: '18V 锂电冲击钻', category: '五金工具', unitPriceCents: 59_900 },
  { sku: 'HW-4002', name: '套筒扳手套装 32件', category: '五金工具', unitPriceCents: 26_800 },
  { sku: 'HW-4003', name: '角磨机 100mm', category: '五金工具', unitPriceCents: 32_900 },
  { sku: 'HW-4004', name: '钢卷尺 5m（10把/盒）', category: '五金工具', unitPriceCents: 19_900 },
  { sku: 'CL-5001', name: '工业擦拭纸（箱）', category: '清洁用品', unitPriceCents: 15_600 },
  { sku: 'CL-5002', name: '多用途清洁剂 5L', category: '清洁用品', unitPriceCents: 6_800 },
  { sku: 'CL-5003', name: '加厚垃圾袋（500只）', category: '清洁用品', unitPriceCents: 7_500 },
  { sku: 'PK-6001', name: '封箱胶带 48mm（48卷/箱）', category: '包装材料', unitPriceCents: 13_200 },
  { sku: 'PK-6002', name: '五层瓦楞纸箱 大号（50个）', category: '包装材料', unitPriceCents: 26_000 },
  { sku: 'PK-6003', name: '缠绕膜 50cm（6卷/箱）', category: '包装材料', unitPriceCents: 19_800 },
  { sku: 'PK-6004', name: '气泡膜 1.2m×100m', category: '包装材料', unitPriceCents: 8_500 },
  { sku: 'EL-7001', name: 'BV2.5 铜芯电线（100m/卷）', category: '电气配件', unitPriceCents: 28_900 },
  { sku: 'EL-7002', name: 'LED T8 灯管 1.2m（25支/箱）', category: '电气配件', unitPriceCents: 37_500 },
  { sku: 'EL-7003', name: '小型断路器 C32', category: '电气配件', unitPriceCents: 4_800 },
  { sku: 'EQ-8001', name: '塑料托盘 1200×1000', category: '仓储设备', unitPriceCents: 28_500 },
  { sku: 'EQ-8002', name: '轻型货架 四层', category: '仓储设备', unitPriceCents: 52_000 },
  { sku: 'EQ-8003', name: '螺杆空压机 7.5kW', category: '仓储设备', unitPriceCents: 899_900 },
];

/** The catalogue as the products API takes it. */
export function productCatalogue(): CreateProductBody[] {
  return PRODUCT_CATALOGUE.map((p) => ({
    sku: p.sku,
    name: p.name,
    category: p.category,
    unitPrice: centsToMoney(p.unitPriceCents),
    active: true,
  }));
}

/** What each industry mostly buys from the catalogue. */
const INDUSTRY_CATEGORIES: Record<Industry, readonly string[]> = {
  制造业: ['劳保用品', '五金工具', '电气配件', '包装材料', '仓储设备'],
  批发零售: ['包装材料', '办公用品', '清洁用品', '仓储设备'],
  信息技术: ['办公用品', '办公设备'],
  餐饮: ['清洁用品', '劳保用品', '办公用品'],
  医疗健康: ['清洁用品', '办公用品', '劳保用品'],
  教育培训: ['办公用品', '办公设备'],
  建筑工程: ['劳保用品', '五金工具', '电气配件'],
  物流运输: ['包装材料', '劳保用品', '仓储设备'],
  电子商务: ['包装材料', '办公用品'],
  服装纺织: ['包装材料', '劳保用品', '清洁用品'],
};

/** The 1–3 catalogue categories a customer of this industry buys most. */
export function preferredCategories(rng: Rng, industry: string | null | undefined): string[] {
  const cats = INDUSTRY_CATEGORIES[industry as Industry] ?? ['办公用品', '清洁用品', '包装材料'];
  return sample(rng, cats, rng.int(1, Math.min(3, cats.length)));
}

export interface LineDraft {
  /** Index into the catalogue the lines were drawn from. */
  product: number;
  productName: string;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
}

const niceQuantity = (q: number) =>
  q >= 200
    ? Math.round(q / 50) * 50
    : q >= 40
      ? Math.round(q / 10) * 10
      : q >= 12
        ? Math.round(q / 2) * 2
        : q;

/**
 * 1–4 order lines worth about `targetCents` together, from the customer's preferred categories mostly.
 * Each line is an integer quantity × a unit price in cents (the catalogue price less the customer's
 * discount), so amounts are exact.
 */
export function orderLinesFactory(
  rng: Rng,
  catalogue: readonly CatalogueProduct[],
  targetCents: number,
  opts: { categories?: readonly string[]; discount?: number } = {},
): LineDraft[] {
  const n = Math.min(
    4,
    1 + Math.floor(rng.next() * (targetCents > 500_000 ? 4 : targetCents > 100_000 ? 3 : 2)),
  );
  const preferred = opts.categories?.length
    ? catalogue.map((_, i) => i).filter((i) => opts.categories!.includes(catalogue[i]!.category))
    : [];
  const chosen = new Set<number>();
  const lines: LineDraft[] = [];
  for (let k = 0; k < n; k++) {
    const share = targetCents / n;
    // Prefer a product whose price suits the line's value: not a 36 000-yuan compressor for a 200-yuan line,
    // not 20 000 pens for a 400 000-yuan one.
    let product = -1;
    for (let attempt = 0; attempt < 6; attempt++) {
      const pool = preferred.length && chance(rng, 0.8) ? preferred : null;
      const i = pool ? rng.pick(pool) : rng.int(0, catalogue.length - 1);
      const price = catalogue[i]!.unitPriceCents;
      if (chosen.has(i)) continue;
      product = i;
      if (price <= share * 1.5 && share / price <= 600) break;
    }
    if (product < 0) break;
    chosen.add(product);
    const p = catalogue[product]!;
    const unit = Math.max(1, Math.round(p.unitPriceCents * (opts.discount ?? 1)));
    const quantity = Math.max(1, niceQuantity(Math.round((share * (0.6 + 0.8 * rng.next())) / unit)));
    lines.push({
      product,
      productName: p.name,
      quantity,
      unitPriceCents: unit,
      amountCents: quantity * unit,
    });
  }
  return lines;
}

// ─── Follow-ups and service ─────────────────────────────────────────────────────────────────────────

export const FOLLOWUP_TYPE_WEIGHTS = [
  ['call', 34],
  ['wechat', 30],
  ['visit', 12],
  ['email', 8],
  ['meeting', 5],
  ['note', 11],
] as const;
export type FollowupType = (typeof FOLLOWUP_TYPE_WEIGHTS)[number][0];
export const pickFollowupType = weighted(FOLLOWUP_TYPE_WEIGHTS);

/** Where the relationship stands when the follow-up happens: it shapes what was talked about. */
export type FollowupStage = 'prospect' | 'customer' | 'slipping' | 'lost';

const FOLLOWUP_TEXT: Record<FollowupType, Partial<Record<FollowupStage | 'any', readonly string[]>>> = {
  call: {
    prospect: [
      '初次电话联系{contact}，介绍了公司主营的{category}，客户表示有需求时再联系',
      '电话回复客户官网留言，客户想了解{product}的价格和交期',
      '电话沟通采购需求，客户目前有固定供应商，愿意比价',
    ],
    customer: [
      '电话沟通了下季度采购计划，客户对新品感兴趣',
      '电话回访{contact}，确认上批{category}已到货，使用反馈良好',
      '{contact}来电询问{product}的批量价格，已答应本周内给报价',
      '电话跟进回款进度，财务表示月底前安排付款',
      '电话沟通年度框架协议续签，客户希望价格再降3%',
      '电话确认{month}月订单的送货时间和收货人',
    ],
    slipping: [
      '客户近几个月没有下单，电话了解原因，称今年订单减少、压缩采购',
      '电话回访，客户反映上次交货延迟，正在试用其他供应商',
      '电话未接通，已发短信说明来意',
    ],
    lost: ['回访流失客户，对方已换供应商，主要是价格原因', '电话联系，前采购已离职，新负责人暂无合作意向'],
  },
  wechat: {
    prospect: [
      '微信发送了公司介绍和{category}产品目录',
      '通过展会名片加了{contact}微信，发了报价单',
      '微信跟进报价，客户说在走内部审批',
    ],
    customer: [
      '微信发送了{category}新品目录和报价单',
      '微信沟通发货时间，客户要求周五前送达',
      '客户微信咨询{product}的库存，已确认现货',
      '微信推送618活动政策，客户表示会考虑提前备货',
      '微信推送双11备货优惠，{contact}说下周下单',
      '微信确认收货地址变更为新厂区',
      '春节前备货提醒已发，客户计划节前补一批{category}',
    ],
    slipping: [
      '微信问候{contact}，顺带了解近期采购安排，对方回复暂时不需要',
      '微信发了老客户回购优惠，暂未回复',
    ],
    lost: ['微信问候，客户表示明年有新项目再联系'],
  },
  visit: {
    prospect: [
      '上门拜访{contact}，了解了客户的{category}用量，留下样品',
      '陪同经理拜访客户，介绍公司服务能力，客户要求提供资质文件',
    ],
    customer: [
      '上门拜访{contact}{title}，参观了生产车间，了解到{category}用量较大',
      '拜访客户，带了{product}样品，试用后反馈不错',
      '陪同经理拜访客户高层，沟通明年合作方向',
      '到客户仓库盘点库存，建议设置安全库存自动补货',
    ],
    slipping: ['上门拜访了解停购原因，客户对价格和账期有意见，已反馈公司'],
  },
  email: {
    any: [
      '邮件发送正式报价单及合同草案，请客户确认',
      '邮件回复客户关于发票信息变更的问题',
      '发送{month}月对账单，请客户财务核对',
    ],
    prospect: ['邮件发送公司介绍、资质文件和{category}报价'],
  },
  meeting: {
    any: [
      '与客户采购部、技术部开会，讨论{category}供应方案',
      '视频会议演示线上下单流程，客户计划下月开始使用',
    ],
    customer: ['参加客户年度供应商大会', '与客户开季度复盘会，对交付准时率比较满意'],
  },
  note: {
    any: ['客户对价格敏感，报价前先申请特价', '客户老板换人，新负责人为{contact}，需重新建立关系'],
    customer: ['客户在评估其他供应商，需重点关注', '客户年底有集中采购预算，十一月重点跟进'],
    slipping: ['已三个月未下单，列入重点挽回名单'],
    lost: ['客户已停止合作，原因：价格和账期，暂不跟进'],
  },
};

/** Texts about a promotion or holiday belong to the weeks before it. */
const SEASONAL: readonly [RegExp, readonly number[]][] = [
  [/618/, [5, 6]],
  [/双11/, [10, 11]],
  [/春节/, [12, 1, 2]],
  [/年底|十一月/, [9, 10, 11]],
  [/下季度/, [3, 6, 9, 12]],
];
const inSeason = (text: string, month: number | undefined) =>
  month === undefined || SEASONAL.every(([re, months]) => !re.test(text) || months.includes(month));

/** What a follow-up says, in the words a Chinese sales rep would write (seasonal texts in season only). */
export function followupContent(
  rng: Rng,
  type: FollowupType,
  stage: FollowupStage,
  ctx: {
    contact?: string | null;
    title?: string | null;
    category?: string;
    product?: string;
    month?: number;
  } = {},
): string {
  const texts = FOLLOWUP_TEXT[type];
  const pool = [...(texts[stage] ?? []), ...(texts.any ?? [])].filter((t) => inSeason(t, ctx.month));
  const template = pool.length ? rng.pick(pool) : rng.pick(FOLLOWUP_TEXT.call.customer!);
  return template
    .replaceAll('{contact}', ctx.contact ?? '客户')
    .replaceAll('{title}', ctx.title ?? '')
    .replaceAll('{category}', ctx.category ?? '办公用品')
    .replaceAll('{product}', ctx.product ?? '产品')
    .replaceAll('{month}', String(ctx.month ?? 1));
}

export const TICKET_KIND_WEIGHTS = [
  ['consultation', 45],
  ['complaint', 30],
  ['repair', 25],
] as const;
export type TicketKind = (typeof TICKET_KIND_WEIGHTS)[number][0];
export const pickTicketKind = weighted(TICKET_KIND_WEIGHTS);

const TICKET_TEXT: Record<TicketKind, readonly [string, string][]> = {
  complaint: [
    ['到货数量与订单不符', '订单{product}少发了两箱，仓库签收时已备注。'],
    ['包装破损，部分货物受潮', '物流途中外箱破损，{product}有受潮，要求补发。'],
    ['送货延迟三天，影响生产', '承诺周一送达，实际周四才到，影响产线使用。'],
    ['发票信息开错，需重开', '发票抬头税号有误，财务无法入账。'],
    ['产品质量问题：{product}批次不良', '本批次{product}不良率偏高，要求退换。'],
    ['业务员响应不及时', '微信消息两天未回复，客户不满。'],
  ],
  consultation: [
    ['咨询{product}的使用方法', '客户新员工不会使用，需要操作说明。'],
    ['询问批量采购折扣政策', '客户计划年度集中采购，询问阶梯价格。'],
    ['咨询开具增值税专用发票流程', '客户新成立，需要确认开票资料。'],
    ['咨询产品质保期', '询问{product}的质保期限和保修范围。'],
    ['询问能否月结', '客户希望由现结改为月结30天。'],
  ],
  repair: [
    ['{product}无法正常工作，申请维修', '使用三个月后出现故障，在保修期内。'],
    ['打印机卡纸频繁，需上门检修', '激光打印机频繁卡纸，影响办公。'],
    ['电钻电池无法充电', '冲击钻电池充不进电，申请更换。'],
    ['空压机运行噪音大', '空压机运行时异响，需要工程师上门检查。'],
    ['设备保修期内故障报修', '{product}开机报错，需远程或上门处理。'],
  ],
};

/** A service ticket's subject and description. */
export function ticketText(
  rng: Rng,
  kind: TicketKind,
  product = '产品',
): { subject: string; description: string } {
  const [subject, description] = rng.pick(TICKET_TEXT[kind]);
  return {
    subject: subject.replaceAll('{product}', product),
    description: description.replaceAll('{product}', product),
  };
}

/** A contract's title, e.g. 2025年度办公用品采购框架合同. */
export function contractTitle(rng: Rng, year: number, category: string): string {
  return rng.pick([
    `${year}年度${category}采购框架合同`,
    `${year}年${category}供货合同`,
    `${category}年度供货协议（${year}）`,
  ]);
}
