import { describe, expect, it } from 'vitest';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** A module's zh-CN and English texts: the same keys, the same interpolation variables (never `count`). */
export function describeModuleI18n(name: string, zhCN: object, en: object) {
  describe(`${name} i18n`, () => {
    const zh = leaves(zhCN as Tree);
    const english = leaves(en as Tree);

    it('has the same keys in both languages', () => {
      expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
    });

    it('uses the same interpolation variables, never `count`', () => {
      const vars = (s: string | undefined) =>
        [...String(s).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
      for (const [key, value] of zh) {
        expect(vars(english.get(key)), key).toEqual(vars(value));
        expect(vars(value), key).not.toContain('count');
      }
    });
  });
}
