import { useState } from 'react';
import { Button, DatePicker, Flex, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { usePermissions, useSession } from '../../auth/session.ts';
import { TeamSelect } from '../../teams/components/TeamSelect.tsx';
import { UserSelect } from '../../users/components/UserSelect.tsx';
import type { DashboardFilters } from '../api-dashboards.ts';

interface Props {
  value: DashboardFilters;
  onChange: (next: DashboardFilters) => void;
}

/**
 * Owner (mine / a colleague for those who may list users), team (for those who may list teams) and
 * period: one bar for every dashboard on the page. Owner and team are the customer's.
 */
export function DashboardFiltersBar({ value, onChange }: Props) {
  const { t } = useTranslation();
  const can = usePermissions();
  const me = useSession();
  const set = (patch: Partial<DashboardFilters>) => onChange({ ...value, ...patch });
  // "A colleague" stays chosen while no colleague is picked yet.
  const [picking, setPicking] = useState(false);
  const ownerMode = !value.ownerId
    ? picking
      ? 'user'
      : 'all'
    : value.ownerId === 'me' || value.ownerId === me.user.id
      ? 'me'
      : 'user';

  return (
    <Flex gap={8} wrap align="center" data-testid="dashboard-filters">
      <Select
        value={ownerMode}
        onChange={(mode: string) => {
          setPicking(mode === 'user');
          set({ ownerId: mode === 'me' ? 'me' : undefined });
        }}
        options={[
          { value: 'all', label: t('analytics.dashboards.filters.ownerAll') },
          { value: 'me', label: t('analytics.dashboards.filters.ownerMe') },
          ...(can('users.read')
            ? [{ value: 'user', label: t('analytics.dashboards.filters.ownerUser') }]
            : []),
        ]}
        style={{ width: 130 }}
        aria-label={t('analytics.dashboards.filters.owner')}
        data-testid="dashboard-filter-owner"
      />
      {can('users.read') && ownerMode === 'user' && (
        <UserSelect
          value={value.ownerId}
          onChange={(ownerId) => set({ ownerId })}
          placeholder={t('analytics.dashboards.filters.pickUser')}
          style={{ width: 200 }}
          aria-label={t('analytics.dashboards.filters.pickUser')}
        />
      )}
      {can('teams.read') && (
        <TeamSelect
          value={value.teamId ?? null}
          onChange={(teamId) => set({ teamId: teamId ?? undefined })}
          placeholder={t('analytics.dashboards.filters.allTeams')}
          style={{ width: 150 }}
          aria-label={t('analytics.dashboards.filters.team')}
          data-testid="dashboard-filter-team"
        />
      )}
      <DatePicker.RangePicker
        value={value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null}
        onChange={(range) =>
          set({
            from: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
            to: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
          })
        }
        allowClear
        aria-label={t('analytics.dashboards.filters.period')}
        data-testid="dashboard-filter-period"
      />
      {(value.ownerId || value.teamId || value.from || value.to) && (
        <Button
          onClick={() => {
            setPicking(false);
            onChange({});
          }}
          data-testid="dashboard-filter-reset"
        >
          {t('analytics.dashboards.filters.reset')}
        </Button>
      )}
    </Flex>
  );
}
