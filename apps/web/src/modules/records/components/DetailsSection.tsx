import { Descriptions, Skeleton, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { Customer } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { CUSTOMER_STATUS_COLOR, SIZE_BANDS, SOURCES, isOneOf } from '../lib/enums.ts';
import { useCustomFields } from '../hooks/useRecords.ts';
import { orBlank } from './shared.tsx';

const COLUMNS = { xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 };

/** A custom field value: a list as tags, nothing when empty. */
function customValue(value: unknown) {
  if (Array.isArray(value))
    return value.length ? value.map((v) => <Tag key={String(v)}>{String(v)}</Tag>) : null;
  if (value === null || value === undefined || value === '') return null;
  return String(value);
}

/** 详细资料: every field of the customer, custom fields included (labelled in the UI language). */
export function DetailsSection({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const fields = useCustomFields();
  const labels = {
    name: t('records.customer.fields.name'),
    kind: t('records.customer.fields.kind'),
    status: t('records.customer.fields.status'),
    owner: t('records.customer.fields.owner'),
    externalId: t('records.customer.fields.externalId'),
    industry: t('records.customer.fields.industry'),
    sizeBand: t('records.customer.fields.sizeBand'),
    source: t('records.customer.fields.source'),
    phone: t('records.customer.fields.phone'),
    email: t('records.customer.fields.email'),
    wechat: t('records.customer.fields.wechat'),
    website: t('records.customer.fields.website'),
    province: t('records.customer.fields.province'),
    city: t('records.customer.fields.city'),
    address: t('records.customer.fields.address'),
    notes: t('records.customer.fields.notes'),
    createdAt: t('records.customer.fields.createdAt'),
    updatedAt: t('records.customer.fields.updatedAt'),
  };

  const basic: DescriptionsProps['items'] = [
    { key: 'name', label: labels.name, children: customer.name },
    { key: 'kind', label: labels.kind, children: t(`records.customer.kind.${customer.kind}`) },
    {
      key: 'status',
      label: labels.status,
      children: (
        <Tag color={CUSTOMER_STATUS_COLOR[customer.status]}>
          {t(`records.customer.status.${customer.status}`)}
        </Tag>
      ),
    },
    {
      key: 'owner',
      label: labels.owner,
      children: customer.ownerName ?? <Tag color="orange">{t('records.detail.pool')}</Tag>,
    },
    { key: 'externalId', label: labels.externalId, children: orBlank(customer.externalId) },
    { key: 'industry', label: labels.industry, children: orBlank(customer.industry) },
    {
      key: 'sizeBand',
      label: labels.sizeBand,
      children: orBlank(
        isOneOf(SIZE_BANDS, customer.sizeBand)
          ? t(`records.customer.sizeBand.${customer.sizeBand}`)
          : customer.sizeBand,
      ),
    },
    {
      key: 'source',
      label: labels.source,
      children: orBlank(
        isOneOf(SOURCES, customer.source) ? t(`records.customer.source.${customer.source}`) : customer.source,
      ),
    },
    {
      key: 'notes',
      label: labels.notes,
      span: 'filled',
      children: customer.notes ? (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {customer.notes}
        </Typography.Paragraph>
      ) : (
        orBlank(null)
      ),
    },
  ];

  const contact: DescriptionsProps['items'] = [
    {
      key: 'phone',
      label: labels.phone,
      children: customer.phone ? <Typography.Text copyable>{customer.phone}</Typography.Text> : orBlank(null),
    },
    {
      key: 'email',
      label: labels.email,
      children: customer.email ? <a href={`mailto:${customer.email}`}>{customer.email}</a> : orBlank(null),
    },
    {
      key: 'wechat',
      label: labels.wechat,
      children: customer.wechat ? (
        <Typography.Text copyable>{customer.wechat}</Typography.Text>
      ) : (
        orBlank(null)
      ),
    },
    {
      key: 'website',
      label: labels.website,
      children: customer.website ? (
        <Typography.Link
          href={/^https?:\/\//i.test(customer.website) ? customer.website : `https://${customer.website}`}
          target="_blank"
          rel="noopener noreferrer"
        >
          {customer.website}
        </Typography.Link>
      ) : (
        orBlank(null)
      ),
    },
    { key: 'province', label: labels.province, children: orBlank(customer.province) },
    { key: 'city', label: labels.city, children: orBlank(customer.city) },
    { key: 'address', label: labels.address, span: 'filled', children: orBlank(customer.address) },
  ];

  const defs = fields.data?.items ?? [];
  const defined = new Set(defs.map((d) => d.key));
  const custom: DescriptionsProps['items'] = [
    ...defs.map((d) => ({
      key: `cf-${d.key}`,
      label: i18n.language === 'en' ? d.labelEn : d.labelZh,
      children: orBlank(customValue(customer.customFields[d.key])),
    })),
    // Values whose definition is gone still show, under their key.
    ...Object.keys(customer.customFields)
      .filter((key) => !defined.has(key))
      .map((key) => ({
        key: `cf-${key}`,
        label: t('records.details.unknownField', { key }),
        children: orBlank(customValue(customer.customFields[key])),
      })),
  ];

  const system: DescriptionsProps['items'] = [
    { key: 'createdAt', label: labels.createdAt, children: formatDateTime(customer.createdAt, timeZone) },
    { key: 'updatedAt', label: labels.updatedAt, children: formatDateTime(customer.updatedAt, timeZone) },
  ];

  return (
    <div data-testid="customer-details">
      <Descriptions title={t('records.details.basic')} bordered size="small" column={COLUMNS} items={basic} />
      <Descriptions
        title={t('records.details.contact')}
        bordered
        size="small"
        column={COLUMNS}
        items={contact}
        className="records-descriptions"
      />
      <div className="records-descriptions" data-testid="customer-custom-fields">
        <QueryErrorAlert error={fields.error} onRetry={() => void fields.refetch()} />
        {fields.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : custom.length ? (
          <Descriptions
            title={t('records.details.custom')}
            bordered
            size="small"
            column={COLUMNS}
            items={custom}
          />
        ) : (
          <Descriptions title={t('records.details.custom')}>
            <Descriptions.Item>
              <Typography.Text type="secondary">{t('records.details.noCustomFields')}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        )}
      </div>
      <Descriptions
        title={t('records.details.system')}
        bordered
        size="small"
        column={COLUMNS}
        items={system}
        className="records-descriptions"
      />
    </div>
  );
}
