import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CopyOutlined, LikeOutlined, LinkOutlined } from '@ant-design/icons';
import type { CreatedNpsSurvey, NpsChannel, NpsSurvey, NpsSurveyStatus } from '@stratum/contracts';
import { NPS_CHANNELS } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { useSession } from '../../auth/session.ts';
import { useCreateSurvey, useCustomerSurveys, useRevokeSurvey } from '../hooks/useNps.ts';
import { CATEGORY_COLOR, categoryOf, surveyUrl } from '../lib/nps.ts';

const STATUS_COLOR: Record<NpsSurveyStatus, string> = {
  open: 'processing',
  answered: 'success',
  expired: 'default',
  revoked: 'default',
};
const EXPIRY_DAYS = [3, 7, 14, 30, 90];

/** A score as a coloured badge with its category. */
export function ScoreTag({ score }: { score: number }) {
  const { t } = useTranslation();
  const category = categoryOf(score);
  return (
    <Tag color={CATEGORY_COLOR[category]} data-testid="nps-score-tag" style={{ fontWeight: 600 }}>
      {score} · {t(`nps.category.${category}`)}
    </Tag>
  );
}

/** The new link, shown once: copy it and send it. */
function CreatedLink({ survey }: { survey: CreatedNpsSurvey }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const url = surveyUrl(survey.path);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      void message.success(t('nps.customer.copied'));
    } catch {
      void message.warning(t('nps.customer.copyFailed'));
    }
  };
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('nps.customer.createHint')}</Typography.Text>
      <Typography.Text strong>{t('nps.customer.link')}</Typography.Text>
      <Flex gap={8}>
        <Input readOnly value={url} onFocus={(e) => e.target.select()} data-testid="nps-link" />
        <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="nps-copy">
          {t('nps.customer.copy')}
        </Button>
      </Flex>
    </Flex>
  );
}

