import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import type { ListParams } from '../api/types.ts';

export type Filters = Record<string, string | undefined>;

/** Table state of a server-side list: page, page size, sort (`field` / `-field`), search and filters. */
export function useListState<F extends Filters>(
  initial: { sort?: string; pageSize?: number; filters?: F } = {},
) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initial.pageSize ?? 20);
  const [sort, setSort] = useState<string | undefined>(initial.sort);
  const [q, setQuery] = useState('');
  const [filters, setFilters] = useState<F>(initial.filters ?? ({} as F));

  const params: ListParams & F = { ...filters, page, pageSize, sort, q: q.trim() || undefined };

  return {
    params,
    q,
    filters,
    sort,
    /** Whether a search or filter narrows the list (to pick the right empty-state sentence). */
    narrowed: !!q.trim() || Object.values(filters).some((v) => v !== undefined && v !== ''),
    setQ: (value: string) => {
      setQuery(value);
      setPage(1);
    },
    setFilter: <K extends keyof F>(key: K, value: F[K]) => {
      setFilters((prev) => ({ ...prev, [key]: value }));
      setPage(1);
    },
    /** Sets the sort (`undefined`: the initial one), back to page 1. */
    setSort: (value: string | undefined) => {
      setSort(value ?? initial.sort);
      setPage(1);
    },
    /** Wire to antd Table's `onChange`. */
    onTableChange: (pagination: TablePaginationConfig, _filters: unknown, sorter: unknown) => {
      const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<unknown> | undefined;
      const field = s?.columnKey ?? s?.field;
      const nextSort =
        s?.order && typeof field === 'string' ? (s.order === 'descend' ? `-${field}` : field) : initial.sort;
      const nextSize = pagination.pageSize ?? pageSize;
      const sortChanged = nextSort !== sort;
      setSort(nextSort);
      setPageSize(nextSize);
      setPage(sortChanged || nextSize !== pageSize ? 1 : (pagination.current ?? 1));
    },
    setPage,
  };
}

/** antd `sortOrder` of a column under the current `sort` value. */
export function sortOrderOf(sort: string | undefined, key: string): 'ascend' | 'descend' | null {
  if (sort === key) return 'ascend';
  if (sort === `-${key}`) return 'descend';
  return null;
}

/** Server-side pagination props for antd Table, with a localised total. */
export function usePagination(): (params: ListParams, total: number | undefined) => TablePaginationConfig {
  const { t } = useTranslation();
  return (params, total) => ({
    current: params.page,
    pageSize: params.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (n) => t('common.total', { total: n }),
    hideOnSinglePage: false,
  });
}
