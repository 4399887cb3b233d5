import { useQuery } from '@tanstack/react-query';

/** A background job has ended (GET /api/v1/jobs/{id}). */
export const isFinished = (status: string | undefined) => status === 'succeeded' || status === 'failed';

/** A background job, polled every second until it has succeeded or failed; nothing while `jobId` is null. */
export function usePolledJob<T extends { status: string }>(
  key: readonly unknown[],
  jobId: string | null,
  fetch: (id: string, signal: AbortSignal) => Promise<T>,
) {
  return useQuery({
    queryKey: [...key, jobId],
    queryFn: ({ signal }) => fetch(jobId!, signal),
    enabled: jobId !== null,
    refetchInterval: (query) => (isFinished(query.state.data?.status) ? false : 1000),
    staleTime: Infinity,
  });
}
