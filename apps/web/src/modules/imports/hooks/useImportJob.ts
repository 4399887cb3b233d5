import { useQuery } from '@tanstack/react-query';
import { importsApi } from '../api.ts';

export const IMPORT_JOBS_KEY = ['jobs', 'import'] as const;
const done = (status: string | undefined) => status === 'succeeded' || status === 'failed';

/** An import job, polled every second until it has succeeded or failed. */
export function useImportJob(jobId: string | null) {
  return useQuery({
    queryKey: [...IMPORT_JOBS_KEY, jobId],
    queryFn: ({ signal }) => importsApi.job(jobId!, signal),
    enabled: jobId !== null,
    refetchInterval: (query) => (done(query.state.data?.status) ? false : 1000),
    staleTime: Infinity,
  });
}

export const isFinished = done;

/** The caller's recent imports, polled while one of them is still queued or running. */
export function useRecentImports() {
  return useQuery({
    queryKey: [...IMPORT_JOBS_KEY, 'recent'],
    queryFn: ({ signal }) => importsApi.recent(signal),
    staleTime: 0, // jobs move on their own: always fresh when the page opens
    refetchInterval: (query) => (query.state.data?.items.some((j) => !done(j.status)) ? 2000 : false),
  });
}
