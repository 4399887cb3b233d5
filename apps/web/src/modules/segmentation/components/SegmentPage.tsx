import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Dropdown,
  Flex,
  Form,
  Input,
  Popconfirm,
  Radio,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  ArrowLeftOutlined,
  DeleteOutlined,
  DownloadOutlined,
  SaveOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { Segment } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { conflictCurrent, isApiError } from '../../../app/api/errors.ts';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { tableEmpty } from '../../../app/components/TableEmpty.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { usePagination } from '../../../app/hooks/useListState.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { usePermissions } from '../../auth/session.ts';
import { customersApi } from '../../customers/api.ts';
import type { ExportFormat } from '../../customers/api.ts';
import { useCustomerFields } from '../../customers/hooks/useCustomers.ts';
import { parseFilter } from '../../customers/rules.ts';
import { customersListUrl, segmentFilter } from '../api-segments.ts';
import type { SegmentEventRow, SegmentMemberRow } from '../api-segments.ts';
import {
  useCreateSegment,
  useDeleteSegment,
  useSegment,
  useSegmentEvents,
  useSegmentMembers,
  useSegmentMembership,
  useUpdateSegment,
} from '../hooks/useSegments.ts';
import { SegmentKindTag } from './SegmentKindTag.tsx';
import { SegmentRuleEditor } from './SegmentRuleEditor.tsx';
import type { RuleDraft } from './SegmentRuleEditor.tsx';
import { RuleSummary } from './SegmentRuleSummary.tsx';

type Kind = Segment['kind'];
interface FormValues {
  name: string;
  description?: string;
  kind: Kind;
}

/** `/segmentation/segments/new` (optionally `?rule=<JSON>` to start from) and `/segmentation/segments/:id`. */
export default function SegmentPage() {
  const { id } = useParams();
  const segmentId = id && id !== 'new' ? id : undefined;
  return <SegmentView key={segmentId ?? 'new'} segmentId={segmentId} />;
}

function SegmentView({ segmentId }: { segmentId: string | undefined }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const segment = useSegment(segmentId);
  const [search] = useSearchParams();
  const canManage = can('segments.manage');

  if (segmentId && !segment.data) {
    return (
      <>
        <PageHeader title={t('segmentation.segments.title')} />
        {segment.error ? (
          <QueryErrorAlert error={segment.error} onRetry={() => void segment.refetch()} />
        ) : (
          <Skeleton active paragraph={{ rows: 6 }} />
        )}
      </>
    );
  }
  const startRule = segmentId ? segment.data?.rule : parseFilter(search.get('rule') ?? undefined);
  return (
    <>
      {canManage ? (
        <SegmentEditor segment={segment.data} startRule={startRule ?? null} />
      ) : (
        <SegmentReadOnly segment={segment.data!} />
      )}
      {segment.data && <SegmentTabs segment={segment.data} canManage={canManage} />}
    </>
  );
}

