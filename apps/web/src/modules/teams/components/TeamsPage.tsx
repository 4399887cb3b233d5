import { useState } from 'react';
import { App, Button, Flex, Input, Popconfirm, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Team } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { tableEmpty } from '../../../app/components/TableEmpty.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { sortOrderOf, useListState, usePagination } from '../../../app/hooks/useListState.ts';
import { usePermissions } from '../../auth/session.ts';
import { useDeleteTeam, useTeamList } from '../hooks/useTeams.ts';
import { TeamFormModal } from './TeamFormModal.tsx';

export default function TeamsPage() {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const { message } = App.useApp();
  const can = usePermissions();
  const canManage = can('teams.manage');
  const list = useListState({ sort: 'name' });
  const teams = useTeamList(list.params);
  const pagination = usePagination();
  const remove = useDeleteTeam();
  const handleError = useApiErrorHandler();
  // `undefined`: closed; `null`: creating; a team: renaming it.
  const [editing, setEditing] = useState<Team | null | undefined>(undefined);

  const columns: TableColumnsType<Team> = [
    {
      key: 'name',
      title: t('teams.columns.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'name'),
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      key: 'memberCount',
      title: t('teams.columns.memberCount'),
      dataIndex: 'memberCount',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'memberCount'),
      render: (members: number, team) =>
        can('users.read') && members > 0 ? (
          <Tooltip title={t('teams.viewMembers')}>
            <Link to={`/settings/users?teamId=${encodeURIComponent(team.id)}`}>{members}</Link>
          </Tooltip>
        ) : (
          members
        ),
    },
    {
      key: 'createdAt',
      title: t('teams.columns.createdAt'),
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
      render: (_, team) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => setEditing(team)}
            data-testid={`team-rename-${team.id}`}
          >
            {t('teams.rename')}
          </Button>
          {team.memberCount > 0 ? (
            <Tooltip title={t('teams.deleteNotEmpty', { members: team.memberCount })}>
              <Button type="link" size="small" danger disabled>
                {t('common.delete')}
              </Button>
            </Tooltip>
          ) : (
            <Popconfirm
              title={t('teams.deleteConfirm', { name: team.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                remove.mutateAsync(team.id).then(
                  () => void message.success(t('teams.deleted')),
                  (err: unknown) => handleError(err),
                )
              }
            >
              <Button type="link" size="small" danger data-testid={`team-delete-${team.id}`}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing(null)}
              data-testid="team-create"
            >
              {t('teams.create')}
            </Button>
          )
        }
      />
      <Flex gap={12} wrap className="list-toolbar">
        <Input.Search
          allowClear
          placeholder={t('teams.searchPlaceholder')}
          onSearch={list.setQ}
          style={{ width: 260 }}
          data-testid="teams-search"
        />
      </Flex>
      <QueryErrorAlert error={teams.error} onRetry={() => void teams.refetch()} />
      <Table<Team>
        rowKey="id"
        columns={columns}
        dataSource={teams.data?.items}
        loading={teams.isFetching}
        pagination={pagination(list.params, teams.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: tableEmpty(teams.isPending, list.narrowed ? t('teams.emptyFiltered') : t('teams.empty')),
        }}
        data-testid="teams-table"
      />
      {editing !== undefined && (
        <TeamFormModal team={editing ?? undefined} onClose={() => setEditing(undefined)} />
      )}
    </>
  );
}
