import { useState } from 'react';
import {
  App,
  Button,
  Checkbox,
  Dropdown,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { EllipsisOutlined, SaveOutlined } from '@ant-design/icons';
import type { SavedView } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api/errors.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { usePermissions, useSession } from '../../auth/session.ts';
import {
  useCreateSavedView,
  useDeleteSavedView,
  useSavedViews,
  useUpdateSavedView,
} from '../hooks/useSavedViews.ts';

export type ViewConfig = SavedView['config'];

interface Props {
  selectedId: string | undefined;
  onSelect: (view: SavedView | undefined) => void;
  /** The list's current columns, filter, sort and search. */
  currentConfig: () => ViewConfig;
}

interface FormValues {
  name: string;
  shared: boolean;
}

/** Saved views of the customer list: pick one, save the current view, update / rename / delete your own. */
export function SavedViewsBar({ selectedId, onSelect, currentConfig }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useSession();
  const can = usePermissions();
  const mayShare = can('customers.transfer');
  const views = useSavedViews();
  const create = useCreateSavedView();
  const update = useUpdateSavedView();
  const remove = useDeleteSavedView();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<FormValues>();
  /** `new` saves the current view; a view is being renamed. */
  const [editing, setEditing] = useState<'new' | SavedView | null>(null);

  const items = views.data?.items ?? [];
  const selected = items.find((v) => v.id === selectedId);
  const mayEdit = (v: SavedView) => v.ownerId === me.user.id || me.user.role === 'admin';
  const mine = items.filter((v) => v.ownerId === me.user.id);
  const others = items.filter((v) => v.ownerId !== me.user.id);

  const optionOf = (v: SavedView) => ({
    value: v.id,
    label: (
      <Space size={4}>
        <span>{v.name}</span>
        {v.shared && (
          <Tag color="purple" bordered={false} style={{ marginInlineEnd: 0 }}>
            {t('customers.views.sharedTag')}
          </Tag>
        )}
        {v.ownerId !== me.user.id && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('customers.views.sharedBy', { name: v.ownerName })}
          </Typography.Text>
        )}
      </Space>
    ),
    name: v.name,
  });
  const options = [
    ...(mine.length
      ? [{ label: t('customers.views.mine'), title: 'mine', options: mine.map(optionOf) }]
      : []),
    ...(others.length
      ? [{ label: t('customers.views.shared'), title: 'shared', options: others.map(optionOf) }]
      : []),
  ];

  const onConflict = (err: unknown) => {
    if (isApiError(err, 'VERSION_CONFLICT')) {
      void message.warning(t('errors.versionConflict'));
      void views.refetch();
      return true;
    }
    return false;
  };

  const openNew = () => {
    setEditing('new');
    form.setFieldsValue({ name: '', shared: false });
  };
  const openRename = (view: SavedView) => {
    setEditing(view);
    form.setFieldsValue({ name: view.name, shared: view.shared });
  };

  const onFinish = (values: FormValues) => {
    const name = values.name.trim();
    const shared = mayShare ? values.shared : undefined;
    if (editing === 'new') {
      create.mutate(
        { name, shared, config: currentConfig() },
        {
          onSuccess: (view) => {
            void message.success(t('customers.views.saved'));
            setEditing(null);
            onSelect(view);
          },
          onError: (err) => handleError(err, { form }),
        },
      );
    } else if (editing) {
      update.mutate(
        {
          id: editing.id,
          body: { version: editing.version, name, ...(shared === undefined ? {} : { shared }) },
        },
        {
          onSuccess: () => {
            void message.success(t('customers.views.updated'));
            setEditing(null);
          },
          onError: (err) => {
            if (onConflict(err)) setEditing(null);
            else handleError(err, { form });
          },
        },
      );
    }
  };

  const saveIntoSelected = (view: SavedView) =>
    update.mutate(
      { id: view.id, body: { version: view.version, config: currentConfig() } },
      {
        onSuccess: () => void message.success(t('customers.views.updated')),
        onError: (err) => {
          if (!onConflict(err)) handleError(err);
        },
      },
    );

  const confirmDelete = (view: SavedView) =>
    modal.confirm({
      title: t('customers.views.deleteConfirm', { name: view.name }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(view.id).then(
          () => {
            void message.success(t('customers.views.deleted'));
            onSelect(undefined);
          },
          (err: unknown) => handleError(err),
        ),
    });

  return (
    <Flex gap={8} align="center" wrap>
      <Select
        allowClear
        value={selected ? selectedId : undefined}
        onChange={(id?: string) => onSelect(items.find((v) => v.id === id))}
        options={options}
        loading={views.isPending}
        placeholder={t('customers.views.placeholder')}
        notFoundContent={
          views.isError
            ? t('errors.loadFailed')
            : views.isPending
              ? t('common.loading')
              : t('customers.views.empty')
        }
        optionLabelProp="name"
        showSearch
        optionFilterProp="name"
        popupMatchSelectWidth={false}
        style={{ width: 190 }}
        data-testid="saved-view-select"
        aria-label={t('customers.views.label')}
      />
      <Button icon={<SaveOutlined />} onClick={openNew} data-testid="saved-view-save">
        {t('customers.views.save')}
      </Button>
      {selected && mayEdit(selected) && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              {
                key: 'update',
                label: <span data-testid="saved-view-update">{t('customers.views.update')}</span>,
              },
              {
                key: 'rename',
                label: <span data-testid="saved-view-rename">{t('customers.views.rename')}</span>,
              },
              { type: 'divider' },
              {
                key: 'delete',
                danger: true,
                label: <span data-testid="saved-view-delete">{t('customers.views.delete')}</span>,
              },
            ],
            onClick: ({ key }) => {
              if (key === 'update') saveIntoSelected(selected);
              if (key === 'rename') openRename(selected);
              if (key === 'delete') confirmDelete(selected);
            },
          }}
        >
          <Button
            icon={<EllipsisOutlined />}
            loading={update.isPending && !editing}
            aria-label={t('customers.views.actions')}
            data-testid="saved-view-actions"
          />
        </Dropdown>
      )}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('customers.views.saveTitle') : t('customers.views.renameTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        confirmLoading={create.isPending || update.isPending}
        destroyOnHidden
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={onFinish}
          data-testid="saved-view-form"
        >
          <Form.Item
            name="name"
            label={t('customers.views.name')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required') },
              { max: 100, message: t('validation.maxLength', { max: 100 }) },
            ]}
            extra={editing === 'new' ? t('customers.views.savesWhat') : undefined}
          >
            <Input placeholder={t('customers.views.namePlaceholder')} data-testid="saved-view-name" />
          </Form.Item>
          {mayShare && (
            <Form.Item name="shared" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox data-testid="saved-view-shared">{t('customers.views.shareWithAll')}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Flex>
  );
}
