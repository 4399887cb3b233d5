import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import type { Team } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { conflictCurrent } from '../../../app/api/errors.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { useCreateTeam, useRenameTeam } from '../hooks/useTeams.ts';

interface Values {
  name: string;
}

/** Creates a team, or renames `team` (sending its `version`; a conflict reloads the current name). */
export function TeamFormModal({ team, onClose }: { team?: Team; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState(team);
  const [conflict, setConflict] = useState(false);
  const create = useCreateTeam();
  const rename = useRenameTeam();
  const handleError = useApiErrorHandler();
  const pending = create.isPending || rename.isPending;

  const onFinish = ({ name }: Values) => {
    const trimmed = name.trim();
    if (!record) {
      create.mutate(
        { name: trimmed },
        {
          onSuccess: () => {
            void message.success(t('teams.created'));
            onClose();
          },
          onError: (err) =>
            handleError(err, { form, fieldCodes: { TEAM_NAME_TAKEN: 'name', NAME_TAKEN: 'name' } }),
        },
      );
      return;
    }
    if (trimmed === record.name) {
      onClose();
      return;
    }
    rename.mutate(
      { id: record.id, version: record.version, name: trimmed },
      {
        onSuccess: () => {
          void message.success(t('teams.renamed'));
          onClose();
        },
        onError: (err) => {
          const current = conflictCurrent<Team>(err);
          if (current) {
            setRecord(current);
            setConflict(true);
            form.setFieldsValue({ name: current.name });
            return;
          }
          handleError(err, { form, fieldCodes: { TEAM_NAME_TAKEN: 'name', NAME_TAKEN: 'name' } });
        },
      },
    );
  };

  return (
    <Modal
      open
      title={team ? t('teams.renameTitle') : t('teams.createTitle')}
      okText={team ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
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
        initialValues={{ name: team?.name ?? '' }}
        data-testid="team-form"
      >
        <Form.Item
          name="name"
          label={t('teams.fields.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 100, message: t('validation.maxLength', { max: 100 }) },
          ]}
        >
          <Input placeholder={t('teams.fields.namePlaceholder')} autoFocus data-testid="team-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
