// Fixed word lists and a seeded PRNG for the fixture generator: everything the generator
// draws comes from here, so the same seed always gives the same township.

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }

  /** k distinct elements of the list, in drawing order. */
  sample<T>(list: readonly T[], k: number): T[] {
    const pool = [...list];
    const out: T[] = [];
    while (out.length < k && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }

  /** An element chosen by weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of entries) {
      x -= w;
      if (x < 0) return v;
    }
    return entries[entries.length - 1]![0];
  }

  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  }
}

/** A 32-bit seed from any parts (FNV-1a over their text): independent streams per purpose. */
export function seedOf(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0001')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function rngFor(...parts: (string | number)[]): Rng {
  return new Rng(seedOf(...parts));
}

/** Common surnames (百家姓, weighted by taking the frequent ones more than once). */
export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '王', '李', '张', '刘', '陈', '杨', '黄', '周', '吴', '徐',
] as const;

/** Given-name characters. */
export const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平',
  '刚', '桂', '英', '华', '玉', '兰', '文', '辉', '建', '国', '红', '志', '春', '海', '林', '波', '斌', '宇', '浩', '凯',
  '鹏', '晓', '燕', '丹', '琳', '雪', '梅', '荣', '生', '德', '福', '永', '长', '新', '金', '成', '家', '宏', '清', '松',
  '峰', '云', '飞', '龙', '俊', '婷', '慧', '佳', '欣', '瑶', '思', '雨', '泽', '宁', '安', '和', '顺', '贵', '元', '昌',
] as const;

/** Branches of a township: name and the 编号 prefix (pinyin initials). */
export const BRANCHES: readonly (readonly [string, string])[] = [
  ['兰溪村党支部', 'LX'],
  ['河口村党支部', 'HK'],
  ['镇直机关党支部', 'ZZ'],
  ['松山村党支部', 'SS'],
  ['石桥村党支部', 'SQ'],
  ['柳湾村党支部', 'LW'],
  ['桂花村党支部', 'GH'],
  ['茶园村党支部', 'CY'],
  ['白鹤村党支部', 'BH'],
  ['新河村党支部', 'XH'],
  ['杨柳村党支部', 'YL'],
  ['龙潭村党支部', 'LT'],
  ['枫树村党支部', 'FS'],
  ['青石村党支部', 'QS'],
  ['花园村党支部', 'HY'],
  ['大岭村党支部', 'DL'],
  ['望江村党支部', 'WJ'],
  ['竹林村党支部', 'ZL'],
  ['马家村党支部', 'MJ'],
  ['周店村党支部', 'ZD'],
  ['镇中心学校党支部', 'ZX'],
  ['镇卫生院党支部', 'WS'],
  ['城关社区党支部', 'CG'],
  ['团山村党支部', 'TS'],
  ['罗湖村党支部', 'LH'],
  ['汪岗村党支部', 'WG'],
  ['巴河村党支部', 'BA'],
  ['策山村党支部', 'CS'],
  ['余堰村党支部', 'YY'],
  ['关口村党支部', 'GK'],
];

/** The 11 volunteer posts (志愿服务岗位) of the township scheme. */
export const POSTS = [
  '政策宣传', '村务监督', '治安巡逻', '公共设施维护', '环境卫生维护', '文体健身', '信访矛盾化解', '三留守关心关爱', '精准扶贫结对帮扶', '流动党员', '家风家教',
] as const;

/** 项目 names for awards and activities (same project → highest level only). */
export const PROJECTS = [
  '防汛抗旱', '疫情防控', '乡村振兴示范', '人居环境整治', '平安建设', '脱贫攻坚回头看', '文明家庭创建', '森林防火', '秸秆禁烧', '美丽乡村建设',
  '民兵训练', '义务植树', '助学帮困', '敬老爱老', '产业发展', '招商引资',
] as const;

export const BASIS = ['支委会记录', '党员大会决定', '镇党委通报', '表彰文件', '活动签到表', '党费收缴登记', '会议签到表', '群众反映核实'] as const;
