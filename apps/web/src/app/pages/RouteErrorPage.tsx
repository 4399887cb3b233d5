import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import NotFoundPage from './NotFoundPage.tsx';

/** Rendering or lazy-loading failure (e.g. an old tab after an upgrade): offer a reload. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  console.error(error);
  return (
    <div className="full-page-center">
      <Result
        status="error"
        title={<span data-testid="page-title">{t('errors.loadFailed')}</span>}
        subTitle={t('errors.generic')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('common.retry')}
          </Button>
        }
      />
    </div>
  );
}
