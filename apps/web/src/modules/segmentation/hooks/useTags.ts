import { useEffect, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateTagBody, UpdateTagGroupBody } from '@stratum/contracts';
import type { InputOf } from '../../../app/api/types.ts';
import { CUSTOMERS_KEY } from '../../customers/hooks/useCustomers.ts';
import { tagsApi } from '../api-tags.ts';
import type { PreviewInput } from '../api-tags.ts';
import { SEGMENTATION_KEY } from './useRfm.ts';

export const TAGS_KEY = [...SEGMENTATION_KEY, 'tags'] as const;

/**
 * After a tag change: tag groups and counts, and every customer query (lists carry `tagIds`, and the
 * filter fields list the tags as options).
 */
function useInvalidateTags() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: TAGS_KEY }),
      queryClient.invalidateQueries({ queryKey: CUSTOMERS_KEY }),
      queryClient.invalidateQueries({ queryKey: [...SEGMENTATION_KEY, 'segments'] }),
    ]);
}

export function useTagGroups(enabled = true) {
  return useQuery({
    queryKey: [...TAGS_KEY, 'groups'],
    queryFn: ({ signal }) => tagsApi.groups(signal),
    enabled,
  });
}

export function useSaveTagGroup() {
  const invalidate = useInvalidateTags();
  return useMutation({
    mutationFn: (
      input:
        | { id: string; body: InputOf<typeof UpdateTagGroupBody> }
        | { body: Parameters<typeof tagsApi.createGroup>[0] },
    ) => ('id' in input ? tagsApi.updateGroup(input.id, input.body) : tagsApi.createGroup(input.body)),
    onSettled: invalidate,
  });
}

export function useDeleteTagGroup() {
  const invalidate = useInvalidateTags();
  return useMutation({ mutationFn: tagsApi.removeGroup, onSettled: invalidate });
}

export function useSaveTag() {
  const invalidate = useInvalidateTags();
  return useMutation({
    mutationFn: (
      input:
        | { id: string; body: InputOf<typeof UpdateTagBody> }
        | { body: Parameters<typeof tagsApi.createTag>[0] },
    ) => ('id' in input ? tagsApi.updateTag(input.id, input.body) : tagsApi.createTag(input.body)),
    onSettled: invalidate,
  });
}

export function useDeleteTag() {
  const invalidate = useInvalidateTags();
  return useMutation({ mutationFn: tagsApi.removeTag, onSettled: invalidate });
}

export function useTagCustomers() {
  const invalidate = useInvalidateTags();
  return useMutation({ mutationFn: tagsApi.tagCustomers, onSettled: invalidate });
}

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The live count of a rule being edited: previewed once the rule has stopped changing for 400 ms
 * (`rule` undefined: nothing to count yet). The previous answer stays on screen while the next loads.
 */
export function useRulePreview(rule: unknown, use: PreviewInput['use'], enabled = true) {
  const text = rule === undefined ? undefined : JSON.stringify(rule);
  const debounced = useDebounced(text, 400);
  return useQuery({
    queryKey: [...SEGMENTATION_KEY, 'preview', use, debounced],
    queryFn: ({ signal }) => tagsApi.preview({ rule: JSON.parse(debounced!) as unknown, use }, signal),
    enabled: enabled && debounced !== undefined,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 10_000,
  });
}
