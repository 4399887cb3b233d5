import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/harness.ts';
import { runStatement, statement } from './raw.ts';

describe('prepared statements', () => {
  const t = useTestApp();

  it('run again and again with new placeholder values, awkward values arriving intact', async () => {
    const st = statement(
      t.db,
      sql`SELECT ${sql.placeholder('words')}::text[] AS words, ${sql.placeholder('doc')}::jsonb AS doc,
        ${sql.placeholder('n')}::int + ${5}::int AS n, ${sql.placeholder('maybe')}::text AS maybe`,
    );
    const awkward = ['say "hi"', 'back\\slash', "qu'ote", '中文，逗号', 'a,b', '{braces}', ''];
    for (const [i, words] of [awkward, ['plain'], []].entries()) {
      const { rows } = await runStatement<Record<string, unknown>>(t.db, st, {
        words,
        doc: JSON.stringify({ i, note: "it's" }),
        n: i,
        maybe: i === 1 ? null : 'x',
      });
      expect(rows).toEqual([{ words, doc: { i, note: "it's" }, n: i + 5, maybe: i === 1 ? null : 'x' }]);
    }
    // Inside a transaction too (on PGlite: the names prepared outside are found there).
    await t.db.transaction(async (tx) => {
      const { rows } = await runStatement<{ n: number }>(tx, st, { words: [], doc: '{}', n: 1, maybe: null });
      expect(rows[0]!.n).toBe(6);
    });
  });
});
