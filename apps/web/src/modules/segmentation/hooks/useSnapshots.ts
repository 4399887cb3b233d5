import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { schemesApi, type MigrationParams } from '../api-schemes.ts';
import { SEGMENTATION_KEY } from './useRfm.ts';

export const SNAPSHOTS_KEY = [...SEGMENTATION_KEY, 'snapshots'] as const;

export function useSnapshots() {
  return useQuery({
    queryKey: SNAPSHOTS_KEY,
    queryFn: ({ signal }) => schemesApi.snapshots(signal),
  });
}

export function useCreateSnapshot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (label?: string) => schemesApi.createSnapshot(label),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: SNAPSHOTS_KEY }),
  });
}

export function useDeleteSnapshot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => schemesApi.removeSnapshot(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: SNAPSHOTS_KEY }),
  });
}

/** The migration of one scheme between a snapshot and another snapshot or `current` (names in `language`). */
export function useMigration(params: MigrationParams | null, language: string) {
  return useQuery({
    queryKey: [...SNAPSHOTS_KEY, 'migration', params, language],
    queryFn: ({ signal }) => schemesApi.migration(params!, signal),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}
