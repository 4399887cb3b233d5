import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SEGMENTS_KEY } from '../../segmentation/hooks/useSegments.ts';
import { clustersApi, type ClusterParams } from '../api-clusters.ts';

export const CLUSTERS_KEY = ['analytics', 'clusters'] as const;

/**
 * The clustering for the parameters last run (null: not run yet). A POST that only reads, so it is a
 * query keyed by its parameters: running the same parameters again shows the cached result at once.
 */
export function useClusters(params: ClusterParams | null) {
  return useQuery({
    queryKey: [...CLUSTERS_KEY, params],
    queryFn: () => clustersApi.run(params!),
    enabled: params !== null,
    staleTime: 5 * 60_000,
  });
}

/** Saves one cluster as a static segment (the server recomputes its members). */
export function useSaveCluster() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: clustersApi.save,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SEGMENTS_KEY }),
  });
}
