import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN.ts';
import en from './en.ts';

type Tree = { [key: string]: string | Tree };

/** Every leaf as `dotted.path` → value; non-string leaves are reported as errors. */
function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of flatten(value, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const trees = { 'zh-CN': flatten(zhCN as Tree), en: flatten(en as Tree) };

describe('i18n resources', () => {
  it('have exactly the same keys in zh-CN and en', () => {
    const zhKeys = [...trees['zh-CN'].keys()].sort();
    const enKeys = [...trees.en.keys()].sort();
    expect(enKeys.filter((k) => !trees['zh-CN'].has(k))).toEqual([]);
    expect(zhKeys.filter((k) => !trees.en.has(k))).toEqual([]);
    expect(zhKeys.length).toBeGreaterThan(50);
  });

  it.each(Object.entries(trees))('%s has only non-empty strings', (_locale, tree) => {
    const bad = [...tree].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('uses the same interpolation variables in both languages', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const mismatched = [...trees['zh-CN']]
      .filter(([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(trees.en.get(k))))
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('has Chinese text in the zh-CN tree wherever the English one has letters', () => {
    // Catches English copied into zh-CN by mistake; brand names and placeholders are allowed.
    const allowed = new Set(['app.name', 'lang.en', 'auth.login.emailPlaceholder']);
    const untranslated = [...trees['zh-CN']]
      .filter(([k]) => !allowed.has(k) && /[A-Za-z]{3,}/.test(String(trees.en.get(k))))
      .filter(([, v]) => !/[\u4e00-\u9fff]/.test(String(v)))
      .map(([k]) => k);
    expect(untranslated).toEqual([]);
  });
});
