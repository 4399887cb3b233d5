import { describe, expect, it } from 'vitest';
import { detectBrowserLocale, isLocale } from './locale.ts';

describe('detectBrowserLocale', () => {
  it('picks Chinese for any zh variant', () => {
    expect(detectBrowserLocale(['zh-CN', 'en-US'])).toBe('zh-CN');
    expect(detectBrowserLocale(['zh-TW'])).toBe('zh-CN');
    expect(detectBrowserLocale(['fr-FR', 'zh'])).toBe('zh-CN');
  });

  it('picks English otherwise', () => {
    expect(detectBrowserLocale(['en-GB', 'zh-CN'])).toBe('en');
    expect(detectBrowserLocale(['de-DE'])).toBe('en');
    expect(detectBrowserLocale([])).toBe('en');
  });

  it('recognises supported locales', () => {
    expect(isLocale('zh-CN')).toBe(true);
    expect(isLocale('zh')).toBe(false);
  });
});
