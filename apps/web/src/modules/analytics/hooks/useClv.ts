import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { clvApi } from '../api-clv.ts';

export const CLV_KEY = ['analytics', 'clv'] as const;

/** The lifetime-value overview; the holdout validation is a fit on the server, so it is kept a while. */
export function useClvOverview(holdoutWeeks: number) {
  return useQuery({
    queryKey: [...CLV_KEY, 'overview', holdoutWeeks],
    queryFn: ({ signal }) => clvApi.overview(holdoutWeeks, signal),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/** One customer's stored CLV, P(alive) and expected purchases (the customer 360 page). */
export function useCustomerClv(customerId: string) {
  return useQuery({
    queryKey: [...CLV_KEY, 'customer', customerId],
    queryFn: ({ signal }) => clvApi.customer(customerId, signal),
    staleTime: 60_000,
  });
}
