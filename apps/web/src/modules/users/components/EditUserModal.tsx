import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import type { Role, UpdateUserBody, User } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { conflictCurrent } from '../../../app/api/errors.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { TeamSelect } from '../../teams/components/TeamSelect.tsx';
import { useUpdateUser } from '../hooks/useUsers.ts';
import { RoleSelect } from './RoleSelect.tsx';

interface Values {
  name: string;
  role: Role;
  teamId: string | null;
}

const valuesOf = (user: User): Values => ({ name: user.name, role: user.role, teamId: user.teamId });

/**
 * Edit name, role and team. Sends the `version` it was opened with; when someone else saved first
 * (409 `VERSION_CONFLICT`) the form reloads the current record and says so.
 */
export function EditUserModal({
  user,
  isSelf,
  onClose,
}: {
  user: User;
  isSelf: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState(user);
  const [conflict, setConflict] = useState(false);
  const update = useUpdateUser();
  const handleError = useApiErrorHandler();

  const onFinish = (values: Values) => {
    const body: UpdateUserBody = { version: record.version };
    if (values.name.trim() !== record.name) body.name = values.name.trim();
    if (values.role !== record.role && !isSelf) body.role = values.role;
    if ((values.teamId ?? null) !== record.teamId) body.teamId = values.teamId ?? null;
    if (Object.keys(body).length === 1) {
      onClose();
      return;
    }
    update.mutate(
      { id: record.id, body },
      {
        onSuccess: () => {
          void message.success(t('users.updated'));
          onClose();
        },
        onError: (err) => {
          const current = conflictCurrent<User>(err);
          if (current) {
            setRecord(current);
            setConflict(true);
            form.setFieldsValue(valuesOf(current));
            return;
          }
          handleError(err, { form });
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('users.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      maskClosable={false}
    >
      {conflict && (
        <Alert type="warning" showIcon message={t('errors.versionConflict')} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        initialValues={valuesOf(user)}
        data-testid="user-edit-form"
      >
        <Form.Item label={t('users.fields.email')}>
          <Input value={record.email} disabled />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('users.fields.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 100, message: t('validation.maxLength', { max: 100 }) },
          ]}
        >
          <Input data-testid="user-name" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.fields.role')}
          extra={isSelf ? t('users.cannotChangeSelf') : undefined}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <RoleSelect disabled={isSelf} data-testid="user-role" />
        </Form.Item>
        <Form.Item name="teamId" label={t('users.fields.team')}>
          <TeamSelect data-testid="user-team" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
