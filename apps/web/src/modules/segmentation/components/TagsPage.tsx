import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Popconfirm,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { Tag as TagRow, TagGroup } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../../app/api/errors.ts';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { usePermissions } from '../../auth/session.ts';
import { useCustomerFields } from '../../customers/hooks/useCustomers.ts';
import { customersListUrl } from '../api-segments.ts';
import { useDeleteTag, useDeleteTagGroup, useTagGroups } from '../hooks/useTags.ts';
import { TagEditor } from './TagEditor.tsx';
import { TagGroupEditor } from './TagGroupEditor.tsx';
import { RuleSummary } from './SegmentRuleSummary.tsx';

/** The customer-list rule selecting the customers carrying a tag. */
const tagFilter = (id: string) => ({ field: 'tags', op: 'has_any', value: [id] });

/**
 * `/segmentation/tags`: tag groups (single- or multi-choice) with their tags, colours, how many
 * customers carry each, and auto-tag rules in words.
 */
export default function TagsPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const can = usePermissions();
  const handleError = useApiErrorHandler();
  const canManage = can('tags.manage');
  const groups = useTagGroups();
  const fields = useCustomerFields(i18n.language);
  const removeGroup = useDeleteTagGroup();
  const removeTag = useDeleteTag();
  const [editingGroup, setGroupTarget] = useState<TagGroup | 'new' | null>(null);
  const [editingTag, setTagTarget] = useState<{ tag: TagRow } | { groupId: string } | null>(null);
  /** A fresh editor (and form) each time one opens; closing keeps it for the closing animation. */
  const [opened, setOpened] = useState(0);
  const setEditingTag = (target: { tag: TagRow } | { groupId: string } | null) => {
    if (target) setOpened((n) => n + 1);
    setTagTarget(target);
  };
  const setEditingGroup = (group: TagGroup | 'new' | null) => {
    if (group) setOpened((n) => n + 1);
    setGroupTarget(group);
  };
  const items = groups.data?.items ?? [];
  const groupName = (g: TagGroup) => (i18n.language === 'en' ? g.nameEn : g.nameZh);

  const deleteError = (err: unknown) => {
    if (isApiError(err, 'RULE_REFERENCED'))
      modal.warning({ title: t('segmentation.tags.cannotDelete'), content: err.message });
    else handleError(err);
  };

  const columns: TableColumnsType<TagRow> = [
    {
      key: 'name',
      title: t('segmentation.tags.name'),
      dataIndex: 'name',
      width: 220,
      render: (name: string, tag) => (
        <Tag color={tag.color} data-testid={`tag-${tag.id}`}>
          {name}
        </Tag>
      ),
    },
    {
      key: 'count',
      title: t('segmentation.tags.count'),
      dataIndex: 'count',
      align: 'right',
      width: 120,
      render: (n: number, tag) => (
        <Tooltip title={t('segmentation.tags.openList')}>
          <Link to={customersListUrl(tagFilter(tag.id))} data-testid={`tag-count-${tag.id}`} data-count={n}>
            {n.toLocaleString()}
          </Link>
        </Tooltip>
      ),
    },
    {
      key: 'rule',
      title: t('segmentation.tags.rule'),
      dataIndex: 'rule',
      render: (rule: unknown, tag) =>
        rule == null ? (
          <Typography.Text type="secondary">{t('segmentation.tags.manual')}</Typography.Text>
        ) : (
          <Flex gap={6} align="baseline">
            <ThunderboltOutlined style={{ color: '#faad14' }} title={t('segmentation.tags.auto')} />
            <RuleSummary rule={rule} fields={fields.data?.items} testId={`tag-rule-${tag.id}`} />
          </Flex>
        ),
    },
  ];
  if (canManage)
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      align: 'right',
      width: 170,
      render: (_, tag) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditingTag({ tag })}
            data-testid={`tag-edit-${tag.id}`}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('segmentation.tags.deleteTagConfirm', { name: tag.name })}
            description={tag.count > 0 ? t('segmentation.tags.deleteTagCount', { n: tag.count }) : undefined}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, 'data-testid': `tag-delete-ok-${tag.id}` }}
            onConfirm={() =>
              removeTag
                .mutateAsync(tag.id)
                .then(() => void message.success(t('segmentation.tags.tagDeleted')), deleteError)
            }
          >
            <Button
              type="link"
              size="small"
              danger
              icon={<DeleteOutlined />}
              data-testid={`tag-delete-${tag.id}`}
            >
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });

  return (
    <>
      <PageHeader
        title={t('segmentation.tags.title')}
        subtitle={t('segmentation.tags.subtitle')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditingGroup('new')}
              data-testid="tag-group-create"
            >
              {t('segmentation.tags.createGroup')}
            </Button>
          )
        }
      />
      <QueryErrorAlert error={groups.error} onRetry={() => void groups.refetch()} />
      {groups.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : items.length === 0 && !groups.error ? (
        <Card>
          <Empty
            description={canManage ? t('segmentation.tags.noGroupsManage') : t('segmentation.tags.noGroups')}
          />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          {items.map((g) => (
            <Card
              key={g.id}
              size="small"
              data-testid={`tag-group-${g.id}`}
              title={
                <Flex gap={8} align="center" wrap>
                  <span>{groupName(g)}</span>
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
                    {i18n.language === 'en' ? g.nameZh : g.nameEn}
                  </Typography.Text>
                  <Tag bordered={false} color={g.exclusive ? 'orange' : 'blue'}>
                    {g.exclusive ? t('segmentation.tags.single') : t('segmentation.tags.multi')}
                  </Tag>
                </Flex>
              }
              extra={
                canManage && (
                  <Space size={0}>
                    <Button
                      type="link"
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() => setEditingTag({ groupId: g.id })}
                      data-testid={`tag-create-${g.id}`}
                    >
                      {t('segmentation.tags.createTag')}
                    </Button>
                    <Button
                      type="link"
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditingGroup(g)}
                      data-testid={`tag-group-edit-${g.id}`}
                    >
                      {t('common.edit')}
                    </Button>
                    <Popconfirm
                      title={t('segmentation.tags.deleteGroupConfirm', { name: groupName(g) })}
                      description={
                        g.tags.length > 0
                          ? t('segmentation.tags.deleteGroupTags', { n: g.tags.length })
                          : undefined
                      }
                      okText={t('common.delete')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true, 'data-testid': `tag-group-delete-ok-${g.id}` }}
                      onConfirm={() =>
                        removeGroup
                          .mutateAsync(g.id)
                          .then(() => void message.success(t('segmentation.tags.groupDeleted')), deleteError)
                      }
                    >
                      <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  </Space>
                )
              }
            >
              {g.tags.length === 0 ? (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    canManage ? t('segmentation.tags.noTagsManage') : t('segmentation.tags.noTags')
                  }
                  style={{ margin: 8 }}
                />
              ) : (
                <Table<TagRow>
                  rowKey="id"
                  size="small"
                  columns={columns}
                  dataSource={g.tags}
                  pagination={false}
                />
              )}
            </Card>
          ))}
        </Flex>
      )}
      <TagGroupEditor
        key={`group-${opened}`}
        open={editingGroup !== null}
        group={editingGroup === 'new' ? null : editingGroup}
        onClose={() => setEditingGroup(null)}
      />
      <TagEditor
        key={`tag-${opened}`}
        open={editingTag !== null}
        target={editingTag}
        groups={items}
        fields={fields}
        onClose={() => setEditingTag(null)}
      />
    </>
  );
}
