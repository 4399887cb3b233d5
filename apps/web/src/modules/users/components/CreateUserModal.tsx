import { App, Form, Input, Modal } from 'antd';
import type { Role } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { TeamSelect } from '../../teams/components/TeamSelect.tsx';
import { useCreateUser } from '../hooks/useUsers.ts';
import { RoleSelect } from './RoleSelect.tsx';

interface Values {
  name: string;
  email: string;
  password: string;
  role: Role;
  teamId?: string | null;
}

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const handleError = useApiErrorHandler();
  const required = { required: true, whitespace: true, message: t('validation.required') };

  const onFinish = (values: Values) => {
    create.mutate(
      {
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
        role: values.role,
        teamId: values.teamId ?? null,
      },
      {
        onSuccess: () => {
          void message.success(t('users.created'));
          onClose();
        },
        onError: (err) => handleError(err, { form, fieldCodes: { EMAIL_TAKEN: 'email' } }),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('users.createTitle')}
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
        initialValues={{ role: 'rep' }}
        clearOnDestroy
        data-testid="user-create-form"
      >
        <Form.Item
          name="name"
          label={t('users.fields.name')}
          rules={[required, { max: 100, message: t('validation.maxLength', { max: 100 }) }]}
        >
          <Input autoFocus data-testid="user-name" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('users.fields.email')}
          rules={[required, { type: 'email', message: t('validation.email') }]}
        >
          <Input autoComplete="off" data-testid="user-email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.fields.password')}
          extra={t('users.fields.passwordHint')}
          rules={[
            { required: true, message: t('validation.required') },
            { min: 8, message: t('validation.passwordMin') },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.fields.role')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <RoleSelect data-testid="user-role" />
        </Form.Item>
        <Form.Item name="teamId" label={t('users.fields.team')}>
          <TeamSelect data-testid="user-team" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