function CreateModal({
  customerId,
  open,
  onClose,
}: {
  customerId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const handleError = useApiErrorHandler();
  const create = useCreateSurvey(customerId);
  const [form] = Form.useForm<{ channel?: NpsChannel; expiresInDays: number }>();
  const [created, setCreated] = useState<CreatedNpsSurvey | null>(null);
  const close = () => {
    setCreated(null);
    form.resetFields();
    onClose();
  };
  const submit = async () => {
    const values = await form.validateFields();
    try {
      setCreated(await create.mutateAsync(values));
    } catch (err) {
      handleError(err);
    }
  };
  return (
    <Modal
      open={open}
      title={t('nps.customer.createTitle')}
      onCancel={close}
      destroyOnHidden
      footer={
        created ? (
          <Button type="primary" onClick={close} data-testid="nps-done">
            {t('common.ok')}
          </Button>
        ) : (
          <Flex gap={8} justify="end">
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={create.isPending}
              onClick={() => void submit()}
              data-testid="nps-create-ok"
            >
              {t('nps.customer.createOk')}
            </Button>
          </Flex>
        )
      }
      data-testid="nps-create-modal"
    >
      {created ? (
        <CreatedLink survey={created} />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ expiresInDays: 14 }}>
          <Form.Item name="channel" label={t('nps.customer.channel')}>
            <Select
              allowClear
              placeholder={t('nps.customer.channelPlaceholder')}
              options={NPS_CHANNELS.map((c) => ({ value: c, label: t(`nps.channel.${c}`) }))}
              data-testid="nps-channel"
            />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('nps.customer.expiresIn')}>
            <Select
              options={EXPIRY_DAYS.map((days) => ({ value: days, label: t('nps.customer.days', { days }) }))}
              data-testid="nps-expiry"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/**
 * The customer 360 page's NPS card: the latest score, a button to create a single-use survey link
 * (for those who may edit the customer), and the links sent with their answers.
 */
export function NpsCustomerCard({ customerId, canEdit }: { customerId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const zone = me.workspace.timeZone;
  const handleError = useApiErrorHandler();
  const query = useCustomerSurveys(customerId);
  const revoke = useRevokeSurvey(customerId);
  const [creating, setCreating] = useState(false);
  const data = query.data;
  const items = data?.items ?? [];

  const onRevoke = async (id: string) => {
    try {
      await revoke.mutateAsync(id);
      void message.success(t('nps.customer.revoked'));
    } catch (err) {
      handleError(err);
    }
  };

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="customer-nps"
      title={
        <Flex align="center" gap={8}>
          <LikeOutlined />
          {t('nps.customer.title')}
        </Flex>
      }
      extra={
        <Flex gap={12} align="center">
          <Link to="/analytics/nps">{t('nps.customer.more')}</Link>
          {canEdit && (
            <Button
              size="small"
              type="primary"
              ghost
              icon={<LinkOutlined />}
              onClick={() => setCreating(true)}
              data-testid="nps-create"
            >
              {t('nps.customer.create')}
            </Button>
          )}
        </Flex>
      }
    >
      <QueryErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      {data && (
        <Flex vertical gap={12}>
          {data.latestScore === null ? (
            <Typography.Text type="secondary" data-testid="nps-none">
              {t('nps.customer.none')}
            </Typography.Text>
          ) : (
            <Flex align="center" gap={12} wrap data-testid="nps-latest">
              <Typography.Text>{t('nps.customer.latest')}</Typography.Text>
              <ScoreTag score={data.latestScore} />
              {data.latestAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('nps.customer.latestAt', { time: formatDateTime(data.latestAt, zone) })}
                </Typography.Text>
              )}
            </Flex>
          )}
          {items.length > 0 && (
            <Table<NpsSurvey>
              size="small"
              rowKey="id"
              dataSource={items}
              pagination={items.length > 5 ? { pageSize: 5, size: 'small' } : false}
              scroll={{ x: 'max-content' }}
              data-testid="nps-history"
              columns={[
                {
                  key: 'sent',
                  title: t('nps.customer.sentAt'),
                  render: (_, s) => formatDateTime(s.createdAt, zone),
                },
                {
                  key: 'status',
                  title: t('nps.customer.history'),
                  render: (_, s) => (
                    <Tag color={STATUS_COLOR[s.status]} data-testid={`nps-status-${s.status}`}>
                      {t(`nps.status.${s.status}`)}
                    </Tag>
                  ),
                },
                {
                  key: 'score',
                  title: t('nps.customer.score'),
                  render: (_, s) => (s.score === null ? '—' : <ScoreTag score={s.score} />),
                },
                {
                  key: 'comment',
                  title: t('nps.customer.comment'),
                  render: (_, s) => (
                    <Typography.Paragraph
                      style={{ marginBottom: 0, maxWidth: 360 }}
                      ellipsis={{ rows: 2, expandable: true }}
                    >
                      {s.comment ?? '—'}
                    </Typography.Paragraph>
                  ),
                },
                {
                  key: 'channel',
                  title: t('nps.customer.channel'),
                  render: (_, s) => (s.channel ? t(`nps.channel.${s.channel}`) : '—'),
                },
                {
                  key: 'by',
                  title: t('nps.customer.createdBy'),
                  render: (_, s) => s.createdByName ?? '—',
                },
                {
                  key: 'expires',
                  title: t('nps.customer.expiresAt'),
                  render: (_, s) => formatDateTime(s.expiresAt, zone),
                },
                ...(canEdit
                  ? [
                      {
                        key: 'actions',
                        title: '',
                        render: (_: unknown, s: NpsSurvey) =>
                          s.status === 'open' ? (
                            <Popconfirm
                              title={t('nps.customer.revokeConfirm')}
                              onConfirm={() => onRevoke(s.id)}
                              okButtonProps={{ danger: true }}
                            >
                              <Button size="small" type="link" danger data-testid="nps-revoke">
                                {t('nps.customer.revoke')}
                              </Button>
                            </Popconfirm>
                          ) : null,
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </Flex>
      )}
      <CreateModal customerId={customerId} open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
