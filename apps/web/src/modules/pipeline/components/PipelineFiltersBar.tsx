import { Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Pipeline } from '@stratum/contracts';
import { ScopeFiltersBar } from '../../../app/components/ScopeFiltersBar.tsx';
import type { PipelineFilters } from '../api.ts';

interface Props {
  pipelines: Pipeline[];
  value: PipelineFilters & { q?: string };
  onChange: (next: PipelineFilters & { q?: string }) => void;
  /** Show the search box (board and list). */
  search?: boolean;
}

/**
 * Pipeline (when there are several), then the shared owner / team / creation period bar, and search: the
 * same filters for the board, the list and the dashboards.
 */
export function PipelineFiltersBar({ pipelines, value, onChange, search }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<PipelineFilters & { q?: string }>) => onChange({ ...value, ...patch });

  return (
    <ScopeFiltersBar
      value={value}
      onChange={onChange}
      labels="pipeline.filters"
      testIds="pipeline"
      className="pipeline-filters"
      periodPlaceholder
      before={
        pipelines.length > 1 && (
          <Select
            value={value.pipelineId ?? pipelines[0]?.id}
            onChange={(pipelineId: string) => set({ pipelineId })}
            options={pipelines.map((p) => ({ value: p.id, label: p.name }))}
            style={{ minWidth: 160 }}
            aria-label={t('pipeline.filters.pipeline')}
            data-testid="pipeline-filter-pipeline"
          />
        )
      }
      after={
        search && (
          <Input.Search
            allowClear
            defaultValue={value.q}
            onSearch={(q) => set({ q: q.trim() || undefined })}
            placeholder={t('pipeline.filters.search')}
            style={{ width: 280 }}
            data-testid="pipeline-search"
          />
        )
      }
    />
  );
}
