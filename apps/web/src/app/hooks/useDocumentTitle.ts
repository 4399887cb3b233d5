import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab title: `<page> - Stratum CRM`, or just the app title without a page. */
export function useDocumentTitle(page?: string, exact?: string): void {
  const { t } = useTranslation();
  const title = exact ?? (page ? t('app.pageTitle', { page }) : t('app.title'));
  useEffect(() => {
    document.title = title;
  }, [title]);
}
