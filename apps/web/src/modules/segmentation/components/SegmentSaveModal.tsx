import { useState } from 'react';
import { App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import type { Customer } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { useCreateSegment, useSegmentMembership, useSegments } from '../hooks/useSegments.ts';

interface Props {
  open: boolean;
  customers: Customer[];
  onClose: () => void;
  onDone: () => void;
}

interface Values {
  target: 'new' | 'existing';
  name?: string;
  description?: string;
  segmentId?: string;
}

/** Saves the selected customers as a new static segment, or adds them to an existing one. */
export function SegmentSaveModal({ open, customers, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const target = Form.useWatch('target', form) ?? 'new';
  const segments = useSegments(undefined);
  const create = useCreateSegment();
  const membership = useSegmentMembership();
  const [search, setSearch] = useState('');
  const ids = customers.map((c) => c.id);
  const statics = (segments.data?.items ?? []).filter((s) => s.kind === 'static');

  const saved = (id: string, name: string, affected: number) => {
    void message.success({
      content: (
        <span>
          {t('segmentation.segments.bulk.saved', { affected, name })}{' '}
          {/* Messages render outside the router: navigate by hand. */}
          <a onClick={() => void navigate(`/segmentation/segments/${id}`)} data-testid="bulk-segment-view">
            {t('segmentation.segments.bulk.view')}
          </a>
        </span>
      ),
      duration: 6,
    });
    onDone();
    onClose();
  };

  const submit = (values: Values) => {
    if (values.target === 'new') {
      create.mutate(
        {
          name: values.name ?? '',
          description: values.description?.trim() ?? '',
          kind: 'static',
          customerIds: ids,
        },
        {
          onSuccess: (s) => saved(s.id, s.name, s.count),
          onError: (err) => handleError(err, { form }),
        },
      );
      return;
    }
    const segment = statics.find((s) => s.id === values.segmentId);
    if (!segment) return;
    membership.mutate(
      { id: segment.id, add: ids },
      {
        onSuccess: (r) => saved(segment.id, segment.name, r.affected),
        onError: (err) => handleError(err),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('segmentation.segments.bulk.title', { n: customers.length })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || membership.isPending}
      okButtonProps={{ 'data-testid': 'bulk-segment-ok' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{ target: 'new' }}
        data-testid="bulk-segment-form"
      >
        <Form.Item name="target">
          <Radio.Group
            options={[
              { value: 'new', label: t('segmentation.segments.bulk.new') },
              {
                value: 'existing',
                label: t('segmentation.segments.bulk.existing'),
                disabled: statics.length === 0,
              },
            ]}
            data-testid="bulk-segment-target"
          />
        </Form.Item>
        {target === 'new' ? (
          <>
            <Form.Item
              name="name"
              label={t('segmentation.segments.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input maxLength={80} autoFocus data-testid="bulk-segment-name" />
            </Form.Item>
            <Form.Item name="description" label={t('segmentation.segments.description')}>
              <Input maxLength={1000} />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="segmentId"
            label={t('segmentation.segments.bulk.pick')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select
              showSearch
              searchValue={search}
              onSearch={setSearch}
              optionFilterProp="label"
              options={statics.map((s) => ({ value: s.id, label: s.name }))}
              loading={segments.isPending}
              data-testid="bulk-segment-pick"
            />
          </Form.Item>
        )}
        <Typography.Text type="secondary">{t('segmentation.segments.bulk.help')}</Typography.Text>
      </Form>
    </Modal>
  );
}
