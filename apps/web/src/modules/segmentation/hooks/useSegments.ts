import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateSegmentBody } from '@stratum/contracts';
import type { InputOf } from '../../../app/api/types.ts';
import { CUSTOMERS_KEY } from '../../customers/hooks/useCustomers.ts';
import { segmentsApi } from '../api-segments.ts';
import { SEGMENTATION_KEY } from './useRfm.ts';

export const SEGMENTS_KEY = [...SEGMENTATION_KEY, 'segments'] as const;

/** After a segment change: segments, members, events, and customer queries (the filter fields list segments). */
function useInvalidateSegments() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: SEGMENTS_KEY }),
      queryClient.invalidateQueries({ queryKey: CUSTOMERS_KEY }),
    ]);
}

export function useSegments(q: string | undefined) {
  return useQuery({
    queryKey: [...SEGMENTS_KEY, 'list', q ?? ''],
    queryFn: ({ signal }) => segmentsApi.list(q, signal),
    placeholderData: keepPreviousData,
  });
}

/** One segment. */
export function useSegment(id: string | undefined) {
  return useQuery({
    queryKey: [...SEGMENTS_KEY, 'one', id],
    queryFn: ({ signal }) => segmentsApi.get(id!, signal),
    enabled: !!id,
  });
}

export function useSegmentMembers(id: string | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...SEGMENTS_KEY, 'members', id, page, pageSize],
    queryFn: ({ signal }) => segmentsApi.members(id!, page, pageSize, signal),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

export function useSegmentEvents(id: string | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...SEGMENTS_KEY, 'events', id, page, pageSize],
    queryFn: ({ signal }) => segmentsApi.events(id!, page, pageSize, signal),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

export function useCreateSegment() {
  const invalidate = useInvalidateSegments();
  return useMutation({ mutationFn: segmentsApi.create, onSuccess: invalidate });
}

export function useUpdateSegment() {
  const invalidate = useInvalidateSegments();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: InputOf<typeof UpdateSegmentBody> }) =>
      segmentsApi.update(id, body),
    onSettled: invalidate,
  });
}

export function useDeleteSegment() {
  const invalidate = useInvalidateSegments();
  return useMutation({ mutationFn: segmentsApi.remove, onSettled: invalidate });
}

export function useSegmentMembership() {
  const invalidate = useInvalidateSegments();
  return useMutation({
    mutationFn: ({ id, add, remove }: { id: string; add?: string[]; remove?: string[] }) =>
      add ? segmentsApi.addMembers(id, add) : segmentsApi.removeMembers(id, remove ?? []),
    onSettled: invalidate,
  });
}
