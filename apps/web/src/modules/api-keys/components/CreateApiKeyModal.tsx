import { DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { UserSelect } from '../../users/components/UserSelect.tsx';
import { useCreateApiKey } from '../hooks/useApiKeys.ts';

interface Values {
  name: string;
  userId?: string;
  expiresAt?: Dayjs | null;
}

interface Props {
  open: boolean;
  /** Admins may create a key acting as another user. */
  canChooseUser: boolean;
  onClose: () => void;
  /** Called with the one-time secret after the key was created. */
  onCreated: (secret: string) => void;
}

export function CreateApiKeyModal({ open, canChooseUser, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateApiKey();
  const handleError = useApiErrorHandler();

  const onFinish = (values: Values) => {
    create.mutate(
      {
        name: values.name.trim(),
        userId: values.userId || undefined,
        // The end of the chosen day in the browser's time zone, as an ISO date-time with offset.
        expiresAt: values.expiresAt ? values.expiresAt.endOf('day').format() : undefined,
      },
      {
        onSuccess: (created) => {
          onClose();
          onCreated(created.secret);
        },
        onError: (err) => handleError(err, { form }),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('apiKeys.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        clearOnDestroy
        data-testid="api-key-create-form"
      >
        <Form.Item
          name="name"
          label={t('apiKeys.fields.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 100, message: t('validation.maxLength', { max: 100 }) },
          ]}
        >
          <Input placeholder={t('apiKeys.fields.namePlaceholder')} autoFocus data-testid="api-key-name" />
        </Form.Item>
        {canChooseUser && (
          <Form.Item name="userId" label={t('apiKeys.fields.user')} extra={t('apiKeys.fields.userHint')}>
            <UserSelect
              activeOnly
              placeholder={t('apiKeys.fields.userPlaceholder')}
              data-testid="api-key-user"
            />
          </Form.Item>
        )}
        <Form.Item
          name="expiresAt"
          label={t('apiKeys.fields.expiresAt')}
          extra={t('apiKeys.fields.expiresAtHint')}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            data-testid="api-key-expires"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
