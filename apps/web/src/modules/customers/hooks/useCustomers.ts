import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateCustomerBody } from '@stratum/contracts';
import { customersApi } from '../api.ts';
import type { BulkBody, CustomerListParams } from '../api.ts';

/** Every customer query starts with this key: invalidating it refreshes lists, counts and details. */
export const CUSTOMERS_KEY = ['customers'] as const;

export function useCustomerList(params: CustomerListParams, enabled = true) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, 'list', params],
    queryFn: ({ signal }) => customersApi.list(params, signal),
    placeholderData: keepPreviousData,
    enabled,
    // A rejected filter will not pass on a second try.
    retry: false,
  });
}

/** The fields a filter rule may test (labels in the UI language: refetched when it changes). */
export function useCustomerFields(language: string, enabled = true) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, 'fields', language],
    queryFn: ({ signal }) => customersApi.fields(signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useInvalidateCustomers() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: CUSTOMERS_KEY });
}

export function useCreateCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({ mutationFn: customersApi.create, onSuccess: invalidate });
}

export function useUpdateCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateCustomerBody }) => customersApi.update(id, body),
    onSettled: invalidate,
  });
}

export function useRestoreCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({ mutationFn: customersApi.restore, onSettled: invalidate });
}

export function useBulkCustomers() {
  const invalidate = useInvalidateCustomers();
  return useMutation({ mutationFn: (body: BulkBody) => customersApi.bulk(body), onSettled: invalidate });
}
