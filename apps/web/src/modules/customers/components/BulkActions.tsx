import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Modal, Popconfirm, Typography } from 'antd';
import type { Customer } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { usePermissions } from '../../auth/session.ts';
import { useBulkCustomers } from '../hooks/useCustomers.ts';
import { SegmentSaveModal } from '../../segmentation/components/SegmentSaveModal.tsx';
import { TagCustomersModal } from '../../segmentation/components/TagCustomersModal.tsx';
import { OwnerPicker } from './OwnerPicker.tsx';

interface Props {
  selected: Customer[];
  onDone: () => void;
}

const KNOWN_REASONS = ['FORBIDDEN', 'NOT_FOUND', 'VERSION_CONFLICT', 'VALIDATION_FAILED'] as const;
type KnownReason = (typeof KNOWN_REASONS)[number];
const isKnownReason = (code: string): code is KnownReason =>
  (KNOWN_REASONS as readonly string[]).includes(code);

/**
 * Bulk actions on selected customers, each shown with its permission: tag / untag, save as (or add to)
 * a static segment, change owner (to a colleague or the pool) and delete.
 */
export function BulkActions({ selected, onDone }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const can = usePermissions();
  const bulk = useBulkCustomers();
  const handleError = useApiErrorHandler();
  const [transferring, setTransferring] = useState(false);
  const [tagging, setTagging] = useState<'add' | 'remove' | null>(null);
  const [segmenting, setSegmenting] = useState(false);
  const [form] = Form.useForm<{ ownerId?: string | null }>();
  const n = selected.length;

  const reason = (code: string) =>
    isKnownReason(code) ? t(`customers.skipReasons.${code}`) : t('customers.skipReasons.other', { code });

  const report = (result: { affected: number; skipped: { id: string; code: string }[] }) => {
    if (result.affected === 0 && result.skipped.length === 0) void message.info(t('customers.bulk.nothing'));
    else void message.success(t('customers.bulk.done', { affected: result.affected }));
    if (result.skipped.length > 0) {
      const names = new Map(selected.map((c) => [c.id, c.name]));
      modal.warning({
        title: t('customers.bulk.skippedTitle', { n: result.skipped.length }),
        content: (
          <div data-testid="bulk-skipped">
            <Typography.Paragraph>{t('customers.bulk.skippedIntro')}</Typography.Paragraph>
            <ul style={{ paddingInlineStart: 20, margin: 0 }}>
              {result.skipped.map((s) => (
                <li key={s.id}>
                  {names.get(s.id) ?? s.id}: {reason(s.code)}
                </li>
              ))}
            </ul>
          </div>
        ),
      });
    }
    onDone();
  };

  const ids = selected.map((c) => c.id);

  const transfer = ({ ownerId }: { ownerId?: string | null }) => {
    if (ownerId === undefined) {
      form.setFields([{ name: 'ownerId', errors: [t('customers.bulk.ownerRequired')] }]);
      return;
    }
    bulk.mutate(
      { ids, action: 'change_owner', ownerId },
      {
        onSuccess: (result) => {
          setTransferring(false);
          report(result);
        },
        onError: (err) => handleError(err, { form }),
      },
    );
  };

  return (
    <>
      <Alert
        type="info"
        style={{ marginBottom: 12 }}
        data-testid="bulk-bar"
        message={
          <Flex align="center" gap={12} wrap>
            <span data-testid="bulk-count">{t('customers.bulk.selected', { n })}</span>
            {can('customers.write') && (
              <>
                <Button size="small" onClick={() => setTagging('add')} data-testid="bulk-tag">
                  {t('segmentation.tags.bulk.tag')}
                </Button>
                <Button size="small" onClick={() => setTagging('remove')} data-testid="bulk-untag">
                  {t('segmentation.tags.bulk.untag')}
                </Button>
              </>
            )}
            {can('segments.manage') && (
              <Button size="small" onClick={() => setSegmenting(true)} data-testid="bulk-save-segment">
                {t('segmentation.segments.bulk.button')}
              </Button>
            )}
            {can('customers.transfer') && (
              <Button
                size="small"
                onClick={() => {
                  form.resetFields();
                  setTransferring(true);
                }}
                data-testid="bulk-change-owner"
              >
                {t('customers.bulk.changeOwner')}
              </Button>
            )}
            {can('customers.delete') && (
              <Popconfirm
                title={t('customers.bulk.deleteConfirm', { n })}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true, 'data-testid': 'bulk-delete-ok' }}
                onConfirm={() =>
                  bulk.mutateAsync({ ids, action: 'delete' }).then(report, (err: unknown) => handleError(err))
                }
              >
                <Button
                  size="small"
                  danger
                  loading={bulk.isPending && !transferring}
                  data-testid="bulk-delete"
                >
                  {t('customers.bulk.delete')}
                </Button>
              </Popconfirm>
            )}
            <Button size="small" type="link" onClick={onDone} data-testid="bulk-clear">
              {t('customers.bulk.clear')}
            </Button>
          </Flex>
        }
      />
      <Modal
        open={transferring}
        title={t('customers.bulk.changeOwnerTitle', { n })}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setTransferring(false)}
        confirmLoading={bulk.isPending}
        okButtonProps={{ 'data-testid': 'bulk-change-owner-ok' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={transfer} data-testid="bulk-change-owner-form">
          <Form.Item name="ownerId" label={t('customers.bulk.newOwner')}>
            <OwnerPicker data-testid="bulk-owner" />
          </Form.Item>
        </Form>
      </Modal>
      <TagCustomersModal
        mode={tagging}
        customers={selected}
        onClose={() => setTagging(null)}
        onDone={onDone}
      />
      <SegmentSaveModal
        open={segmenting}
        customers={selected}
        onClose={() => setSegmenting(false)}
        onDone={onDone}
      />
    </>
  );
}
