import type {
  Cohorts,
  Conversion,
  DashboardChart,
  Pareto,
  Retention,
  SegmentDistribution,
  TierDistribution,
} from '@stratum/contracts';
import { api, type QueryParams } from '../../app/api/client.ts';
import { downloadFile } from '../../app/api/download.ts';

/** The filter bar: the customer's owner (`me` or a user) or team, and a period of local days. */
export interface DashboardFilters {
  ownerId?: string;
  teamId?: string;
  from?: string;
  to?: string;
}

export type ConversionBy = { by: 'segment' } | { by: 'scheme'; scheme: string };

/** What each chart's query adds to the filters (the same query serves its xlsx). */
export type ChartParams = DashboardFilters & {
  scheme?: string;
  by?: 'segment' | 'scheme';
  /** Segment ids, comma-separated (segment distribution). */
  segments?: string;
};

export const dashboardsApi = {
  tierDistribution: (params: DashboardFilters & { scheme: string }, signal?: AbortSignal) =>
    api.get<TierDistribution>('/analytics/tier-distribution', { ...params }, signal),
  segmentDistribution: (params: DashboardFilters & { segments?: string }, signal?: AbortSignal) =>
    api.get<SegmentDistribution>('/analytics/segment-distribution', { ...params }, signal),
  pareto: (params: DashboardFilters, signal?: AbortSignal) =>
    api.get<Pareto>('/analytics/pareto', { ...params }, signal),
  retention: (params: DashboardFilters, signal?: AbortSignal) =>
    api.get<Retention>('/analytics/retention', { ...params }, signal),
  cohorts: (params: DashboardFilters, signal?: AbortSignal) =>
    api.get<Cohorts>('/analytics/cohorts', { ...params }, signal),
  conversion: (params: DashboardFilters & ConversionBy, signal?: AbortSignal) =>
    api.get<Conversion>('/analytics/conversion', { ...params }, signal),

  /** Downloads a chart's table as xlsx (server-built, formula-safe, headers in the UI language). */
  exportXlsx: (chart: DashboardChart, params: ChartParams): Promise<void> =>
    downloadXlsx(`/analytics/${chart}/export`, { ...params }, `${chart}.xlsx`),
};

/**
 * Downloads a server-built xlsx (an export route under the API, `format=xlsx` added to `params`),
 * named as the server says (else `fallbackName`); an error response is thrown as an ApiError.
 */
export const downloadXlsx = (path: string, params: QueryParams, fallbackName: string): Promise<void> =>
  downloadFile(path, { ...params, format: 'xlsx' }, fallbackName);
