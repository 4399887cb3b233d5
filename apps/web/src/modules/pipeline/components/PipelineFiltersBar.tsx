import { DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Pipeline } from '@stratum/contracts';
import { usePermissions, useSession } from '../../auth/session.ts';
import { TeamSelect } from '../../teams/components/TeamSelect.tsx';
import { UserSelect } from '../../users/components/UserSelect.tsx';
import type { PipelineFilters } from '../api.ts';

interface Props {
  pipelines: Pipeline[];
  value: PipelineFilters & { q?: string };
  onChange: (next: PipelineFilters & { q?: string }) => void;
  /** Show the search box (board and list). */
  search?: boolean;
}

/**
 * Pipeline, owner (mine / a colleague for those who may list users), team (for those who may list teams),
 * creation period and search: the same filters for the board, the list and the dashboards.
 */
export function PipelineFiltersBar({ pipelines, value, onChange, search }: Props) {
  const { t } = useTranslation();
  const can = usePermissions();
  const me = useSession();
  const set = (patch: Partial<PipelineFilters & { q?: string }>) => onChange({ ...value, ...patch });
  const ownerMode = !value.ownerId
    ? 'all'
    : value.ownerId === 'me' || value.ownerId === me.user.id
      ? 'me'
      : 'user';

  return (
    <Flex gap={8} wrap align="center" className="pipeline-filters" data-testid="pipeline-filters">
      {pipelines.length > 1 && (
        <Select
          value={value.pipelineId ?? pipelines[0]?.id}
          onChange={(pipelineId: string) => set({ pipelineId })}
          options={pipelines.map((p) => ({ value: p.id, label: p.name }))}
          style={{ minWidth: 160 }}
          aria-label={t('pipeline.filters.pipeline')}
          data-testid="pipeline-filter-pipeline"
        />
      )}
      <Select
        value={ownerMode}
        onChange={(mode: string) =>
          set({ ownerId: mode === 'all' ? undefined : mode === 'me' ? 'me' : undefined })
        }
        options={[
          { value: 'all', label: t('pipeline.filters.ownerAll') },
          { value: 'me', label: t('pipeline.filters.ownerMe') },
          ...(can('users.read') ? [{ value: 'user', label: t('pipeline.filters.ownerUser') }] : []),
        ]}
        style={{ width: 130 }}
        aria-label={t('pipeline.filters.owner')}
        data-testid="pipeline-filter-owner"
      />
      {can('users.read') && (ownerMode === 'user' || (value.ownerId && value.ownerId !== 'me')) && (
        <UserSelect
          value={value.ownerId && value.ownerId !== 'me' ? value.ownerId : undefined}
          onChange={(ownerId) => set({ ownerId })}
          placeholder={t('pipeline.filters.pickUser')}
          style={{ width: 200 }}
          aria-label={t('pipeline.filters.pickUser')}
        />
      )}
      {can('teams.read') && (
        <TeamSelect
          value={value.teamId ?? null}
          onChange={(teamId) => set({ teamId: teamId ?? undefined })}
          placeholder={t('pipeline.filters.allTeams')}
          style={{ width: 150 }}
          aria-label={t('pipeline.filters.team')}
          data-testid="pipeline-filter-team"
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
        aria-label={t('pipeline.filters.period')}
        placeholder={[t('pipeline.filters.period'), t('pipeline.filters.period')]}
        data-testid="pipeline-filter-period"
      />
      {search && (
        <Input.Search
          allowClear
          defaultValue={value.q}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          placeholder={t('pipeline.filters.search')}
          style={{ width: 280 }}
          data-testid="pipeline-search"
        />
      )}
    </Flex>
  );
}
