import { useTranslation } from 'react-i18next';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePolledJob } from '../../../app/api/jobs.ts';
import { schemesApi } from '../api-schemes.ts';
import type { SchemeInput, SchemeUpdate } from '../api-schemes.ts';
import { SEGMENTATION_KEY } from './useRfm.ts';

export const SCHEMES_KEY = [...SEGMENTATION_KEY, 'schemes'] as const;

/** Every scheme with its tiers and counts (names come in both languages: no language in the key). */
export function useSchemes(enabled = true) {
  return useQuery({
    queryKey: SCHEMES_KEY,
    queryFn: ({ signal }) => schemesApi.list(signal),
    staleTime: 30_000,
    enabled,
  });
}

/** The enabled schemes as Select options, named in the UI's language (for a scheme picker). */
export function useSchemeOptions() {
  const { i18n } = useTranslation();
  const schemes = useSchemes();
  const options = (schemes.data?.items ?? [])
    .filter((s) => s.enabled)
    .map((s) => ({ value: s.key, label: i18n.language === 'en' ? s.nameEn : s.nameZh }));
  return { options, isLoading: schemes.isLoading };
}

/**
 * After a placement change (scheme edited, recompute): schemes, the RFM dashboard, snapshots' "now",
 * and every customer query (lists carry tiers; the 360 page carries the why).
 */
export function useInvalidatePlacement() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: SEGMENTATION_KEY });
    void queryClient.invalidateQueries({ queryKey: ['customers'] });
  };
}

export function useCreateScheme() {
  const invalidate = useInvalidatePlacement();
  return useMutation({ mutationFn: (body: SchemeInput) => schemesApi.create(body), onSuccess: invalidate });
}

export function useUpdateScheme() {
  const invalidate = useInvalidatePlacement();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SchemeUpdate }) => schemesApi.update(id, body),
    onSettled: invalidate,
  });
}

export function useDeleteScheme() {
  const invalidate = useInvalidatePlacement();
  return useMutation({ mutationFn: (id: string) => schemesApi.remove(id), onSuccess: invalidate });
}

/** Starts the recompute job (its placement changes are invalidated when the job has succeeded). */
export function useRecompute() {
  return useMutation({ mutationFn: () => schemesApi.recompute() });
}

/** The recompute job, polled until it ends. */
export const useRecomputeJob = (jobId: string | null) =>
  usePolledJob([...SEGMENTATION_KEY, 'recompute'], jobId, schemesApi.recomputeJob);

/**
 * The live count of one tier rule while it is edited. `ruleText` is the rule as JSON (stable key);
 * `undefined` (no complete rule) asks nothing.
 */
export function useTierPreview(schemeKey: string, ruleText: string | undefined) {
  return useQuery({
    queryKey: [...SEGMENTATION_KEY, 'preview', 'tier', schemeKey, ruleText],
    queryFn: () => schemesApi.previewTier(JSON.parse(ruleText!) as unknown, schemeKey),
    enabled: ruleText !== undefined && schemeKey !== '',
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
}
