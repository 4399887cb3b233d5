import { describe, expect, it } from 'vitest';
import { FIELDS, IMPORT_KINDS, mapHeaders } from './mapping.ts';
import { TEMPLATE_COLUMNS, templateColumns } from './templates.ts';

describe('import templates', () => {
  for (const kind of IMPORT_KINDS) {
    for (const lang of ['zh-CN', 'en'] as const) {
      it(`${kind} (${lang}): every header maps back to its own field`, () => {
        const cols = templateColumns(kind);
        // Every required field, and one field of each group (the customer by id, phone or email), is in it.
        for (const f of FIELDS[kind]) if (f.required) expect(cols.map((c) => c.key)).toContain(f.key);
        for (const group of new Set(FIELDS[kind].map((f) => f.oneOf).filter(Boolean)))
          expect(cols.some((c) => FIELDS[kind].find((f) => f.key === c.key)?.oneOf === group)).toBe(true);
        const mapping = mapHeaders(
          kind,
          cols.map((c) => c.spec.label[lang]),
        );
        expect(mapping.missing).toEqual([]);
        expect(mapping.unmapped).toEqual([]);
        cols.forEach((c, i) => expect(mapping.columns.get(c.key), c.key).toBe(i));
      });
    }
    it(`${kind}: labels every field and only its fields (the wizard names them all)`, () => {
      expect(Object.keys(TEMPLATE_COLUMNS[kind]).sort()).toEqual(FIELDS[kind].map((f) => f.key).sort());
    });
  }

  it('leaves the alternative customer keys (phone, email) out of the templates', () => {
    for (const kind of ['contacts', 'followups'] as const) {
      const keys = templateColumns(kind).map((c) => c.key);
      expect(keys).toContain('customer_external_id');
      expect(keys).not.toContain('customer_phone');
      expect(keys).not.toContain('customer_email');
    }
  });
});
