import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateSavedViewBody } from '@stratum/contracts';
import { savedViewsApi } from '../api.ts';

export const SAVED_VIEWS_KEY = ['saved-views'] as const;

/** My saved customer-list views and the shared ones. */
export function useSavedViews(enabled = true) {
  return useQuery({
    queryKey: SAVED_VIEWS_KEY,
    queryFn: ({ signal }) => savedViewsApi.list(signal),
    enabled,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: SAVED_VIEWS_KEY });
}

export function useCreateSavedView() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: savedViewsApi.create, onSuccess: invalidate });
}

export function useUpdateSavedView() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateSavedViewBody }) => savedViewsApi.update(id, body),
    onSettled: invalidate,
  });
}

export function useDeleteSavedView() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: savedViewsApi.remove, onSettled: invalidate });
}
