import type { TableProps } from 'antd';
import { useListState, usePagination } from '../../../app/hooks/useListState.ts';
import type { RecordType, RecordView } from '../api.ts';
import { useRecordList } from './useRecords.ts';

/** One customer's records of a type as a paged, sortable table (10 a page by default). */
export function useSectionList<T extends RecordType>(type: T, customerId: string, sort?: string) {
  const list = useListState({ pageSize: 10, sort });
  const query = useRecordList(type, customerId, list.params);
  const pagination = usePagination();
  const tableProps: TableProps<RecordView<T>> = {
    rowKey: 'id',
    dataSource: query.data?.items,
    loading: query.isFetching,
    pagination: { ...pagination(list.params, query.data?.total), hideOnSinglePage: true, size: 'small' },
    onChange: list.onTableChange,
    scroll: { x: 'max-content' },
    size: 'middle',
  };
  return { list, query, tableProps };
}
