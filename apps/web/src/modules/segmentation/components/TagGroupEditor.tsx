import { App, Form, Input, Modal, Radio } from 'antd';
import type { TagGroup } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { conflictCurrent } from '../../../app/api/errors.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { useSaveTagGroup } from '../hooks/useTags.ts';

interface Props {
  open: boolean;
  /** The group to edit; `null` to create one. */
  group: TagGroup | null;
  onClose: () => void;
}

interface Values {
  nameZh: string;
  nameEn: string;
  exclusive: boolean;
}

/** Creates or edits a tag group: names in both languages, single- or multi-choice. */
export function TagGroupEditor({ open, group, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const save = useSaveTagGroup();
  const [form] = Form.useForm<Values>();

  const submit = (values: Values) =>
    save.mutate(group ? { id: group.id, body: { version: group.version, ...values } } : { body: values }, {
      onSuccess: () => {
        void message.success(t('segmentation.tags.groupSaved'));
        onClose();
      },
      onError: (err) => {
        if (conflictCurrent(err)) {
          void message.warning(t('errors.versionConflict'));
          onClose();
          return;
        }
        handleError(err, { form });
      },
    });

  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <Modal
      open={open}
      title={group ? t('segmentation.tags.editGroup') : t('segmentation.tags.createGroup')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'tag-group-save' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{
          nameZh: group?.nameZh ?? '',
          nameEn: group?.nameEn ?? '',
          exclusive: group?.exclusive ?? false,
        }}
        data-testid="tag-group-form"
      >
        <Form.Item name="nameZh" label={t('segmentation.tags.groupNameZh')} rules={required}>
          <Input maxLength={60} data-testid="tag-group-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('segmentation.tags.groupNameEn')} rules={required}>
          <Input maxLength={60} data-testid="tag-group-name-en" />
        </Form.Item>
        <Form.Item
          name="exclusive"
          label={t('segmentation.tags.choice')}
          extra={t('segmentation.tags.choiceHelp')}
        >
          <Radio.Group
            options={[
              { value: false, label: t('segmentation.tags.multi') },
              { value: true, label: t('segmentation.tags.single') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
