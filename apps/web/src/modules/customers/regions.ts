/**
 * Common provinces (short names, as customers are usually recorded: 浙江, not 浙江省) with their main
 * cities, for the province / city inputs. Free text stays possible: this is a list of suggestions.
 */
export interface Province {
  name: string;
  /** Pinyin, shown next to the name in the English UI. */
  en: string;
  cities: readonly string[];
}

export const PROVINCES: readonly Province[] = [
  { name: '北京', en: 'Beijing', cities: ['北京'] },
  { name: '上海', en: 'Shanghai', cities: ['上海'] },
  { name: '天津', en: 'Tianjin', cities: ['天津'] },
  { name: '重庆', en: 'Chongqing', cities: ['重庆'] },
  {
    name: '浙江',
    en: 'Zhejiang',
    cities: ['杭州', '宁波', '温州', '绍兴', '嘉兴', '湖州', '金华', '台州', '丽水', '衢州', '舟山'],
  },
  {
    name: '江苏',
    en: 'Jiangsu',
    cities: [
      '南京',
      '苏州',
      '无锡',
      '常州',
      '南通',
      '扬州',
      '徐州',
      '镇江',
      '泰州',
      '盐城',
      '连云港',
      '淮安',
      '宿迁',
    ],
  },
  {
    name: '广东',
    en: 'Guangdong',
    cities: ['广州', '深圳', '东莞', '佛山', '中山', '珠海', '惠州', '江门', '汕头', '湛江', '肇庆'],
  },
  {
    name: '山东',
    en: 'Shandong',
    cities: ['济南', '青岛', '烟台', '潍坊', '临沂', '淄博', '济宁', '威海', '泰安', '日照'],
  },
  {
    name: '福建',
    en: 'Fujian',
    cities: ['福州', '厦门', '泉州', '漳州', '莆田', '龙岩', '三明', '宁德', '南平'],
  },
  { name: '安徽', en: 'Anhui', cities: ['合肥', '芜湖', '蚌埠', '马鞍山', '安庆', '阜阳', '滁州', '淮南'] },
  { name: '江西', en: 'Jiangxi', cities: ['南昌', '赣州', '九江', '上饶', '宜春', '吉安', '景德镇'] },
  { name: '河南', en: 'Henan', cities: ['郑州', '洛阳', '南阳', '新乡', '许昌', '开封', '商丘', '安阳'] },
  { name: '河北', en: 'Hebei', cities: ['石家庄', '唐山', '保定', '廊坊', '邯郸', '沧州', '秦皇岛', '邢台'] },
  { name: '湖北', en: 'Hubei', cities: ['武汉', '宜昌', '襄阳', '荆州', '十堰', '黄石', '孝感'] },
  { name: '湖南', en: 'Hunan', cities: ['长沙', '株洲', '湘潭', '岳阳', '衡阳', '常德', '郴州'] },
  { name: '四川', en: 'Sichuan', cities: ['成都', '绵阳', '德阳', '宜宾', '南充', '泸州', '乐山'] },
  { name: '陕西', en: 'Shaanxi', cities: ['西安', '咸阳', '宝鸡', '榆林', '渭南', '汉中'] },
  { name: '山西', en: 'Shanxi', cities: ['太原', '大同', '长治', '晋中', '临汾', '运城'] },
  { name: '辽宁', en: 'Liaoning', cities: ['沈阳', '大连', '鞍山', '抚顺', '锦州', '营口'] },
  { name: '吉林', en: 'Jilin', cities: ['长春', '吉林', '四平', '延边', '通化'] },
  { name: '黑龙江', en: 'Heilongjiang', cities: ['哈尔滨', '大庆', '齐齐哈尔', '牡丹江', '佳木斯'] },
  { name: '云南', en: 'Yunnan', cities: ['昆明', '曲靖', '玉溪', '大理', '红河', '丽江'] },
  { name: '贵州', en: 'Guizhou', cities: ['贵阳', '遵义', '六盘水', '安顺', '毕节'] },
  { name: '广西', en: 'Guangxi', cities: ['南宁', '柳州', '桂林', '玉林', '北海', '梧州'] },
  { name: '海南', en: 'Hainan', cities: ['海口', '三亚', '儋州'] },
  { name: '甘肃', en: 'Gansu', cities: ['兰州', '天水', '酒泉', '嘉峪关', '白银'] },
  { name: '青海', en: 'Qinghai', cities: ['西宁', '海东'] },
  { name: '宁夏', en: 'Ningxia', cities: ['银川', '石嘴山', '吴忠'] },
  { name: '新疆', en: 'Xinjiang', cities: ['乌鲁木齐', '克拉玛依', '喀什', '伊犁', '昌吉'] },
  { name: '西藏', en: 'Tibet', cities: ['拉萨', '日喀则', '林芝'] },
  { name: '内蒙古', en: 'Inner Mongolia', cities: ['呼和浩特', '包头', '鄂尔多斯', '赤峰', '通辽'] },
  { name: '香港', en: 'Hong Kong', cities: ['香港'] },
  { name: '澳门', en: 'Macau', cities: ['澳门'] },
  { name: '台湾', en: 'Taiwan', cities: ['台北', '高雄', '台中', '台南', '新竹'] },
];

/** Suggested cities for a province (by its short or full name: 浙江 / 浙江省). */
export function citiesOf(province: string | null | undefined): readonly string[] {
  if (!province) return [];
  const name = province.trim().replace(/(省|市|自治区|特别行政区|壮族自治区|回族自治区|维吾尔自治区)$/, '');
  return PROVINCES.find((p) => p.name === name)?.cities ?? [];
}
