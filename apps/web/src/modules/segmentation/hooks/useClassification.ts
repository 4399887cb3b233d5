import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { schemesApi } from '../api-schemes.ts';
import { SEGMENTATION_KEY } from './useRfm.ts';

/** Under `['customers']`: whatever refreshes a customer (an order, a follow-up) refreshes its placement. */
export const classificationKey = (customerId: string) => ['customers', 'classification', customerId] as const;

/** Where a customer sits and why (names and strategies in the request language: part of the key). */
export function useClassification(customerId: string, language: string) {
  return useQuery({
    queryKey: [...classificationKey(customerId), language],
    queryFn: ({ signal }) => schemesApi.classification(customerId, signal),
  });
}

/** Tag groups with their tags (names and colours for chips and the tag picker). */
export function useTagGroupList(enabled = true) {
  return useQuery({
    queryKey: [...SEGMENTATION_KEY, 'tag-groups'],
    queryFn: ({ signal }) => schemesApi.tagGroups(signal),
    staleTime: 60_000,
    enabled,
  });
}

/** Adds or removes one manual tag on one customer. */
export function useTagCustomer(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: { add?: string[]; remove?: string[] }) =>
      schemesApi.tagCustomers({ customerIds: [customerId], ...change }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      void queryClient.invalidateQueries({ queryKey: [...SEGMENTATION_KEY, 'tag-groups'] });
    },
  });
}
