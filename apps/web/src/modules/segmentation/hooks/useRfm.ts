import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { segmentationApi } from '../api.ts';

export const SEGMENTATION_KEY = ['segmentation'] as const;

/**
 * The RFM summary as of `asOf`. Labels and strategies come worded in the request language, so the
 * language is part of the key: switching it refetches.
 */
export function useRfmSummary(asOf: string | undefined, language: string) {
  return useQuery({
    queryKey: [...SEGMENTATION_KEY, 'rfm', asOf ?? 'today', language],
    queryFn: ({ signal }) => segmentationApi.rfm(asOf, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
