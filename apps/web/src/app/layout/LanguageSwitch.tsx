import { Button, Tooltip } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isLocale } from '../i18n/index.ts';
import { useSwitchLocale } from '../../modules/auth/hooks/useAuthActions.ts';

/**
 * Language toggle (`data-testid="lang-switch"`). Clicking it switches between 中文 (zh-CN) and
 * English (en). Its `data-lang` attribute holds the current UI language and its text names the
 * language it switches to, so a browser test switches to English with:
 *   if ((await el.getAttribute('data-lang')) !== 'en') await el.click();
 */
export function LanguageSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const { t, i18n } = useTranslation();
  const switchLocale = useSwitchLocale();
  const current = isLocale(i18n.language) ? i18n.language : 'en';
  const target = current === 'zh-CN' ? 'en' : 'zh-CN';

  return (
    <Tooltip title={t('lang.switchHint')}>
      <Button
        type={type}
        icon={<GlobalOutlined />}
        data-testid="lang-switch"
        data-lang={current}
        lang={target}
        aria-label={t('lang.switchHint')}
        onClick={() => void switchLocale(target)}
      >
        {t(`lang.${target}`)}
      </Button>
    </Tooltip>
  );
}
