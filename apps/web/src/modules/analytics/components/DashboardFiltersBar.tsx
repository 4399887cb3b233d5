import { useTranslation } from 'react-i18next';
import { ScopeFiltersBar } from '../../../app/components/ScopeFiltersBar.tsx';
import type { DashboardFilters } from '../api-dashboards.ts';

interface Props {
  value: DashboardFilters;
  onChange: (next: DashboardFilters) => void;
}

/** Owner, team and period with a reset: one bar for every dashboard on the page (and the NPS results). */
export function DashboardFiltersBar({ value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <ScopeFiltersBar
      value={value}
      onChange={onChange}
      labels="analytics.dashboards.filters"
      testIds="dashboard"
      resetLabel={t('analytics.dashboards.filters.reset')}
    />
  );
}
