import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { ListParams } from '../../../app/api/types.ts';
import { customFieldsApi, customerApi, productsApi, recordsApi } from '../api.ts';
import type { ProductListParams, RecordType, RecordTypes } from '../api.ts';

/** Everything cached about one customer's records (lists of each type and the timeline). */
export const recordsKey = (customerId: string) => ['records', customerId] as const;
/** Under `['customers']`, so whatever refreshes the customer list refreshes the detail too. */
export const customerKey = (id: string) => ['customers', 'detail', id] as const;
export const TIMELINE_PAGE_SIZE = 20;

export function useCustomer(id: string) {
  return useQuery({
    queryKey: customerKey(id),
    queryFn: ({ signal }) => customerApi.get(id, signal),
  });
}

export function useRecordList<T extends RecordType>(
  type: T,
  customerId: string,
  params: ListParams,
  enabled = true,
) {
  return useQuery({
    queryKey: [...recordsKey(customerId), type, params],
    queryFn: ({ signal }) => recordsApi.list(type, customerId, params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A customer's records of one type for a picker (contacts, contracts, orders): the first 200. */
export function useRecordOptions<T extends RecordType>(type: T, customerId: string, enabled = true) {
  return useRecordList(type, customerId, { page: 1, pageSize: 200 }, enabled);
}

export function useTimeline(customerId: string) {
  return useInfiniteQuery({
    queryKey: [...recordsKey(customerId), 'timeline'],
    queryFn: ({ pageParam, signal }) =>
      recordsApi.timeline(customerId, pageParam, TIMELINE_PAGE_SIZE, signal),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
}

/**
 * After any change to a customer's records: its lists and timeline, and the customer itself (key figures
 * such as lifetime spend and open tickets are recomputed by the server) and the customer list.
 */
export function useInvalidateCustomer() {
  const queryClient = useQueryClient();
  return (customerId: string) => {
    void queryClient.invalidateQueries({ queryKey: recordsKey(customerId) });
    void queryClient.invalidateQueries({ queryKey: ['customers'] });
  };
}

export function useCreateRecord<T extends RecordType>(type: T) {
  const invalidate = useInvalidateCustomer();
  return useMutation({
    mutationFn: (body: RecordTypes[T]['create']) => recordsApi.create(type, body),
    onSuccess: (_data, body) => invalidate(body.customerId),
  });
}

export function useUpdateRecord<T extends RecordType>(type: T) {
  const invalidate = useInvalidateCustomer();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; customerId: string; body: RecordTypes[T]['update'] }) =>
      recordsApi.update(type, id, body),
    // Also on failure: a 409 means the cached list is stale.
    onSettled: (_data, _err, { customerId }) => invalidate(customerId),
  });
}

export function useDeleteRecord(type: RecordType) {
  const invalidate = useInvalidateCustomer();
  return useMutation({
    mutationFn: ({ id }: { id: string; customerId: string }) => recordsApi.remove(type, id),
    onSettled: (_data, _err, { customerId }) => invalidate(customerId),
  });
}

export function useDeleteCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => customerApi.remove(id),
    // The page leaves right after (see `forgetCustomer`); refetching the deleted customer would only 404.
    onSuccess: (_data, id) =>
      void queryClient.invalidateQueries({
        queryKey: ['customers'],
        predicate: (q) => !(q.queryKey[1] === 'detail' && q.queryKey[2] === id),
      }),
  });
}

/** Drops a deleted customer from the cache once its page is left, so "back" asks the server again. */
export function useForgetCustomer() {
  const queryClient = useQueryClient();
  return (id: string) => {
    queryClient.removeQueries({ queryKey: customerKey(id) });
    queryClient.removeQueries({ queryKey: recordsKey(id) });
  };
}

export function useProducts(params: ProductListParams, enabled = true) {
  return useQuery({
    queryKey: ['products', 'list', params],
    queryFn: ({ signal }) => productsApi.list(params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCustomFields() {
  return useQuery({
    queryKey: ['custom-fields'],
    queryFn: ({ signal }) => customFieldsApi.list(signal),
    staleTime: 5 * 60_000,
  });
}
