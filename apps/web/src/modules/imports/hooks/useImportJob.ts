import { useQuery } from '@tanstack/react-query';
import { isFinished, usePolledJob } from '../../../app/api/jobs.ts';
import { importsApi } from '../api.ts';

export const IMPORT_JOBS_KEY = ['jobs', 'import'] as const;

/** An import job, polled every second until it has succeeded or failed. */
export const useImportJob = (jobId: string | null) => usePolledJob(IMPORT_JOBS_KEY, jobId, importsApi.job);

/** The caller's recent imports, polled while one of them is still queued or running. */
export function useRecentImports() {
  return useQuery({
    queryKey: [...IMPORT_JOBS_KEY, 'recent'],
    queryFn: ({ signal }) => importsApi.recent(signal),
    staleTime: 0, // jobs move on their own: always fresh when the page opens
    refetchInterval: (query) => (query.state.data?.items.some((j) => !isFinished(j.status)) ? 2000 : false),
  });
}
