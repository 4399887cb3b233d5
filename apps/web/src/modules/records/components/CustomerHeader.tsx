import type { ReactNode } from 'react';
import {
  Avatar,
  Button,
  Card,
  Col,
  Divider,
  Flex,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  DeleteOutlined,
  EditOutlined,
  EnvironmentOutlined,
  IdcardOutlined,
  MailOutlined,
  PhoneOutlined,
  PlusOutlined,
  ShopOutlined,
  UserOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import type { Customer } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney } from '../../../app/format.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { CUSTOMER_STATUS_COLOR } from '../lib/enums.ts';
import { daysAgo } from '../lib/time.ts';

const AVATAR_COLORS = ['#1f6feb', '#2da44e', '#8250df', '#d4a017', '#cf222e', '#0a7ea4', '#bf3989'];

/** A stable colour per customer, so the same customer always looks the same. */
function avatarColor(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return AVATAR_COLORS[Math.abs(hash) % AVATAR_COLORS.length]!;
}

function Meta({ icon, children, label }: { icon: ReactNode; children: ReactNode; label: string }) {
  return (
    <Tooltip title={label}>
      <Space size={4} className="customer-meta-item" aria-label={label}>
        <Typography.Text type="secondary">{icon}</Typography.Text>
        {children}
      </Space>
    </Tooltip>
  );
}

/** A date key figure with how long ago it was ("3 天前"). */
function useAgo(timeZone: string) {
  const { t } = useTranslation();
  return (value: string | null): ReactNode => {
    if (!value) return null;
    const days = daysAgo(value, timeZone);
    if (days < 0) return null;
    return (
      <Typography.Text type="secondary" className="key-figure-suffix">
        {days === 0 ? t('records.figures.today') : t('records.figures.daysAgo', { days })}
      </Typography.Text>
    );
  };
}

/** The customer's identity, contact details, key figures and the main actions. */
export function CustomerHeader({
  customer,
  canEdit,
  canDelete,
  deleting,
  onAddFollowup,
  onEdit,
  onDelete,
}: {
  customer: Customer;
  canEdit: boolean;
  canDelete: boolean;
  deleting: boolean;
  onAddFollowup: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const ago = useAgo(timeZone);
  const region = [customer.province, customer.city].filter(Boolean).join(' · ');
  const never = t('records.figures.never');

  return (
    <Card className="customer-header" data-testid="customer-header">
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <Flex gap={16} align="flex-start" className="customer-identity">
          <Avatar
            size={56}
            style={{ background: avatarColor(customer.id), flex: 'none', fontSize: 24 }}
            icon={customer.kind === 'individual' ? <UserOutlined /> : undefined}
          >
            {customer.kind === 'company' ? customer.name.trim().charAt(0) : null}
          </Avatar>
          <div style={{ minWidth: 0 }}>
            <Flex align="center" gap={8} wrap>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="customer-name">
                {customer.name}
              </Typography.Title>
              <Tag bordered={false} data-testid="customer-kind">
                {t(`records.customer.kind.${customer.kind}`)}
              </Tag>
              <Tag color={CUSTOMER_STATUS_COLOR[customer.status]} data-testid="customer-status">
                {t(`records.customer.status.${customer.status}`)}
              </Tag>
            </Flex>
            <Flex gap="4px 20px" wrap className="customer-meta" data-testid="customer-meta">
              <Meta icon={<UserOutlined />} label={t('records.detail.owner')}>
                {customer.ownerName ? (
                  <span data-testid="customer-owner">{customer.ownerName}</span>
                ) : (
                  <Tag color="orange" style={{ margin: 0 }} data-testid="customer-owner">
                    {t('records.detail.pool')}
                  </Tag>
                )}
              </Meta>
              {customer.industry && (
                <Meta icon={<ShopOutlined />} label={t('records.customer.fields.industry')}>
                  {customer.industry}
                </Meta>
              )}
              {region && (
                <Meta icon={<EnvironmentOutlined />} label={t('records.customer.fields.region')}>
                  {region}
                </Meta>
              )}
              {customer.externalId && (
                <Meta icon={<IdcardOutlined />} label={t('records.customer.fields.externalId')}>
                  <Typography.Text copyable={{ text: customer.externalId }}>
                    {customer.externalId}
                  </Typography.Text>
                </Meta>
              )}
            </Flex>
            {(customer.phone || customer.email || customer.wechat) && (
              <Flex gap="4px 20px" wrap className="customer-meta">
                {customer.phone && (
                  <Meta icon={<PhoneOutlined />} label={t('records.customer.fields.phone')}>
                    <Typography.Link href={`tel:${customer.phone}`}>{customer.phone}</Typography.Link>
                  </Meta>
                )}
                {customer.email && (
                  <Meta icon={<MailOutlined />} label={t('records.customer.fields.email')}>
                    <Typography.Link href={`mailto:${customer.email}`}>{customer.email}</Typography.Link>
                  </Meta>
                )}
                {customer.wechat && (
                  <Meta icon={<WechatOutlined />} label={t('records.customer.fields.wechat')}>
                    <Typography.Text copyable={{ text: customer.wechat }}>{customer.wechat}</Typography.Text>
                  </Meta>
                )}
              </Flex>
            )}
          </div>
        </Flex>
        {canEdit && (
          <Space wrap className="customer-actions">
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={onAddFollowup}
              data-testid="customer-add-followup"
            >
              {t('records.detail.addFollowup')}
            </Button>
            <Button icon={<EditOutlined />} onClick={onEdit} data-testid="customer-edit">
              {t('records.detail.edit')}
            </Button>
            {canDelete && (
              <Popconfirm
                title={t('records.detail.deleteConfirm', { name: customer.name })}
                description={<div style={{ maxWidth: 280 }}>{t('records.detail.deleteHint')}</div>}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true, loading: deleting }}
                onConfirm={onDelete}
                placement="bottomRight"
              >
                <Button danger icon={<DeleteOutlined />} data-testid="customer-delete">
                  {t('records.detail.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </Flex>
      <Divider style={{ margin: '20px 0 16px' }} />
      <Row gutter={[16, 16]} data-testid="customer-key-figures">
        <Col xs={12} md={6}>
          <Statistic
            title={t('records.figures.lifetimeSpend')}
            value={formatMoney(customer.lifetimeSpend)}
            data-testid="figure-lifetime-spend"
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('records.figures.lastOrderAt')}
            value={formatDate(customer.lastOrderAt, timeZone) || never}
            valueStyle={customer.lastOrderAt ? undefined : { color: 'rgba(0,0,0,0.35)' }}
            suffix={ago(customer.lastOrderAt)}
            data-testid="figure-last-order"
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('records.figures.lastFollowupAt')}
            value={formatDate(customer.lastFollowupAt, timeZone) || never}
            valueStyle={customer.lastFollowupAt ? undefined : { color: 'rgba(0,0,0,0.35)' }}
            suffix={ago(customer.lastFollowupAt)}
            data-testid="figure-last-followup"
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('records.figures.openTickets')}
            value={customer.openTickets}
            valueStyle={customer.openTickets > 0 ? { color: '#cf222e' } : undefined}
            data-testid="figure-open-tickets"
          />
        </Col>
      </Row>
    </Card>
  );
}
