import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button, DatePicker, Flex, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { usePermissions, useSession } from '../../modules/auth/session.ts';
import { TeamSelect } from '../../modules/teams/components/TeamSelect.tsx';
import { UserSelect } from '../../modules/users/components/UserSelect.tsx';

/** What the bar edits: the owner (`me` or a user id), the team and a period of local days (YYYY-MM-DD). */
export interface ScopeFilters {
  ownerId?: string;
  teamId?: string;
  from?: string;
  to?: string;
}

interface Props<F extends ScopeFilters> {
  value: F;
  onChange: (next: F) => void;
  /** Where the labels live: `${labels}.owner`, `.ownerAll`, `.ownerMe`, `.ownerUser`, `.pickUser`, `.team`, … */
  labels: 'pipeline.filters' | 'analytics.dashboards.filters';
  /** The bar is `${testIds}-filters`, its controls `${testIds}-filter-owner` / `-team` / `-period` / `-reset`. */
  testIds: 'pipeline' | 'dashboard' | 'migration';
  className?: string;
  /** Controls before the owner (e.g. the pipeline picker). */
  before?: ReactNode;
  /** Controls after the period (e.g. a search box). */
  after?: ReactNode;
  /** Offer the period picker (default); off where the page picks its period otherwise (two snapshots). */
  period?: boolean;
  /** Label the period's two inputs with `${labels}.period` (antd's start / end date otherwise). */
  periodPlaceholder?: boolean;
  /** Offer a reset button with this label (back to no filters, `{}`) while any filter is set. */
  resetLabel?: string;
}

/**
 * Owner (all / mine / a colleague for those who may list users), team (for those who may list teams) and
 * period: the filter bar of the pipeline board and funnel, the analytics dashboards and the NPS results.
 */
export function ScopeFiltersBar<F extends ScopeFilters>({
  value,
  onChange,
  labels,
  testIds,
  className,
  before,
  after,
  period = true,
  periodPlaceholder,
  resetLabel,
}: Props<F>) {
  const { t } = useTranslation();
  const can = usePermissions();
  const me = useSession();
  const set = (patch: Partial<ScopeFilters>) => onChange({ ...value, ...patch });
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
    <Flex gap={8} wrap align="center" className={className} data-testid={`${testIds}-filters`}>
      {before}
      <Select
        value={ownerMode}
        onChange={(mode: string) => {
          setPicking(mode === 'user');
          set({ ownerId: mode === 'me' ? 'me' : undefined });
        }}
        options={[
          { value: 'all', label: t(`${labels}.ownerAll`) },
          { value: 'me', label: t(`${labels}.ownerMe`) },
          ...(can('users.read') ? [{ value: 'user', label: t(`${labels}.ownerUser`) }] : []),
        ]}
        style={{ width: 130 }}
        aria-label={t(`${labels}.owner`)}
        data-testid={`${testIds}-filter-owner`}
      />
      {can('users.read') && ownerMode === 'user' && (
        <UserSelect
          value={value.ownerId}
          onChange={(ownerId) => set({ ownerId })}
          placeholder={t(`${labels}.pickUser`)}
          style={{ width: 200 }}
          aria-label={t(`${labels}.pickUser`)}
        />
      )}
      {can('teams.read') && (
        <TeamSelect
          value={value.teamId ?? null}
          onChange={(teamId) => set({ teamId: teamId ?? undefined })}
          placeholder={t(`${labels}.allTeams`)}
          style={{ width: 150 }}
          aria-label={t(`${labels}.team`)}
          data-testid={`${testIds}-filter-team`}
        />
      )}
      {period && (
        <DatePicker.RangePicker
          value={value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null}
          onChange={(range) =>
            set({
              from: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
              to: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
            })
          }
          allowClear
          aria-label={t(`${labels}.period`)}
          placeholder={periodPlaceholder ? [t(`${labels}.period`), t(`${labels}.period`)] : undefined}
          data-testid={`${testIds}-filter-period`}
        />
      )}
      {after}
      {resetLabel && (value.ownerId || value.teamId || value.from || value.to) && (
        <Button
          onClick={() => {
            setPicking(false);
            onChange({} as F);
          }}
          data-testid={`${testIds}-filter-reset`}
        >
          {resetLabel}
        </Button>
      )}
    </Flex>
  );
}
