import { useEffect, useMemo, useState } from 'react';
import { App, Badge, Button, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import {
  ClusterOutlined,
  EditOutlined,
  FilterOutlined,
  MessageOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { Customer, CustomField, SavedView } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../../app/api/errors.ts';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { tableEmpty } from '../../../app/components/TableEmpty.tsx';
import { formatDate, formatDateTime, formatMoney } from '../../../app/format.ts';
import { sortOrderOf, useListState, usePagination } from '../../../app/hooks/useListState.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { usePermissions, useSession } from '../../auth/session.ts';
import { useCustomFieldLabel, useCustomFields } from '../../custom-fields/hooks/useCustomFields.ts';
import { QuickFollowupModal } from '../../records/components/QuickFollowupModal.tsx';
import { UserSelect } from '../../users/components/UserSelect.tsx';
import { useClassificationColumns } from '../../segmentation/components/classificationColumns.tsx';
import type { FieldInfo } from '../api.ts';
import { customColumnKey, loadColumns, saveColumns, visibleColumns } from '../columns.ts';
import type { BuiltInColumn } from '../columns.ts';
import { useCustomerFields, useCustomerList, useInvalidateCustomers } from '../hooks/useCustomers.ts';
import { useCustomerLabels } from '../hooks/useCustomerLabels.ts';
import { CUSTOMER_STATUSES } from '../labels.ts';
import type { CustomerStatus } from '../labels.ts';
import { builderToRule, conditionIndexOfPath, emptyBuilder, parseFilter, ruleToBuilder } from '../rules.ts';
import type { BuilderState } from '../rules.ts';
import { BulkActions } from './BulkActions.tsx';
import { ColumnChooser } from './ColumnChooser.tsx';
import { CustomerFormModal } from './CustomerFormModal.tsx';
import { CustomerStatusTag } from './CustomerStatusTag.tsx';
import { ExportButton } from './ExportButton.tsx';
import { FilterBuilder } from './FilterBuilder.tsx';
import { SavedViewsBar } from './SavedViewsBar.tsx';
import type { ViewConfig } from './SavedViewsBar.tsx';

type CustomerFilters = { ownerId?: string; status?: CustomerStatus; filter?: string };
type OwnerMode = 'all' | 'me' | 'none' | 'user';

const SORTABLE = new Set([
  'name',
  'createdAt',
  'lifetimeSpend',
  'lastOrderAt',
  'lastFollowupAt',
  'status',
  'province',
]);
const DEFAULT_SORT = '-updatedAt';

/** Server issues about the `filter` parameter: `{path, message}` from a 400 `VALIDATION_FAILED`. */
function filterIssues(err: unknown): { path: string; message: string }[] {
  if (!isApiError(err, 'VALIDATION_FAILED') || !Array.isArray(err.details)) return [];
  return (err.details as unknown[])
    .filter((d): d is { path: string; message: string } => {
      const item = d as Record<string, unknown> | null;
      return typeof item?.path === 'string' && typeof item.message === 'string';
    })
    .filter((d) => d.path === 'filter' || d.path.startsWith('filter.'));
}

const countConditions = (rule: unknown): number => {
  if (!rule || typeof rule !== 'object') return 0;
  const r = rule as Record<string, unknown>;
  if (Array.isArray(r.and)) return r.and.length;
  if (Array.isArray(r.or)) return r.or.length;
  return 1;
};

function renderCustomValue(value: unknown) {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value))
    return (
      <Space size={[4, 4]} wrap>
        {value.map((v) => (
          <Tag key={String(v)} bordered={false}>
            {String(v)}
          </Tag>
        ))}
      </Space>
    );
  return String(value);
}

