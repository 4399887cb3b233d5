import { describe, expect, it } from 'vitest';
import { ruleFields } from './ruleText.ts';

// The rule in words is `describeRule`: its tests (tier wording included) are in customers/labels.test.ts.
describe('rule fields', () => {
  it('lists the fields a rule tests once each', () => {
    expect(
      ruleFields({
        and: [
          { field: 'a', op: 'eq', value: 1 },
          { or: [{ field: 'b', op: 'eq' }, { not: { field: 'a', op: 'eq' } }] },
        ],
      }),
    ).toEqual(['a', 'b']);
  });
});
