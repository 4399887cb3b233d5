import { useState } from 'react';
import { Alert, App, ColorPicker, Flex, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import type { Tag, TagGroup } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { conflictCurrent } from '../../../app/api/errors.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import type { FieldInfo } from '../../customers/api.ts';
import { useSaveTag } from '../hooks/useTags.ts';
import { SegmentRuleEditor } from './SegmentRuleEditor.tsx';
import type { RuleDraft } from './SegmentRuleEditor.tsx';

/** Colours offered first (antd's palette); any other can be picked. */
export const TAG_COLORS = [
  '#1677ff',
  '#13c2c2',
  '#52c41a',
  '#a0d911',
  '#faad14',
  '#fa8c16',
  '#f5222d',
  '#eb2f96',
  '#722ed1',
  '#2f54eb',
  '#8c8c8c',
];

/** Fields an auto-tag rule may not test (a tag's rule must not depend on tags or segments). */
const NOT_FOR_AUTO_TAGS = new Set(['tags', 'segments']);

interface Props {
  open: boolean;
  /** The tag to edit, or the group to add a tag to. */
  target: { tag: Tag } | { groupId: string } | null;
  groups: TagGroup[];
  fields: { data?: { items: FieldInfo[] }; isPending: boolean; error: unknown };
  onClose: () => void;
}

interface Values {
  groupId: string;
  name: string;
  color: string;
  auto: boolean;
}

/**
 * Creates or edits a tag: group, name, colour and an optional auto-tag rule (with the live count of
 * customers it would tag), edited with the same rule builder as segments and list filters.
 */
export function TagEditor({ open, target, groups, fields, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const save = useSaveTag();
  const [form] = Form.useForm<Values>();
  const tag = target && 'tag' in target ? target.tag : null;
  const auto = Form.useWatch('auto', form) ?? tag?.rule != null;
  const [draft, setDraft] = useState<RuleDraft>({ rule: undefined, incomplete: [] });
  const [showErrors, setShowErrors] = useState(false);
  const ruleFields = fields.data?.items.filter((f) => !NOT_FOR_AUTO_TAGS.has(f.key));
  const groupName = (g: TagGroup) => (i18n.language === 'en' ? g.nameEn : g.nameZh);

  const rowErrors: Record<string, string> = {};
  if (showErrors) for (const id of draft.incomplete) rowErrors[id] = t('validation.required');

  const submit = (values: Values) => {
    if (values.auto && (draft.incomplete.length > 0 || draft.rule === undefined)) {
      setShowErrors(true);
      void message.warning(
        draft.incomplete.length > 0 ? t('rules.incomplete') : t('segmentation.tags.ruleRequired'),
      );
      return;
    }
    const rule = values.auto ? draft.rule : null;
    const common = { name: values.name, color: values.color, rule };
    save.mutate(
      tag
        ? { id: tag.id, body: { version: tag.version, ...common } }
        : { body: { groupId: values.groupId, ...common } },
      {
        onSuccess: () => {
          void message.success(t('segmentation.tags.tagSaved'));
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
      },
    );
  };

  return (
    <Modal
      open={open}
      title={tag ? t('segmentation.tags.editTag') : t('segmentation.tags.createTag')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'tag-save' }}
      width={auto ? 1180 : 560}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{
          groupId: tag?.groupId ?? (target && 'groupId' in target ? target.groupId : groups[0]?.id),
          name: tag?.name ?? '',
          color: tag?.color ?? TAG_COLORS[0],
          auto: tag?.rule != null,
        }}
        data-testid="tag-form"
      >
        <Flex gap={16} wrap>
          <Form.Item
            name="groupId"
            label={t('segmentation.tags.group')}
            rules={[{ required: true, message: t('validation.required') }]}
            style={{ flex: '1 1 180px' }}
          >
            <Select
              disabled={!!tag}
              options={groups.map((g) => ({ value: g.id, label: groupName(g) }))}
              data-testid="tag-group"
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('segmentation.tags.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            style={{ flex: '2 1 220px' }}
          >
            <Input maxLength={40} data-testid="tag-name" />
          </Form.Item>
          <Form.Item
            name="color"
            label={t('segmentation.tags.color')}
            getValueFromEvent={(c: { toHexString: () => string }) => c.toHexString()}
            style={{ flex: '0 0 auto' }}
          >
            <ColorPicker
              disabledAlpha
              presets={[{ label: t('segmentation.tags.colors'), colors: TAG_COLORS }]}
              data-testid="tag-color"
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="auto"
          label={t('segmentation.tags.autoRule')}
          valuePropName="checked"
          extra={t('segmentation.tags.autoHelp')}
        >
          <Switch data-testid="tag-auto" />
        </Form.Item>
        {!auto && tag?.rule != null && (
          <Alert
            type="warning"
            showIcon
            message={t('segmentation.tags.ruleOffWarning')}
            style={{ marginBottom: 12 }}
          />
        )}
        {auto && (
          <>
            <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
              {t('segmentation.tags.autoFieldsNote')}
            </Typography.Paragraph>
            <SegmentRuleEditor
              fields={ruleFields}
              fieldsLoading={fields.isPending}
              fieldsError={fields.error}
              initialRule={tag?.rule ?? null}
              use="autoTag"
              onChange={setDraft}
              rowErrors={rowErrors}
              title={t('segmentation.tags.ruleTitle')}
            />
          </>
        )}
      </Form>
    </Modal>
  );
}
