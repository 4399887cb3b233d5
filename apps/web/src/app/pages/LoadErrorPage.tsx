import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/useApiError.ts';

/** Full-page failure (e.g. the server is unreachable while loading the session). */
export function LoadErrorPage({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <Result
      status="error"
      title={<span data-testid="page-title">{t('errors.loadFailed')}</span>}
      subTitle={errorText(error)}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
