import { describe, expect, it } from 'vitest';
import { categoryOf, formatNps, npsColor, surveyUrl } from './nps.ts';

describe('NPS helpers', () => {
  it('puts 9–10 in promoters, 7–8 in passives and 0–6 in detractors', () => {
    expect([0, 6, 7, 8, 9, 10].map(categoryOf)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });

  it('formats the score signed with one decimal at most', () => {
    expect(formatNps(42, 'en')).toBe('+42');
    expect(formatNps(-12.5, 'en')).toBe('−12.5');
    expect(formatNps(0, 'zh-CN')).toBe('0');
    expect(formatNps(null, 'en')).toBe('—');
  });

  it('colours by band and builds the link from the path', () => {
    expect(npsColor(-1)).toBe('#f5222d');
    expect(npsColor(30)).toBe('#faad14');
    expect(npsColor(31)).toBe('#52c41a');
    expect(npsColor(null)).toBe('#bfbfbf');
    expect(surveyUrl('/s/abc', 'https://crm.example.com')).toBe('https://crm.example.com/s/abc');
  });
});
