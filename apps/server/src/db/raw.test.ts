import { describe, expect, it } from 'vitest';
import { sqlLiteral } from './raw.ts';

describe('sqlLiteral (parameters of EXECUTE on PGlite)', () => {
  it('quotes text, numbers, booleans, dates and JSON; NULL stays bare', () => {
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(undefined)).toBe('NULL');
    expect(sqlLiteral("O'Brien; DROP TABLE x --")).toBe("'O''Brien; DROP TABLE x --'");
    expect(sqlLiteral(12.5)).toBe("'12.5'");
    expect(sqlLiteral(true)).toBe("'true'");
    expect(sqlLiteral(new Date('2026-11-23T01:02:03Z'))).toBe("'2026-11-23T01:02:03.000Z'");
    expect(sqlLiteral({ r: 2.5, note: "it's" })).toBe(`'{"r":2.5,"note":"it''s"}'`);
  });

  it('writes arrays as array literals, elements quoted and escaped', () => {
    expect(sqlLiteral(['a', 'b c'])).toBe(`'{"a","b c"}'`);
    expect(sqlLiteral([])).toBe("'{}'");
    expect(sqlLiteral(['say "hi"', 'back\\slash', "qu'ote", null])).toBe(
      `'{"say \\"hi\\"","back\\\\slash","qu''ote",NULL}'`,
    );
    expect(sqlLiteral([1, 2.5])).toBe(`'{"1","2.5"}'`);
  });
});