/** Buttons of an existing segment: open as list, export, delete. */
function SegmentActions({ segment, canManage }: { segment: Segment; canManage: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const can = usePermissions();
  const navigate = useNavigate();
  const handleError = useApiErrorHandler();
  const remove = useDeleteSegment();
  const [exporting, setExporting] = useState(false);
  const filter = JSON.stringify(segmentFilter(segment.id));

  const runExport = async (format: ExportFormat) => {
    setExporting(true);
    try {
      await customersApi.export({ filter, format });
      void message.success(t('customers.export.done'));
    } catch (err) {
      handleError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Link to={customersListUrl(segmentFilter(segment.id))} data-testid="segment-open-list">
        <Button icon={<UnorderedListOutlined />}>{t('segmentation.segments.openAsList')}</Button>
      </Link>
      {can('customers.export') && (
        <Dropdown
          trigger={['click']}
          disabled={exporting}
          menu={{
            items: [
              { key: 'xlsx', label: t('customers.export.xlsx') },
              { key: 'csv', label: t('customers.export.csv') },
            ],
            onClick: ({ key }) => void runExport(key as ExportFormat),
          }}
        >
          <Button icon={<DownloadOutlined />} loading={exporting} data-testid="segment-export">
            {t('segmentation.segments.export')}
          </Button>
        </Dropdown>
      )}
      {canManage && (
        <Popconfirm
          title={t('segmentation.segments.deleteConfirm', { name: segment.name })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, 'data-testid': 'segment-delete-ok' }}
          onConfirm={() =>
            remove.mutateAsync(segment.id).then(
              () => {
                void message.success(t('segmentation.segments.deleted'));
                void navigate('/segmentation/segments');
              },
              (err: unknown) => {
                if (isApiError(err, 'RULE_REFERENCED'))
                  modal.warning({ title: t('segmentation.segments.cannotDelete'), content: err.message });
                else handleError(err);
              },
            )
          }
        >
          <Button danger icon={<DeleteOutlined />} data-testid="segment-delete">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
    </>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/segmentation/segments" style={{ display: 'inline-block', marginBottom: 8 }}>
      <ArrowLeftOutlined /> {t('segmentation.segments.back')}
    </Link>
  );
}

/** What a rep sees: the definition in words and the members. */
function SegmentReadOnly({ segment }: { segment: Segment }) {
  const { t, i18n } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const fields = useCustomerFields(i18n.language);
  return (
    <>
      <BackLink />
      <PageHeader title={segment.name} extra={<SegmentActions segment={segment} canManage={false} />} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('segmentation.segments.kind')}>
            <SegmentKindTag kind={segment.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('segmentation.segments.count')}>
            {segment.count.toLocaleString()}
          </Descriptions.Item>
          <Descriptions.Item label={t('segmentation.segments.description')} span={2}>
            {segment.description || '—'}
          </Descriptions.Item>
          {segment.kind === 'dynamic' && (
            <Descriptions.Item label={t('segmentation.segments.ruleLabel')} span={2}>
              <RuleSummary rule={segment.rule} fields={fields.data?.items} />
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('segmentation.segments.updatedAt')}>
            {formatDateTime(segment.updatedAt, timeZone)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </>
  );
}

/** The segment builder: name, description, kind and (dynamic) the rule with a live count. */
function SegmentEditor({ segment, startRule }: { segment: Segment | undefined; startRule: unknown }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const handleError = useApiErrorHandler();
  const fields = useCustomerFields(i18n.language);
  const create = useCreateSegment();
  const update = useUpdateSegment();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? segment?.kind ?? 'dynamic';
  const [draft, setDraft] = useState<RuleDraft>({ rule: undefined, incomplete: [] });
  const [showIncomplete, setShowIncomplete] = useState(false);
  const [ruleMissing, setRuleMissing] = useState(false);
  /** A newer version after a conflict: the editor starts again from it. */
  const [base, setBase] = useState<{ version: number | undefined; rule: unknown; n: number }>({
    version: segment?.version,
    rule: startRule,
    n: 0,
  });

  const rowErrors: Record<string, string> = {};
  if (showIncomplete) for (const id of draft.incomplete) rowErrors[id] = t('validation.required');

  const save = (values: FormValues) => {
    if (values.kind === 'dynamic') {
      if (draft.incomplete.length > 0) {
        setShowIncomplete(true);
        void message.warning(t('rules.incomplete'));
        return;
      }
      if (draft.rule === undefined) {
        setRuleMissing(true);
        return;
      }
    }
    const description = values.description?.trim() ?? '';
    if (!segment) {
      create.mutate(
        {
          name: values.name,
          description,
          kind: values.kind,
          ...(values.kind === 'dynamic' ? { rule: draft.rule } : {}),
        },
        {
          onSuccess: (created) => {
            void message.success(t('segmentation.segments.created'));
            void navigate(`/segmentation/segments/${created.id}`, { replace: true });
          },
          onError: (err) => handleError(err, { form }),
        },
      );
      return;
    }
    update.mutate(
      {
        id: segment.id,
        body: {
          version: base.version ?? segment.version,
          name: values.name,
          description,
          ...(segment.kind === 'dynamic' ? { rule: draft.rule } : {}),
        },
      },
      {
        onSuccess: (saved) => {
          setBase((b) => ({ ...b, version: saved.version }));
          void message.success(t('segmentation.segments.saved'));
        },
        onError: (err) => {
          const current = conflictCurrent<Segment>(err);
          if (current) {
            form.setFieldsValue({ name: current.name, description: current.description });
            setBase((b) => ({ version: current.version, rule: current.rule, n: b.n + 1 }));
            void message.warning(t('errors.versionConflict'));
            return;
          }
          handleError(err, { form });
        },
      },
    );
  };

  const title = segment ? segment.name : t('segmentation.segments.newTitle');
  return (
    <>
      <BackLink />
      <PageHeader
        title={title}
        subtitle={segment ? undefined : t('segmentation.segments.newSubtitle')}
        extra={segment ? <SegmentActions segment={segment} canManage /> : undefined}
      />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{
          name: segment?.name ?? '',
          description: segment?.description ?? '',
          kind: segment?.kind ?? 'dynamic',
        }}
        onFinish={save}
        data-testid="segment-form"
      >
        <Card size="small" style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap align="flex-start">
            <Form.Item
              name="name"
              label={t('segmentation.segments.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
              style={{ flex: '1 1 260px', marginBottom: 8 }}
            >
              <Input maxLength={80} data-testid="segment-name" />
            </Form.Item>
            <Form.Item
              name="kind"
              label={t('segmentation.segments.kind')}
              style={{ flex: '0 0 auto', marginBottom: 8 }}
              tooltip={segment ? t('segmentation.segments.kindFixed') : undefined}
            >
              <Radio.Group
                optionType="button"
                disabled={!!segment}
                options={[
                  { value: 'dynamic', label: t('segmentation.segments.kinds.dynamic') },
                  { value: 'static', label: t('segmentation.segments.kinds.static') },
                ]}
                data-testid="segment-kind"
              />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('segmentation.segments.description')}
              style={{ flex: '2 1 360px', marginBottom: 8 }}
            >
              <Input maxLength={1000} data-testid="segment-description" />
            </Form.Item>
          </Flex>
          <Typography.Text type="secondary">
            {kind === 'dynamic'
              ? t('segmentation.segments.kindHelp.dynamic')
              : t('segmentation.segments.kindHelp.static')}
          </Typography.Text>
        </Card>
        {kind === 'dynamic' && (
          <>
            {ruleMissing && draft.rule === undefined && (
              <Alert
                type="error"
                showIcon
                message={t('segmentation.segments.ruleRequired')}
                style={{ marginBottom: 12 }}
              />
            )}
            <SegmentRuleEditor
              key={base.n}
              fields={fields.data?.items}
              fieldsLoading={fields.isPending}
              fieldsError={fields.error}
              initialRule={base.rule}
              use="segment"
              onChange={setDraft}
              rowErrors={rowErrors}
            />
          </>
        )}
        {kind === 'static' && !segment && (
          <Alert type="info" showIcon message={t('segmentation.segments.staticHint')} />
        )}
        <Flex justify="flex-end" gap={8} style={{ marginTop: 16, marginBottom: 16 }}>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            loading={create.isPending || update.isPending}
            data-testid="segment-save"
          >
            {segment ? t('common.save') : t('segmentation.segments.create')}
          </Button>
        </Flex>
      </Form>
    </>
  );
}

/** Members (with when they entered) and entered/exited events. */
function SegmentTabs({ segment, canManage }: { segment: Segment; canManage: boolean }) {
  const { t } = useTranslation();
  return (
    <Card size="small">
      <Tabs
        items={[
          {
            key: 'members',
            label: (
              <span data-testid="segment-tab-members">
                {t('segmentation.segments.members')}{' '}
                <Tag bordered={false} data-testid="segment-count" data-count={segment.count}>
                  {segment.count.toLocaleString()}
                </Tag>
              </span>
            ),
            children: <MembersTab segment={segment} canRemove={canManage && segment.kind === 'static'} />,
          },
          {
            key: 'events',
            label: <span data-testid="segment-tab-events">{t('segmentation.segments.events')}</span>,
            children: <EventsTab segmentId={segment.id} />,
          },
        ]}
      />
    </Card>
  );
}

function MembersTab({ segment, canRemove }: { segment: Segment; canRemove: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const timeZone = useWorkspaceTimeZone();
  const pagination = usePagination();
  const handleError = useApiErrorHandler();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [selected, setSelected] = useState<string[]>([]);
  const members = useSegmentMembers(segment.id, page, pageSize);
  const membership = useSegmentMembership();

  const columns: TableColumnsType<SegmentMemberRow> = [
    {
      key: 'name',
      title: t('segmentation.segments.customer'),
      dataIndex: 'name',
      render: (name: string, m) => <Link to={`/customers/${m.customerId}`}>{name}</Link>,
    },
    {
      key: 'owner',
      title: t('segmentation.segments.owner'),
      dataIndex: 'ownerName',
      render: (v: string | null) => v ?? <Tag color="gold">{t('customers.pool')}</Tag>,
    },
    {
      key: 'enteredAt',
      title: t('segmentation.segments.enteredAt'),
      dataIndex: 'enteredAt',
      render: (v: string) => formatDateTime(v, timeZone),
    },
  ];

  const remove = () =>
    membership.mutateAsync({ id: segment.id, remove: selected }).then(
      (r) => {
        void message.success(t('segmentation.segments.removed', { affected: r.affected }));
        setSelected([]);
      },
      (err: unknown) => handleError(err),
    );

  return (
    <>
      <QueryErrorAlert error={members.error} onRetry={() => void members.refetch()} />
      {canRemove && (
        <Space style={{ marginBottom: 12 }}>
          <Popconfirm
            title={t('segmentation.segments.removeConfirm', { n: selected.length })}
            okText={t('segmentation.segments.removeMembers')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, 'data-testid': 'segment-remove-ok' }}
            onConfirm={remove}
            disabled={selected.length === 0}
          >
            <Button
              danger
              disabled={selected.length === 0}
              loading={membership.isPending}
              data-testid="segment-remove-members"
            >
              {t('segmentation.segments.removeMembers')}
            </Button>
          </Popconfirm>
          <Typography.Text type="secondary">{t('segmentation.segments.addHint')}</Typography.Text>
        </Space>
      )}
      <Table<SegmentMemberRow>
        rowKey="customerId"
        size="middle"
        columns={columns}
        dataSource={members.data?.items}
        loading={members.isFetching}
        pagination={pagination({ page, pageSize }, members.data?.total)}
        onChange={(p) => {
          setPageSize(p.pageSize ?? pageSize);
          setPage(p.pageSize !== pageSize ? 1 : (p.current ?? 1));
        }}
        rowSelection={
          canRemove
            ? {
                selectedRowKeys: selected,
                preserveSelectedRowKeys: true,
                onChange: (keys) => setSelected(keys.map(String)),
              }
            : undefined
        }
        locale={{
          emptyText: tableEmpty(
            members.isPending,
            segment.kind === 'static'
              ? t('segmentation.segments.noMembersStatic')
              : t('segmentation.segments.noMembers'),
          ),
        }}
        data-testid="segment-members"
      />
    </>
  );
}

function EventsTab({ segmentId }: { segmentId: string }) {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const pagination = usePagination();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const events = useSegmentEvents(segmentId, page, pageSize);
  const columns: TableColumnsType<SegmentEventRow> = [
    {
      key: 'at',
      title: t('segmentation.segments.eventAt'),
      dataIndex: 'at',
      render: (v: string) => formatDateTime(v, timeZone),
    },
    {
      key: 'kind',
      title: t('segmentation.segments.eventKind'),
      dataIndex: 'kind',
      render: (k: SegmentEventRow['kind']) => (
        <Tag color={k === 'entered' ? 'green' : 'default'}>{t(`segmentation.segments.eventKinds.${k}`)}</Tag>
      ),
    },
    {
      key: 'customer',
      title: t('segmentation.segments.customer'),
      dataIndex: 'customerName',
      render: (name: string, e) => <Link to={`/customers/${e.customerId}`}>{name}</Link>,
    },
  ];
  return (
    <>
      <QueryErrorAlert error={events.error} onRetry={() => void events.refetch()} />
      <Table<SegmentEventRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={events.data?.items}
        loading={events.isFetching}
        pagination={pagination({ page, pageSize }, events.data?.total)}
        onChange={(p) => {
          setPageSize(p.pageSize ?? pageSize);
          setPage(p.pageSize !== pageSize ? 1 : (p.current ?? 1));
        }}
        locale={{ emptyText: tableEmpty(events.isPending, t('segmentation.segments.noEvents')) }}
        data-testid="segment-events"
      />
    </>
  );
}
