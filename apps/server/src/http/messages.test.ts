import { describe, expect, it } from 'vitest';
import { messageFor, pickLang } from './messages.ts';
import { ERROR_STATUS } from './errors.ts';

describe('pickLang', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['en', 'en'],
    ['zh-TW', 'zh-CN'],
    ['fr-FR,en;q=0.5,zh;q=0.4', 'en'],
    ['fr-FR,zh;q=0.5,en;q=0.4', 'zh-CN'],
    ['zh;q=0.2,en;q=0.8', 'en'],
    ['de-DE', 'zh-CN'],
  ])('%s → %s', (header, lang) => {
    expect(pickLang(header)).toBe(lang);
  });
});

describe('messageFor', () => {
  it('has a zh-CN and an English message for every error code', () => {
    for (const code of Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[]) {
      expect(messageFor(code, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
      expect(messageFor(code, 'en')).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('fills parameters', () => {
    expect(messageFor('TOO_MANY_ATTEMPTS', 'en', { seconds: 42 })).toBe(
      'Too many attempts; try again in 42 seconds',
    );
    expect(messageFor('TEAM_NOT_EMPTY', 'zh-CN', { count: 3 })).toContain('3 名成员');
  });
});