/** The customer list: search, owner / status filters, the rule builder, saved views, columns, bulk actions. */
export default function CustomersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const timeZone = useWorkspaceTimeZone();
  const me = useSession();
  const can = usePermissions();
  const labels = useCustomerLabels();
  const cfLabel = useCustomFieldLabel();
  const invalidate = useInvalidateCustomers();
  const canWrite = can('customers.write');
  const canTransfer = can('customers.transfer');
  // Selecting customers: to tag them, save them as a segment, transfer or delete them.
  const canSelect = canWrite || canTransfer || can('segments.manage');

  // A rule handed over in the URL (`/customers?filter=<JSON>`, e.g. the pipeline's 靶心客户 profile)
  // filters the list from the first request; the builder shows it once the fields are known.
  const [searchParams, setSearchParams] = useSearchParams();
  const urlFilter = searchParams.get('filter') ?? undefined;
  const list = useListState<CustomerFilters>({
    sort: DEFAULT_SORT,
    filters: urlFilter ? { filter: urlFilter } : undefined,
  });
  const customers = useCustomerList(list.params);
  const fields = useCustomerFields(i18n.language);
  const customFields = useCustomFields();
  const pagination = usePagination();

  const [searchText, setSearchText] = useState('');
  const [ownerMode, setOwnerMode] = useState<OwnerMode>('all');
  const [chosenColumns, setChosenColumns] = useState<string[]>(loadColumns);
  const [filterOpen, setFilterOpen] = useState(false);
  const [draft, setDraft] = useState<BuilderState>(emptyBuilder);
  /** Row id of each condition of the applied rule (server errors point at conditions by position). */
  const [appliedRowIds, setAppliedRowIds] = useState<string[]>([]);
  const [incomplete, setIncomplete] = useState<string[]>([]);
  const [advanced, setAdvanced] = useState(false);
  const [viewId, setViewId] = useState<string | undefined>();
  const [selected, setSelected] = useState<Map<string, Customer>>(new Map());
  const [followup, setFollowup] = useState<{ id: string; name: string } | null>(null);
  const [editing, setEditing] = useState<Customer | 'new' | null>(null);

  const defs: CustomField[] = useMemo(() => customFields.data?.items ?? [], [customFields.data]);
  const fieldMap = useMemo(
    () => new Map<string, FieldInfo>((fields.data?.items ?? []).map((f) => [f.key, f])),
    [fields.data],
  );
  // Tier badges (one column per enabled scheme) and tag chips.
  const classificationColumns = useClassificationColumns();
  const visible = visibleColumns(
    chosenColumns,
    defs.map((d) => d.key),
    classificationColumns.map((c) => c.key),
  );

  // A rejected filter: show the builder with the server's words on the offending rows.
  const issues = filterIssues(customers.error);
  const filterRejected = issues.length > 0;
  useEffect(() => {
    if (filterRejected) setFilterOpen(true);
  }, [filterRejected]);
  const rowErrors: Record<string, string> = {};
  for (const id of incomplete) rowErrors[id] = t('validation.required');
  const generalIssues: string[] = [];
  for (const issue of issues) {
    const index = conditionIndexOfPath(issue.path);
    const rowId = index === null ? undefined : appliedRowIds[index];
    if (rowId && draft.rows.some((r) => r.id === rowId)) rowErrors[rowId] = issue.message;
    else generalIssues.push(issue.message);
  }
  const appliedCount = countConditions(parseFilter(list.filters.filter));

  const setColumns = (columns: string[]) => {
    setChosenColumns(columns);
    saveColumns(columns);
  };

  const applyFilter = () => {
    // Rows never started are dropped; started but unfinished ones are pointed out.
    const rows = draft.rows.filter((r) => r.field);
    const next = { ...draft, rows };
    const built = builderToRule(next, fieldMap, timeZone);
    setDraft(next);
    if (built.incomplete.length > 0) {
      setIncomplete(built.incomplete);
      void message.warning(t('rules.incomplete'));
      return;
    }
    setIncomplete([]);
    setAdvanced(false);
    setAppliedRowIds(built.rowIds);
    list.setFilter('filter', built.rule ? JSON.stringify(built.rule) : undefined);
  };

  const clearFilter = () => {
    setDraft(emptyBuilder());
    setIncomplete([]);
    setAdvanced(false);
    setAppliedRowIds([]);
    list.setFilter('filter', undefined);
  };

  const currentConfig = (): ViewConfig => ({
    columns: visible,
    filter: parseFilter(list.filters.filter),
    sort: list.sort,
    q: list.q.trim() || undefined,
  });

  const applyView = (view: SavedView | undefined) => {
    setViewId(view?.id);
    if (!view) return;
    const { columns, filter, sort, q } = view.config;
    if (columns?.length) setColumns(columns);
    setSearchText(q ?? '');
    list.setQ(q ?? '');
    list.setSort(sort);
    const hasFilter = filter !== undefined && filter !== null;
    list.setFilter('filter', hasFilter ? JSON.stringify(filter) : undefined);
    const builder = ruleToBuilder(filter, fieldMap, timeZone);
    setDraft(builder ?? emptyBuilder());
    setAppliedRowIds(builder ? builder.rows.map((r) => r.id) : []);
    setAdvanced(builder === null);
    setIncomplete([]);
    if (hasFilter) setFilterOpen(true);
  };

  const fieldsLoaded = fields.data !== undefined;
  useEffect(() => {
    if (!urlFilter || !fieldsLoaded) return;
    const rule = parseFilter(urlFilter);
    list.setFilter('filter', rule === undefined ? undefined : JSON.stringify(rule));
    const builder = ruleToBuilder(rule, fieldMap, timeZone);
    setDraft(builder ?? emptyBuilder());
    setAppliedRowIds(builder ? builder.rows.map((r) => r.id) : []);
    setAdvanced(builder === null);
    setFilterOpen(true);
    setSearchParams(
      (p) => {
        p.delete('filter');
        return p;
      },
      { replace: true },
    );
    // Once per filter handed over: `list` and the setters are new objects each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [urlFilter, fieldsLoaded]);

  const setOwner = (mode: OwnerMode) => {
    setOwnerMode(mode);
    list.setFilter('ownerId', mode === 'all' || mode === 'user' ? undefined : mode);
  };

  const mayEdit = (c: Customer) => canWrite && (canTransfer || c.ownerId === me.user.id);
  const secondary = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
  // The day keeps the table narrow; the exact time is on hover (both in the workspace time zone).
  const dateTime = (v: string | null) =>
    v ? <span title={formatDateTime(v, timeZone)}>{formatDate(v, timeZone)}</span> : secondary('—');
  const sortable = (key: string) =>
    SORTABLE.has(key) ? { sorter: true, sortOrder: sortOrderOf(list.sort, key) } : {};

  const builtIn: Record<BuiltInColumn, TableColumnsType<Customer>[number]> = {
    name: {
      title: t('customers.columns.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, c) => (
        <Link to={`/customers/${c.id}`} data-testid={`customer-link-${c.id}`}>
          <Typography.Text strong style={{ color: 'inherit' }}>
            {name}
          </Typography.Text>
        </Link>
      ),
    },
    kind: { title: t('customers.columns.kind'), dataIndex: 'kind', render: (v: string) => labels.kind(v) },
    externalId: { title: t('customers.columns.externalId'), dataIndex: 'externalId' },
    ownerName: {
      title: t('customers.columns.ownerName'),
      dataIndex: 'ownerName',
      render: (name: string | null, c) =>
        c.ownerId === null ? (
          <Tag color="gold" data-testid="pool-tag">
            {t('customers.pool')}
          </Tag>
        ) : (
          name
        ),
    },
    status: {
      title: t('customers.columns.status'),
      dataIndex: 'status',
      render: (s: string) => <CustomerStatusTag status={s} />,
    },
    industry: { title: t('customers.columns.industry'), dataIndex: 'industry' },
    province: {
      title: t('customers.columns.province'),
      dataIndex: 'province',
      render: (_: unknown, c) => [c.province, c.city].filter(Boolean).join(' / '),
    },
    sizeBand: {
      title: t('customers.columns.sizeBand'),
      dataIndex: 'sizeBand',
      render: (v: string | null) => labels.sizeBand(v),
    },
    source: {
      title: t('customers.columns.source'),
      dataIndex: 'source',
      render: (v: string | null) => labels.source(v),
    },
    phone: { title: t('customers.columns.phone'), dataIndex: 'phone' },
    email: { title: t('customers.columns.email'), dataIndex: 'email' },
    wechat: { title: t('customers.columns.wechat'), dataIndex: 'wechat' },
    address: { title: t('customers.columns.address'), dataIndex: 'address', ellipsis: true, width: 220 },
    website: { title: t('customers.columns.website'), dataIndex: 'website', ellipsis: true, width: 200 },
    lifetimeSpend: {
      title: t('customers.columns.lifetimeSpend'),
      dataIndex: 'lifetimeSpend',
      align: 'right',
      render: (v: string) => formatMoney(v),
    },
    lastOrderAt: { title: t('customers.columns.lastOrderAt'), dataIndex: 'lastOrderAt', render: dateTime },
    lastFollowupAt: {
      title: t('customers.columns.lastFollowupAt'),
      dataIndex: 'lastFollowupAt',
      render: dateTime,
    },
    openTickets: {
      title: t('customers.columns.openTickets'),
      dataIndex: 'openTickets',
      align: 'right',
      render: (n: number) => (n > 0 ? <Badge count={n} color="volcano" showZero={false} /> : secondary('0')),
    },
    createdAt: { title: t('customers.columns.createdAt'), dataIndex: 'createdAt', render: dateTime },
    notes: { title: t('customers.columns.notes'), dataIndex: 'notes', ellipsis: true, width: 220 },
  };
  const defByColumn = new Map(defs.map((d) => [customColumnKey(d.key), d]));
  const classificationByKey = new Map(classificationColumns.map((c) => [c.key, c]));

  const columns: TableColumnsType<Customer> = visible.flatMap((key) => {
    if (key in builtIn) return [{ key, ...builtIn[key as BuiltInColumn], ...sortable(key) }];
    const placement = classificationByKey.get(key);
    if (placement)
      return [{ key, title: placement.title, render: (_: unknown, c: Customer) => placement.render(c) }];
    const def = defByColumn.get(key);
    if (!def) return [];
    return [
      {
        key,
        title: cfLabel(def),
        render: (_: unknown, c: Customer) => renderCustomValue(c.customFields[def.key]),
      },
    ];
  });
  if (canWrite) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, c) =>
        mayEdit(c) ? (
          <Space size={0}>
            <Button
              type="link"
              size="small"
              icon={<MessageOutlined />}
              onClick={() => setFollowup({ id: c.id, name: c.name })}
              data-testid={`customer-followup-${c.id}`}
            >
              {t('customers.writeFollowup')}
            </Button>
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(c)}
              data-testid={`customer-edit-${c.id}`}
            >
              {t('common.edit')}
            </Button>
          </Space>
        ) : null,
    });
  }

  const ownerOptions = [
    { value: 'all', label: t('customers.filters.ownerAll') },
    { value: 'me', label: t('customers.filters.ownerMe') },
    { value: 'none', label: t('customers.filters.ownerNone') },
    ...(can('users.read') ? [{ value: 'user', label: t('customers.filters.ownerUser') }] : []),
  ];

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        extra={
          <>
            {can('customers.export') && <ExportButton params={list.params} columns={visible} />}
            {canWrite && (
              <Link to="/customers/import">
                <Button icon={<UploadOutlined />} data-testid="customers-import">
                  {t('imports.button')}
                </Button>
              </Link>
            )}
            {canWrite && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                data-testid="customer-create"
              >
                {t('customers.create')}
              </Button>
            )}
          </>
        }
      />
      <Flex justify="space-between" gap={12} wrap className="list-toolbar">
        <Flex gap={12} wrap>
          <Input.Search
            allowClear
            value={searchText}
            onChange={(e) => {
              setSearchText(e.target.value);
              if (e.target.value === '') list.setQ('');
            }}
            placeholder={t('customers.searchPlaceholder')}
            onSearch={list.setQ}
            style={{ width: 270 }}
            data-testid="customers-search"
          />
          <Select<OwnerMode>
            value={ownerMode}
            onChange={setOwner}
            options={ownerOptions}
            style={{ width: 140 }}
            aria-label={t('customers.filters.owner')}
            data-testid="customers-owner-filter"
          />
          {ownerMode === 'user' && (
            <UserSelect
              value={list.filters.ownerId}
              onChange={(v) => list.setFilter('ownerId', v)}
              placeholder={t('customers.filters.pickUser')}
              style={{ width: 220 }}
              data-testid="customers-owner-user"
              aria-label={t('customers.filters.pickUser')}
            />
          )}
          <Select<CustomerStatus>
            allowClear
            value={list.filters.status}
            onChange={(v?: CustomerStatus) => list.setFilter('status', v)}
            placeholder={t('customers.filters.allStatuses')}
            options={CUSTOMER_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
            style={{ width: 130 }}
            aria-label={t('customers.filters.status')}
            data-testid="customers-status-filter"
          />
          <Badge
            count={advanced ? '!' : appliedCount}
            size="small"
            color={filterRejected ? 'red' : '#1f6feb'}
          >
            <Button
              icon={<FilterOutlined />}
              type={filterOpen ? 'primary' : 'default'}
              ghost={filterOpen}
              onClick={() => setFilterOpen((o) => !o)}
              data-testid="customers-filter-toggle"
            >
              {t('rules.button')}
            </Button>
          </Badge>
        </Flex>
        <Flex gap={8} wrap style={{ marginInlineStart: 'auto' }}>
          <SavedViewsBar selectedId={viewId} onSelect={applyView} currentConfig={currentConfig} />
          <ColumnChooser
            value={visible}
            onChange={setColumns}
            customFields={defs}
            classificationColumns={classificationColumns}
          />
        </Flex>
      </Flex>
      {filterOpen && (
        <FilterBuilder
          fields={fields.data?.items}
          fieldsLoading={fields.isPending}
          fieldsError={fields.error}
          state={draft}
          onChange={(next) => {
            setDraft(next);
            if (incomplete.length)
              setIncomplete(incomplete.filter((id) => next.rows.some((r) => r.id === id)));
          }}
          rowErrors={rowErrors}
          error={generalIssues.length ? generalIssues.join('; ') : undefined}
          advanced={advanced}
          onApply={applyFilter}
          onClear={clearFilter}
          actions={
            can('segments.manage') && list.filters.filter ? (
              <Link
                to={`/segmentation/segments/new?rule=${encodeURIComponent(list.filters.filter)}`}
                data-testid="filter-save-segment"
              >
                <Button icon={<ClusterOutlined />}>{t('segmentation.segments.saveFilter')}</Button>
              </Link>
            ) : undefined
          }
        />
      )}
      {!filterRejected && (
        <QueryErrorAlert error={customers.error} onRetry={() => void customers.refetch()} />
      )}
      {canSelect && selected.size > 0 && (
        <BulkActions selected={[...selected.values()]} onDone={() => setSelected(new Map())} />
      )}
      <Table<Customer>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={filterRejected ? [] : customers.data?.items}
        loading={customers.isFetching}
        pagination={pagination(list.params, filterRejected ? 0 : customers.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        rowSelection={
          canSelect
            ? {
                selectedRowKeys: [...selected.keys()],
                preserveSelectedRowKeys: true,
                onChange: (keys, rows) => {
                  const next = new Map<string, Customer>();
                  for (const key of keys) {
                    const c = rows.find((r) => r?.id === key) ?? selected.get(String(key));
                    if (c) next.set(c.id, c);
                  }
                  setSelected(next);
                },
              }
            : undefined
        }
        locale={{
          emptyText: tableEmpty(
            customers.isPending && !filterRejected,
            filterRejected
              ? t('rules.fixToSee')
              : list.narrowed
                ? t('customers.emptyFiltered')
                : t('customers.empty'),
          ),
        }}
        data-testid="customers-table"
      />
      <QuickFollowupModal customer={followup} onClose={() => setFollowup(null)} onSaved={invalidate} />
      <CustomerFormModal
        open={editing !== null}
        customer={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
