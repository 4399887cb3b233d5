import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { dashboardsApi } from '../api-dashboards.ts';
import type { ConversionBy, DashboardFilters } from '../api-dashboards.ts';

export const DASHBOARDS_KEY = ['analytics', 'dashboards'] as const;

/** Names of tiers and "now" come in the UI language: the language is part of the keys that carry them. */
export function useTierDistribution(params: DashboardFilters & { scheme: string | undefined }) {
  const { i18n } = useTranslation();
  const { scheme, ...filters } = params;
  return useQuery({
    queryKey: [...DASHBOARDS_KEY, 'tier-distribution', i18n.language, params],
    queryFn: ({ signal }) => dashboardsApi.tierDistribution({ ...filters, scheme: scheme! }, signal),
    enabled: !!scheme,
    placeholderData: keepPreviousData,
  });
}

/** "Now" comes in the UI language; `segments` = ids comma-separated (none: the largest segments). */
export function useSegmentDistribution(params: DashboardFilters & { segments?: string }) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...DASHBOARDS_KEY, 'segment-distribution', i18n.language, params],
    queryFn: ({ signal }) => dashboardsApi.segmentDistribution(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePareto(params: DashboardFilters) {
  return useQuery({
    queryKey: [...DASHBOARDS_KEY, 'pareto', params],
    queryFn: ({ signal }) => dashboardsApi.pareto(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRetention(params: DashboardFilters) {
  return useQuery({
    queryKey: [...DASHBOARDS_KEY, 'retention', params],
    queryFn: ({ signal }) => dashboardsApi.retention(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCohorts(params: DashboardFilters) {
  return useQuery({
    queryKey: [...DASHBOARDS_KEY, 'cohorts', params],
    queryFn: ({ signal }) => dashboardsApi.cohorts(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useConversion(params: DashboardFilters & ConversionBy) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...DASHBOARDS_KEY, 'conversion', i18n.language, params],
    queryFn: ({ signal }) => dashboardsApi.conversion(params, signal),
    placeholderData: keepPreviousData,
  });
}
