import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';

export default function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="full-page-center">
      <Result
        status="404"
        title={<span data-testid="page-title">{t('notFound.title')}</span>}
        subTitle={t('notFound.subtitle')}
        extra={
          <Link to="/" data-testid="not-found-home">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    </div>
  );
}
