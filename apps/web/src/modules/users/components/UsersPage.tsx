import { useState } from 'react';
import {
  App,
  Badge,
  Button,
  Flex,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Role, User } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../../app/api/errors.ts';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { tableEmpty } from '../../../app/components/TableEmpty.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { sortOrderOf, useListState, usePagination } from '../../../app/hooks/useListState.ts';
import { usePermissions, useSession } from '../../auth/session.ts';
import { TeamSelect } from '../../teams/components/TeamSelect.tsx';
import type { UserStatus } from '../api.ts';
import { useUpdateUser, useUserList } from '../hooks/useUsers.ts';
import { CreateUserModal } from './CreateUserModal.tsx';
import { EditUserModal } from './EditUserModal.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { RoleSelect } from './RoleSelect.tsx';
import { RoleTag } from './RoleTag.tsx';

type UserFilters = { role?: Role; teamId?: string; status?: UserStatus };

export default function UsersPage() {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const { message } = App.useApp();
  const me = useSession();
  const can = usePermissions();
  const canManage = can('users.manage');
  // `?teamId=` comes from the teams page ("view members").
  const [searchParams] = useSearchParams();
  const list = useListState<UserFilters>({
    sort: 'name',
    filters: { teamId: searchParams.get('teamId') ?? undefined },
  });
  const users = useUserList(list.params);
  const pagination = usePagination();
  const update = useUpdateUser();
  const handleError = useApiErrorHandler();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const toggleDisabled = (user: User) =>
    update.mutateAsync({ id: user.id, body: { version: user.version, disabled: !user.disabled } }).then(
      () => void message.success(user.disabled ? t('users.enabledDone') : t('users.disabledDone')),
      (err: unknown) => {
        if (isApiError(err, 'VERSION_CONFLICT')) void message.warning(t('errors.versionConflict'));
        else handleError(err);
      },
    );

  const columns: TableColumnsType<User> = [
    {
      key: 'name',
      title: t('users.columns.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'name'),
      render: (name: string, user) => (
        <Space size={4}>
          <Typography.Text strong>{name}</Typography.Text>
          {user.id === me.user.id && <Tag color="processing">{t('common.you')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'email',
      title: t('users.columns.email'),
      dataIndex: 'email',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'email'),
    },
    {
      key: 'role',
      title: t('users.columns.role'),
      dataIndex: 'role',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'role'),
      render: (role: Role) => <RoleTag role={role} />,
    },
    {
      key: 'team',
      title: t('users.columns.team'),
      dataIndex: 'teamName',
      render: (teamName: string | null) =>
        teamName ?? <Typography.Text type="secondary">{t('users.noTeam')}</Typography.Text>,
    },
    {
      key: 'status',
      title: t('users.columns.status'),
      dataIndex: 'disabled',
      render: (disabled: boolean) =>
        disabled ? (
          <Badge status="default" text={t('users.status.disabled')} />
        ) : (
          <Badge status="success" text={t('users.status.active')} />
        ),
    },
    {
      key: 'lastLoginAt',
      title: t('users.columns.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'lastLoginAt'),
      render: (value: string | null) =>
        value ? (
          formatDateTime(value, timeZone)
        ) : (
          <Typography.Text type="secondary">{t('users.never')}</Typography.Text>
        ),
    },
    {
      key: 'createdAt',
      title: t('users.columns.createdAt'),
      dataIndex: 'createdAt',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'createdAt'),
      render: (value: string | null) => formatDateTime(value, timeZone),
    },
  ];

  if (canManage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, user) => {
        const isSelf = user.id === me.user.id;
        return (
          <Space size={0} wrap>
            <Button
              type="link"
              size="small"
              onClick={() => setEditing(user)}
              data-testid={`user-edit-${user.id}`}
            >
              {t('common.edit')}
            </Button>
            <Button type="link" size="small" onClick={() => setResetting(user)}>
              {t('users.resetPassword')}
            </Button>
            {isSelf ? (
              <Tooltip title={t('users.cannotChangeSelf')}>
                <Button type="link" size="small" danger disabled>
                  {t('users.disable')}
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm
                title={
                  user.disabled
                    ? t('users.enableConfirm', { name: user.name })
                    : t('users.disableConfirm', { name: user.name })
                }
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: !user.disabled }}
                onConfirm={() => toggleDisabled(user)}
              >
                <Button
                  type="link"
                  size="small"
                  danger={!user.disabled}
                  data-testid={`user-toggle-${user.id}`}
                >
                  {user.disabled ? t('users.enable') : t('users.disable')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    });
  }

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="user-create"
            >
              {t('users.create')}
            </Button>
          )
        }
      />
      <Flex gap={12} wrap className="list-toolbar">
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          onSearch={list.setQ}
          style={{ width: 260 }}
          data-testid="users-search"
        />
        <RoleSelect
          allowClear
          aria-label={t('users.filters.role')}
          placeholder={t('users.filters.allRoles')}
          value={list.filters.role}
          onChange={(v) => list.setFilter('role', v)}
          style={{ width: 160 }}
        />
        {can('teams.read') && (
          <TeamSelect
            aria-label={t('users.filters.team')}
            placeholder={t('users.filters.allTeams')}
            value={list.filters.teamId}
            onChange={(v) => list.setFilter('teamId', v ?? undefined)}
            style={{ width: 200 }}
          />
        )}
        <Select<UserStatus>
          allowClear
          aria-label={t('users.filters.status')}
          placeholder={t('users.filters.allStatuses')}
          value={list.filters.status}
          onChange={(v?: UserStatus) => list.setFilter('status', v)}
          options={[
            { value: 'active', label: t('users.status.active') },
            { value: 'disabled', label: t('users.status.disabled') },
          ]}
          style={{ width: 140 }}
        />
      </Flex>
      <QueryErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={users.data?.items}
        loading={users.isFetching}
        pagination={pagination(list.params, users.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: tableEmpty(users.isPending, list.narrowed ? t('users.emptyFiltered') : t('users.empty')),
        }}
        data-testid="users-table"
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      {editing && (
        <EditUserModal user={editing} isSelf={editing.id === me.user.id} onClose={() => setEditing(null)} />
      )}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </>
  );
}
