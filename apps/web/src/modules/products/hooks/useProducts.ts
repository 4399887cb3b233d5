import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateProductBody } from '@stratum/contracts';
import { productsApi } from '../api.ts';
import type { ProductListParams } from '../api.ts';

export const PRODUCTS_KEY = ['products'] as const;

export function useProductList(params: ProductListParams, enabled = true) {
  return useQuery({
    queryKey: [...PRODUCTS_KEY, 'list', params],
    queryFn: ({ signal }) => productsApi.list(params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: productsApi.create,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: PRODUCTS_KEY }),
  });
}

export function useUpdateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateProductBody }) => productsApi.update(id, body),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: PRODUCTS_KEY }),
  });
}
