import type { CreateUserBody, Role } from '@stratum/contracts';
import type { Rng } from './random.ts';

// Common Chinese surnames and given-name characters, with pinyin for believable work emails.
const SURNAMES: readonly [string, string][] = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['林', 'lin'],
  ['罗', 'luo'],
  ['高', 'gao'],
  ['郑', 'zheng'],
  ['梁', 'liang'],
  ['谢', 'xie'],
  ['宋', 'song'],
  ['唐', 'tang'],
  ['许', 'xu'],
  ['韩', 'han'],
  ['冯', 'feng'],
];
const GIVEN: readonly [string, string][] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['娟', 'juan'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀英', 'xiuying'],
  ['霞', 'xia'],
  ['平', 'ping'],
  ['刚', 'gang'],
  ['桂英', 'guiying'],
  ['建华', 'jianhua'],
  ['晓东', 'xiaodong'],
  ['志强', 'zhiqiang'],
  ['海燕', 'haiyan'],
  ['雪', 'xue'],
  ['婷', 'ting'],
  ['浩', 'hao'],
  ['宇', 'yu'],
  ['欣怡', 'xinyi'],
  ['子涵', 'zihan'],
];

export interface PersonName {
  name: string;
  pinyin: string;
}

export function chineseName(rng: Rng): PersonName {
  const [s, sp] = rng.pick(SURNAMES);
  const [g, gp] = rng.pick(GIVEN);
  return { name: s + g, pinyin: `${gp}.${sp}` };
}

export const DEMO_TEAMS = ['华东销售部', '华南销售部', '大客户部', '客户成功部'] as const;

/**
 * A user as the demo and the tests create them. `taken` keeps emails unique when two people share a
 * name (as they do): the second 王伟 becomes wei.wang2@…
 */
export function userFactory(
  rng: Rng,
  role: Role,
  opts: { teamId?: string | null; password: string; domain?: string; taken?: Set<string> },
): CreateUserBody {
  const person = chineseName(rng);
  const domain = opts.domain ?? 'demo.stratum.local';
  let email = `${person.pinyin}@${domain}`;
  for (let n = 2; opts.taken?.has(email); n++) email = `${person.pinyin}${n}@${domain}`;
  opts.taken?.add(email);
  return { name: person.name, email, password: opts.password, role, teamId: opts.teamId ?? null };
}
