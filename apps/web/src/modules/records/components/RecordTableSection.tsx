import type { ReactNode } from 'react';
import { Button, Table } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { tableEmpty } from '../../../app/components/TableEmpty.tsx';
import { SectionHeader } from './shared.tsx';

interface Props<T> {
  /** data-testid of the section, e.g. `customer-contacts`. */
  testId: string;
  title: ReactNode;
  /** The add button, shown only to users who may edit (pass `false` otherwise). */
  add: { label: ReactNode; testId: string; onClick: () => void; primary?: boolean } | false;
  query: { error: unknown; isPending: boolean; refetch: () => unknown };
  tableProps: TableProps<T>;
  columns: TableColumnsType<T>;
  expandable?: TableProps<T>['expandable'];
  emptyText: string;
  tableTestId: string;
  /** Semantic element: sections grouped under one tab are `section`s. */
  element?: 'div' | 'section';
  /** The open form, if any. */
  children?: ReactNode;
}

/**
 * What every record section of the customer page shares: a title row with its add button, the load
 * error with a retry, the paged table with its empty state, and the open form.
 */
export function RecordTableSection<T extends object>({
  testId,
  title,
  add,
  query,
  tableProps,
  columns,
  expandable,
  emptyText,
  tableTestId,
  element: Element = 'div',
  children,
}: Props<T>) {
  return (
    <Element className="records-section" data-testid={testId}>
      <SectionHeader
        title={title}
        extra={
          add && (
            <Button
              type={add.primary ? 'primary' : 'default'}
              icon={<PlusOutlined />}
              onClick={add.onClick}
              data-testid={add.testId}
            >
              {add.label}
            </Button>
          )
        }
      />
      <QueryErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      <Table<T>
        {...tableProps}
        columns={columns}
        expandable={expandable}
        locale={{ emptyText: tableEmpty(query.isPending, emptyText) }}
        data-testid={tableTestId}
      />
      {children}
    </Element>
  );
}
