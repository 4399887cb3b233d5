import type { CreateProductBody, Page, Product, UpdateProductBody } from '@stratum/contracts';
import { api } from '../../app/api/client.ts';
import type { InputOf, ListParams } from '../../app/api/types.ts';

export interface ProductListParams extends ListParams {
  active?: 'true' | 'false';
}

export const productsApi = {
  list: (params: ProductListParams, signal?: AbortSignal) =>
    api.get<Page<Product>>('/products', { ...params }, signal),
  create: (body: InputOf<typeof CreateProductBody>) => api.post<Product>('/products', body),
  update: (id: string, body: InputOf<typeof UpdateProductBody>) =>
    api.patch<Product>(`/products/${id}`, body),
};
